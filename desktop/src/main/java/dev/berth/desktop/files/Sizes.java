package dev.berth.desktop.files;

import java.util.Locale;

/** Byte counts as people read them: "512 B", "4.0 KB", "1.3 GB" (binary multiples, as ls -h). */
final class Sizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB"};

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}
