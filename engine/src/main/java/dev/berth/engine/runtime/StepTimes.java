package dev.berth.engine.runtime;

import java.util.Locale;

/**
 * Laps of one operation for the debug log ("mount 1.2 ms, spec 0.4 ms, …"), so an operator can see where a slow
 * start or exit spent its time. A lap costs a nanoTime call; text is made only when logged. One per operation (not
 * thread-safe).
 */
public final class StepTimes {

    private static final int MAX_LAPS = 16;

    private final long begin = System.nanoTime();
    private final String[] names = new String[MAX_LAPS];
    private final long[] ends = new long[MAX_LAPS];
    private int laps;

    /** Ends the current step under {@code name}. */
    public void lap(String name) {
        if (laps < MAX_LAPS) {
            names[laps] = name;
            ends[laps++] = System.nanoTime();
        }
    }

    /** Milliseconds since this timer began, as text. */
    public String total() {
        return millis(System.nanoTime() - begin);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        long last = begin;
        for (int i = 0; i < laps; i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(names[i]).append(' ').append(millis(ends[i] - last)).append(" ms");
            last = ends[i];
        }
        return text.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }
}
