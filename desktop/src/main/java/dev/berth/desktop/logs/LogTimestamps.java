package dev.berth.desktop.logs;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The "2024-05-01T10:00:00.123456789Z " prefix the engine puts before each line when asked for timestamps. */
final class LogTimestamps {

    /** Long enough for nanoseconds and a "+hh:mm" offset. */
    private static final int LONGEST = 40;

    private LogTimestamps() {
    }

    /** Length of the timestamp prefix including its space, or 0 when the text does not start with one. */
    static int prefixLength(CharSequence text) {
        int limit = Math.min(text.length(), LONGEST);
        if (limit < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || !Character.isDigit(text.charAt(0))) {
            return 0;
        }
        for (int i = 19; i < limit; i++) {
            if (text.charAt(i) == ' ') {
                return i + 1;
            }
        }
        return 0;
    }

    /** Same as {@link #prefixLength(CharSequence)} on raw bytes (ASCII). */
    static int prefixLength(byte[] bytes, int offset, int count) {
        int limit = Math.min(count, LONGEST);
        if (limit < 20 || bytes[offset + 4] != '-' || bytes[offset + 7] != '-' || bytes[offset + 10] != 'T'
                || bytes[offset] < '0' || bytes[offset] > '9') {
            return 0;
        }
        for (int i = 19; i < limit; i++) {
            if (bytes[offset + i] == ' ') {
                return i + 1;
            }
        }
        return 0;
    }

    /** The instant of an engine timestamp, or null if it cannot be read. */
    static Instant parse(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
