package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.RestartPolicy;
import java.time.Duration;

/**
 * moby's restart manager for one container: whether an exit should restart it under its policy, and after what
 * delay (100 ms doubling up to a minute, back to 100 ms after a run of 10 s or more). Cancelled by stop, kill
 * and remove; a fresh one comes with every manual start.
 */
final class RestartManager {

    static final Duration DEFAULT_DELAY = Duration.ofMillis(100);
    static final Duration MAX_DELAY = Duration.ofMinutes(1);
    private static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private final RestartPolicy policy;
    private Duration delay = Duration.ZERO;
    private int restarts;
    private boolean canceled;

    RestartManager(RestartPolicy policy) {
        this.policy = policy;
    }

    /** How long to wait before the restart, or null for no restart. */
    synchronized Duration shouldRestart(int exitCode, boolean manuallyStopped, Duration ranFor) {
        String name = name(policy);
        if (name.equals("no") || canceled) {
            return null;
        }
        if (ranFor.compareTo(RESET_AFTER) >= 0) {
            delay = Duration.ZERO;
        }
        if (delay.isZero()) {
            delay = DEFAULT_DELAY;
        } else if (delay.compareTo(MAX_DELAY) < 0) {
            delay = delay.multipliedBy(2);
        }
        if (delay.compareTo(MAX_DELAY) > 0) {
            delay = MAX_DELAY;
        }
        boolean restart = switch (name) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            case "on-failure" -> {
                int max = policy.maximumRetryCount() == null ? 0 : policy.maximumRetryCount();
                yield (max == 0 || restarts < max) && exitCode != 0;
            }
            default -> false;
        };
        if (!restart) {
            return null;
        }
        restarts++;
        return delay;
    }

    synchronized void cancel() {
        canceled = true;
    }

    synchronized boolean canceled() {
        return canceled;
    }

    /** "" and null mean "no", as in Docker. */
    static String name(RestartPolicy policy) {
        return policy == null || policy.name() == null || policy.name().isEmpty() ? "no" : policy.name();
    }

    /**
     * moby's restore at daemon start: "always" comes back even if it was stopped by hand, "unless-stopped" unless
     * it was, "on-failure" after a failure while retries are left.
     */
    static boolean wantsRestartAtEngineStart(RestartPolicy policy, int exitCode, int restartCount,
            boolean manuallyStopped) {
        return switch (name(policy)) {
            case "always" -> true;
            case "unless-stopped" -> !manuallyStopped;
            case "on-failure" -> {
                Integer max = policy.maximumRetryCount();
                yield exitCode != 0 && (max == null || max == 0 || restartCount < max);
            }
            default -> false;
        };
    }

    /** Docker's checks of a requested policy. */
    static void validate(RestartPolicy policy, boolean autoRemove) {
        String name = name(policy);
        switch (name) {
            case "no", "always", "unless-stopped" -> {
                if (policy != null && policy.maximumRetryCount() != null && policy.maximumRetryCount() != 0) {
                    throw EngineException.badRequest("invalid restart policy: maximum retry count can only be used "
                            + "with 'on-failure'");
                }
            }
            case "on-failure" -> {
                if (policy.maximumRetryCount() != null && policy.maximumRetryCount() < 0) {
                    throw EngineException.badRequest("invalid restart policy: maximum retry count cannot be "
                            + "negative");
                }
            }
            default -> throw EngineException.badRequest("invalid restart policy: unknown policy '" + name
                    + "'; use one of 'no', 'always', 'on-failure' or 'unless-stopped'");
        }
        if (autoRemove && !name.equals("no")) {
            throw EngineException.badRequest("can't create 'AutoRemove' container with restart policy");
        }
    }
}
