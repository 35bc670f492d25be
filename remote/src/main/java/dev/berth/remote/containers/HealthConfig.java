package dev.berth.remote.containers;

import java.time.Duration;
import java.util.List;

/**
 * HEALTHCHECK settings. Durations are nanoseconds on the wire.
 *
 * @param test ["NONE"] disables the image's check; ["CMD", args...] runs directly; ["CMD-SHELL", command] uses sh
 */
public record HealthConfig(List<String> test, Long interval, Long timeout, Integer retries, Long startPeriod,
                           Long startInterval) {

    /** A shell health check ({@code CMD-SHELL}) with the given timing. */
    public static HealthConfig shell(String command, Duration interval, Duration timeout, int retries) {
        return new HealthConfig(List.of("CMD-SHELL", command), interval.toNanos(), timeout.toNanos(), retries, null, null);
    }

    /** Turns off a check inherited from the image. */
    public static HealthConfig none() {
        return new HealthConfig(List.of("NONE"), null, null, null, null, null);
    }
}
