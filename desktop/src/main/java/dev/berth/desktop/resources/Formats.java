package dev.berth.desktop.resources;

import dev.berth.desktop.i18n.Texts;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How sizes and times read in every table: the way the docker CLI prints them, so numbers match across tools. */
public final class Formats {

    private static final Texts T = Texts.of(Formats.class);

    private Formats() {
    }

    /** Decimal units, as {@code docker images} and {@code docker system df} use ("1.98 MB"). */
    public static String size(Long bytes) {
        if (bytes == null || bytes < 0) {
            return "";
        }
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value,
                units[unit]);
    }

    /** "3 minutes ago", "2 days ago"; empty when unknown. */
    public static String ago(Instant then, Instant now) {
        if (then == null || then.getEpochSecond() <= 0) {
            return "";
        }
        Duration d = Duration.between(then, now);
        if (d.isNegative() || d.getSeconds() < 60) {
            return T.get("ago.now");
        }
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return T.get("ago.minutes", minutes);
        }
        long hours = d.toHours();
        if (hours < 48) {
            return T.get("ago.hours", hours);
        }
        long days = d.toDays();
        if (days < 14) {
            return T.get("ago.days", days);
        }
        if (days < 60) {
            return T.get("ago.weeks", days / 7);
        }
        if (days < 730) {
            return T.get("ago.months", days / 30);
        }
        return T.get("ago.years", days / 365);
    }

    public static String ago(Long epochSeconds, Instant now) {
        return epochSeconds == null ? "" : ago(Instant.ofEpochSecond(epochSeconds), now);
    }

    /** The engine's RFC 3339 timestamps; {@code null} when absent or unreadable. */
    public static Instant parseTime(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The first 12 hex digits of an ID, without "sha256:". */
    public static String shortId(String id) {
        if (id == null) {
            return "";
        }
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }

}
