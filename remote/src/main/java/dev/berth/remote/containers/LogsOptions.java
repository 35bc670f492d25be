package dev.berth.remote.containers;

import java.time.Instant;

/**
 * Options of {@code GET /containers/{id}/logs}. Start from {@link #both()} and refine:
 * {@code LogsOptions.both().following().tail(200).withTimestamps()}.
 *
 * @param since      Unix seconds, possibly fractional ("1700000000.5"), or null
 * @param until      Unix seconds, possibly fractional, or null
 * @param tail       "all" or a number of lines from the end, or null for all
 * @param knownTty   the container's {@code Config.Tty} if the caller knows it, saving an inspect call on engines
 *                   before API 1.42 (which do not say whether the stream is multiplexed); null to look it up
 */
public record LogsOptions(boolean follow, boolean stdout, boolean stderr, String since, String until,
                          boolean timestamps, String tail, Boolean knownTty) {

    public LogsOptions {
        if (!stdout && !stderr) {
            throw new IllegalArgumentException("logs need stdout, stderr or both");
        }
    }

    public static LogsOptions both() {
        return new LogsOptions(false, true, true, null, null, false, null, null);
    }

    public static LogsOptions stdoutOnly() {
        return new LogsOptions(false, true, false, null, null, false, null, null);
    }

    public static LogsOptions stderrOnly() {
        return new LogsOptions(false, false, true, null, null, false, null, null);
    }

    /** Keep the stream open and deliver new output as it is written, until the container stops. */
    public LogsOptions following() {
        return new LogsOptions(true, stdout, stderr, since, until, timestamps, tail, knownTty);
    }

    public LogsOptions tail(int lines) {
        return new LogsOptions(follow, stdout, stderr, since, until, timestamps, String.valueOf(lines), knownTty);
    }

    /** Prefix each line with its RFC 3339 nanosecond timestamp and a space. */
    public LogsOptions withTimestamps() {
        return new LogsOptions(follow, stdout, stderr, since, until, true, tail, knownTty);
    }

    public LogsOptions since(Instant time) {
        return new LogsOptions(follow, stdout, stderr, unixSeconds(time), until, timestamps, tail, knownTty);
    }

    public LogsOptions until(Instant time) {
        return new LogsOptions(follow, stdout, stderr, since, unixSeconds(time), timestamps, tail, knownTty);
    }

    public LogsOptions knownTty(boolean tty) {
        return new LogsOptions(follow, stdout, stderr, since, until, timestamps, tail, tty);
    }

    static String unixSeconds(Instant time) {
        return time.getNano() == 0 ? String.valueOf(time.getEpochSecond())
                : String.format("%d.%09d", time.getEpochSecond(), time.getNano());
    }
}
