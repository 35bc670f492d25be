package dev.berth.desktop.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into lines. Chunks arrive cut anywhere (inside a line, between "\r" and "\n", inside a UTF-8
 * character), so the unfinished tail is kept until its newline comes. Works on bytes and decodes whole lines only:
 * "\r" and "\n" never occur inside a multi-byte UTF-8 character, a chunk boundary may.
 */
final class LineSplitter {

    /** A line that never ends (a binary blob, a runaway progress bar) is cut here rather than held forever. */
    static final int MAX_LINE_BYTES = 256 * 1024;

    private byte[] pending = new byte[256];
    private int length;

    /** Appends a chunk and returns the lines it completed, without "\n" or "\r\n". */
    List<String> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    List<String> feed(byte[] chunk, int offset, int count) {
        List<String> lines = new ArrayList<>();
        int end = offset + count;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                if (length == 0) {
                    lines.add(decode(chunk, start, i - start)); // the common case: no copy
                } else {
                    append(chunk, start, i - start, lines);
                    lines.add(take());
                }
                start = i + 1;
            }
        }
        append(chunk, start, end - start, lines);
        return lines;
    }

    boolean hasPending() {
        return length > 0;
    }

    /** The unfinished last line at the end of a stream, or null. */
    String flush() {
        return length == 0 ? null : take();
    }

    private void append(byte[] bytes, int offset, int count, List<String> lines) {
        while (count > 0) {
            int room = MAX_LINE_BYTES - length;
            int n = Math.min(room, count);
            ensureCapacity(length + n);
            System.arraycopy(bytes, offset, pending, length, n);
            length += n;
            offset += n;
            count -= n;
            if (length == MAX_LINE_BYTES) {
                lines.add(take());
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > pending.length) {
            byte[] bigger = new byte[Math.max(needed, Math.min(pending.length * 2, MAX_LINE_BYTES))];
            System.arraycopy(pending, 0, bigger, 0, length);
            pending = bigger;
        }
    }

    private String take() {
        String line = decode(pending, 0, length);
        length = 0;
        if (pending.length > 4096) {
            pending = new byte[256]; // one huge line should not pin its buffer for the rest of the stream
        }
        return line;
    }

    private static String decode(byte[] bytes, int offset, int count) {
        if (count > 0 && bytes[offset + count - 1] == '\r') {
            count--;
        }
        return new String(bytes, offset, count, StandardCharsets.UTF_8);
    }
}
