package dev.berth.remote.monitor;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * One exchange as a line of text, for {@code berth monitor}:
 * {@code 2026-11-23T20:01:02Z POST /v1.47/containers/create 201 12ms 1.2kB},
 * {@code … POST /v1.47/containers/3f2a/attach?stream=1 101 hijacked 3.4s 120B},
 * {@code … GET /v1.47/events 200 3ms stream 2.1kB 41 lines 12.0s}.
 */
public final class TrafficLine {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private TrafficLine() {
    }

    public static String format(TrafficRecord r) {
        StringBuilder line = new StringBuilder();
        line.append(TIME.format(r.start().truncatedTo(ChronoUnit.SECONDS)))
                .append(' ').append(r.method()).append(' ').append(r.target()).append(' ');
        line.append(r.status() == 0 ? "---" : String.valueOf(r.status()));
        if (r.upgraded()) {
            line.append(" hijacked ").append(seconds(r.duration())).append(' ').append(TrafficRecord.formatSize(r.size()));
        } else {
            if (r.latency() != null) {
                line.append(' ').append(millis(r.latency()));
            }
            if (r.responseBody().stream()) {
                line.append(" stream ").append(TrafficRecord.formatSize(r.size())).append(' ')
                        .append(r.responseBody().units()).append(' ').append(r.responseBody().unitName()).append(' ')
                        .append(seconds(r.duration()));
            } else {
                line.append(' ').append(TrafficRecord.formatSize(r.size()));
            }
        }
        if (r.error() != null) {
            line.append(" error: ").append(r.error());
        }
        return line.toString();
    }

    static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
