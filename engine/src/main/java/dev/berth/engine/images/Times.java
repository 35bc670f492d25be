package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps as Docker writes and reads them. */
final class Times {

    /** Go's zero time, which Docker prints for "never". */
    static final String ZERO = "0001-01-01T00:00:00Z";

    private Times() {
    }

    /** RFC 3339 with nanoseconds, UTC ("2024-05-01T10:00:00.123456789Z"). */
    static String format(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    static String now() {
        return format(Instant.now());
    }

    /** An image config's "created" (RFC 3339, any offset); null when absent or unreadable. */
    static Instant parse(String created) {
        if (created == null || created.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(created).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Seconds since the epoch as the image list shows them (Go's zero time for an unknown date). */
    static long epochSeconds(String created) {
        Instant t = parse(created);
        return t == null ? -62135596800L : t.getEpochSecond();
    }

    /**
     * A filter timestamp as moby's {@code timetypes.GetTimestamp} reads it: a Unix time ("1700000000" or with
     * fractional seconds), an RFC 3339 date/time (with or without zone, or just a date), or a Go duration relative
     * to now ("10m", "24h").
     */
    static Instant filterTime(String value, Instant now) {
        String v = value.trim();
        if (v.matches("\\d+(\\.\\d+)?")) {
            String[] parts = v.split("\\.");
            long nanos = 0;
            if (parts.length > 1) {
                String frac = (parts[1] + "000000000").substring(0, 9);
                nanos = Long.parseLong(frac);
            }
            return Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
        }
        if (v.matches("-?[\\d.]+(ns|us|µs|ms|s|m|h)([\\d.]+(ns|us|µs|ms|s|m|h))*")) {
            boolean negative = v.startsWith("-");
            long nanos = DockerfileChanges.duration(negative ? v.substring(1) : v);
            return now.minus(Duration.ofNanos(negative ? -nanos : nanos));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the zone-less forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // try a bare date
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw EngineException.badRequest("failed to parse value as time or duration: \"" + value + "\"");
        }
    }
}
