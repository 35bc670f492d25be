package dev.berth.remote.monitor;

import java.time.Duration;
import java.util.Locale;

/**
 * What a request or response body held, bounded: the first bytes as text, or only a size for binary data, and for
 * streams (logs, events, pulls, hijacked connections) only how much went by, in how many lines or frames, for how
 * long. The content of an endless stream is not worth keeping and could be anything, so it is never stored.
 *
 * @param bytes     how many body bytes went over the wire (for chunked bodies: the data, not the framing)
 * @param text      the first bytes decoded as UTF-8, or {@code null} for binary bodies and streams
 * @param truncated more bytes went by than {@code text} holds
 * @param stream    the body is a stream, summarised rather than kept
 * @param units     lines (text streams) or frames (multiplexed stdout/stderr streams) seen
 * @param unitName  "lines" or "frames"
 * @param openFor   how long the stream was open, or {@code null} for ordinary bodies
 */
public record BodySummary(long bytes, String text, boolean truncated, boolean stream, long units, String unitName,
                          Duration openFor) {

    public static final BodySummary EMPTY = new BodySummary(0, "", false, false, 0, "lines", null);

    public boolean isEmpty() {
        return bytes == 0 && !stream;
    }

    public boolean binary() {
        return !stream && bytes > 0 && text == null;
    }

    /** One line for lists and logs: the text itself, "N bytes binary", or "stream, N bytes, M lines, open for X s". */
    public String describe() {
        if (stream) {
            double seconds = openFor == null ? 0 : openFor.toMillis() / 1000.0;
            return String.format(Locale.ROOT, "stream, %d bytes, %d %s, open for %.1f s", bytes, units, unitName, seconds);
        }
        if (bytes == 0) {
            return "";
        }
        if (text == null) {
            return bytes + " bytes binary";
        }
        return truncated ? text + "… (" + bytes + " bytes in all)" : text;
    }
}
