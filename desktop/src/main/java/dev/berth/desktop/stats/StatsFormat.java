package dev.berth.desktop.stats;

import java.util.Locale;

/** Numbers as {@code docker stats} prints them: binary units for memory, decimal units for I/O rates. */
final class StatsFormat {

    private static final String DASH = "–";

    private StatsFormat() {
    }

    static String percent(Double value) {
        return value == null ? DASH : String.format(Locale.ROOT, "%.1f %%", value);
    }

    /** "12.5 MiB". */
    static String memory(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** "1.2 kB/s". */
    static String rate(Double bytesPerSecond) {
        if (bytesPerSecond == null) {
            return DASH;
        }
        String[] units = {"B/s", "kB/s", "MB/s", "GB/s"};
        double v = bytesPerSecond;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f %s", v, units[u])
                : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
