package dev.berth.remote.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Watches the bytes of one body go by, from the thread that forwards them: keeps the first {@code limit} bytes of an
 * ordinary body, and for a stream counts lines or, for Docker's multiplexed stdout/stderr framing, frames.
 */
final class BodyCapture {

    private final int limit;
    private final boolean stream;
    private final boolean frames;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private volatile long bytes;
    private long lines;
    private long frameCount;
    private boolean endsWithNewline = true;
    // multiplexed framing: 8-byte header [type,0,0,0,size BE], then size bytes of payload
    private int headerSeen;
    private long payloadLeft;
    private long declaredSize;

    BodyCapture(int limit, boolean stream, boolean frames) {
        this.limit = limit;
        this.stream = stream;
        this.frames = frames;
    }

    synchronized void update(byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        bytes += length;
        if (!stream && kept.size() < limit) {
            kept.write(data, offset, Math.min(length, limit - kept.size()));
        }
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == '\n') {
                lines++;
            }
        }
        endsWithNewline = data[offset + length - 1] == '\n';
        if (frames) {
            countFrames(data, offset, length);
        }
    }

    private void countFrames(byte[] data, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (payloadLeft > 0) {
                int take = (int) Math.min(payloadLeft, end - i);
                payloadLeft -= take;
                i += take;
                continue;
            }
            if (headerSeen >= 4) {
                declaredSize = (declaredSize << 8) | (data[i] & 0xff);
            }
            headerSeen++;
            i++;
            if (headerSeen == 8) {
                frameCount++;
                payloadLeft = declaredSize;
                headerSeen = 0;
                declaredSize = 0;
            }
        }
    }

    long bytes() {
        return bytes;
    }

    synchronized BodySummary summary(String contentType, Duration openFor) {
        if (stream) {
            long units = frames ? frameCount : lines + (bytes > 0 && !endsWithNewline ? 1 : 0);
            return new BodySummary(bytes, null, false, true, units, frames ? "frames" : "lines", openFor);
        }
        if (bytes == 0) {
            return BodySummary.EMPTY;
        }
        byte[] data = kept.toByteArray();
        String text = looksLikeText(contentType) ? decode(data) : null;
        return new BodySummary(bytes, text, bytes > data.length, false, 0, "lines", null);
    }

    private static boolean looksLikeText(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.contains("tar") || type.contains("octet-stream") || type.contains("vnd.docker.raw-stream")
                || type.contains("multiplexed-stream") || type.contains("gzip")) {
            return false;
        }
        return true;
    }

    /** UTF-8 text without control characters other than whitespace and ESC; anything else counts as binary. */
    private String decode(byte[] data) {
        // a character cut by the limit is not binary data: drop up to three trailing bytes of it
        int cut = data.length == limit ? 3 : 0;
        for (int drop = 0; drop <= cut && drop < data.length; drop++) {
            String text = strictUtf8(data, data.length - drop);
            if (text != null) {
                return withoutControls(text);
            }
        }
        return null;
    }

    private static String strictUtf8(byte[] data, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String withoutControls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != 0x1b) {
                return null;
            }
        }
        return text;
    }
}
