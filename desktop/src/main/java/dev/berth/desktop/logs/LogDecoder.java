package dev.berth.desktop.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one output stream (stdout or stderr) of a logs response into {@link LogLine}s: lines split across chunks,
 * the engine's timestamp prefix taken off, terminal control sequences applied.
 */
final class LogDecoder {

    private final LogLine.Source source;
    private final boolean timestamped;
    private final boolean framed;
    private final LineSplitter splitter = new LineSplitter();

    /**
     * @param timestamped the engine was asked for timestamps
     * @param framed      the output is multiplexed, so every chunk starts a log message of its own; the engine
     *                    splits lines longer than 16 KiB into several messages, each with its own timestamp, and the
     *                    continuations' timestamps must not end up in the middle of the line
     */
    LogDecoder(LogLine.Source source, boolean timestamped, boolean framed) {
        this.source = source;
        this.timestamped = timestamped;
        this.framed = framed;
    }

    List<LogLine> feed(byte[] chunk) {
        int skip = 0;
        if (framed && timestamped && splitter.hasPending()) {
            skip = LogTimestamps.prefixLength(chunk, 0, chunk.length);
        }
        List<String> raw = splitter.feed(chunk, skip, chunk.length - skip);
        List<LogLine> lines = new ArrayList<>(raw.size());
        for (String line : raw) {
            lines.add(line(line));
        }
        return lines;
    }

    /** The last line if the stream ended without a newline, or null. */
    LogLine finish() {
        String rest = splitter.flush();
        return rest == null ? null : line(rest);
    }

    private LogLine line(String raw) {
        String timestamp = null;
        String text = raw;
        if (timestamped) {
            int n = LogTimestamps.prefixLength(raw);
            if (n > 0) {
                timestamp = raw.substring(0, n - 1);
                text = raw.substring(n);
            }
        }
        return new LogLine(source, timestamp, TerminalText.clean(text));
    }
}
