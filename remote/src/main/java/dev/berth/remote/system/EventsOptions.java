package dev.berth.remote.system;

import dev.berth.remote.client.Filters;
import java.time.Instant;

/**
 * Which events to receive. {@code since} replays past events first; {@code until} makes the stream end by itself
 * once that time has passed. Both are Unix timestamps ({@code "1700000000"} or {@code "1700000000.000000001"}), RFC 3339
 * dates or Go durations relative to the engine's clock ({@code "10m"}), exactly as the engine accepts them.
 *
 * @param since   start of the replay, or {@code null} for "from now on"
 * @param until   end of the stream, or {@code null} for an endless stream
 * @param filters type, event, container, image, label, network, volume, … filters; may be {@code null}
 */
public record EventsOptions(String since, String until, Filters filters) {

    public static EventsOptions live() {
        return new EventsOptions(null, null, null);
    }

    public static EventsOptions live(Filters filters) {
        return new EventsOptions(null, null, filters);
    }

    public EventsOptions since(Instant instant) {
        return new EventsOptions(timestamp(instant), until, filters);
    }

    public EventsOptions until(Instant instant) {
        return new EventsOptions(since, timestamp(instant), filters);
    }

    public EventsOptions withFilters(Filters newFilters) {
        return new EventsOptions(since, until, newFilters);
    }

    /** The engine's own timestamp syntax: seconds, a dot and nine digits of nanoseconds. */
    public static String timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }
}
