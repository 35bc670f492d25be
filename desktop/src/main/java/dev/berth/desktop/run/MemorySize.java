package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as {@code docker run --memory} reads them ("256m", "1g", "1.5GiB", "512mb"; units are powers of 1024,
 * a bare number is bytes) and written back in the shortest exact form, so the command line shows "1536m" rather than
 * a byte count.
 */
public final class MemorySize {

    private static final Texts T = Texts.of(MemorySize.class);

    /** dockerd refuses smaller limits ("Minimum memory limit allowed is 6MB"). */
    public static final long MINIMUM = 6L << 20;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?) ?(?:([kmgtp])i?)?b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER_FIRST = Pattern.compile("\\d+(?:\\.\\d+)?\\s*\\S+");
    private static final String UNITS = "kmgtp";

    private MemorySize() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static long parse(String text) {
        String t = text.strip();
        Matcher m = SIZE.matcher(t);
        if (!m.matches()) {
            if (NUMBER_FIRST.matcher(t).matches()) {
                throw new IllegalArgumentException(T.get("memory.unit", t));
            }
            throw new IllegalArgumentException(T.get("memory.invalid", t));
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2);
        int power = unit == null ? 0 : UNITS.indexOf(unit.toLowerCase(Locale.ROOT)) + 1;
        BigDecimal bytes = value.multiply(BigDecimal.valueOf(1024).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(T.get("memory.too-much", t));
        }
        return bytes.longValue();
    }

    /** The shortest exact spelling: "1g", "1536m", "6k", or bytes as "100b". */
    public static String format(long bytes) {
        String[] units = {"t", "g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return (bytes / unit) + units[i];
            }
        }
        return bytes + "b";
    }

    /** For people: "256 MiB", "1.5 GiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String number = v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return number + " " + units[u];
    }
}
