package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.RuntimeThreads;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.Health;
import dev.berth.remote.containers.HealthConfig;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEALTHCHECK, as moby's daemon/health.go runs it: from each start, a probe every interval (counted from the end
 * of the previous one), killed after its timeout; exit 0 is healthy, anything else a failure that counts after the
 * start period and turns the container unhealthy after the given retries. The last five results are kept; a change
 * of status is a "health_status: …" event; a stopped container's health reads unhealthy, as in Docker.
 */
final class HealthMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final int DEFAULT_RETRIES = 3;
    private static final int MAX_LOG = 5;
    private static final long MINIMUM_NANOS = 1_000_000L;

    static final String STARTING = "starting";
    static final String HEALTHY = "healthy";
    static final String UNHEALTHY = "unhealthy";

    /** What a probe needs from the container service: the exec, and the container's lock around a result. */
    interface Probes {
        ExecSessions.ProbeResult run(String containerId, List<String> cmd, Duration timeout, String timeoutText);

        /**
         * Applies {@code change} to the container under its lock if it still runs the same start (saving it, and
         * reporting the new status {@code change} returns, if any); false if it does not.
         */
        boolean update(String containerId, long startGeneration, Function<Container, String> change);
    }

    private final Probes probes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            RuntimeThreads.daemon("berth-health"));
    /** Container → the next probe of its current start; a probe of an earlier start finds another generation. */
    private final Map<String, Next> scheduled = new ConcurrentHashMap<>();

    private record Next(long generation, ScheduledFuture<?> future) {
    }

    HealthMonitor(Probes probes) {
        this.probes = probes;
    }

    /** moby's validateHealthCheck, at create: Docker's messages, a 400 each. */
    static void validate(HealthConfig h) {
        if (h == null) {
            return;
        }
        if (h.interval() != null && h.interval() != 0 && h.interval() < MINIMUM_NANOS) {
            throw EngineException.badRequest("Interval in Healthcheck cannot be less than 1ms");
        }
        if (h.timeout() != null && h.timeout() != 0 && h.timeout() < MINIMUM_NANOS) {
            throw EngineException.badRequest("Timeout in Healthcheck cannot be less than 1ms");
        }
        if (h.retries() != null && h.retries() < 0) {
            throw EngineException.badRequest("Retries in Healthcheck cannot be negative");
        }
        if (h.startPeriod() != null && h.startPeriod() != 0 && h.startPeriod() < MINIMUM_NANOS) {
            throw EngineException.badRequest("StartPeriod in Healthcheck cannot be less than 1ms");
        }
    }

    /** The probe's command line, or null when the container has no check (none configured, or NONE). */
    static List<String> command(ContainerConfig config) {
        HealthConfig h = config.healthcheck();
        if (h == null || h.test() == null || h.test().isEmpty()) {
            return null;
        }
        List<String> test = h.test();
        switch (test.get(0)) {
            case "CMD" -> {
                return test.size() > 1 ? List.copyOf(test.subList(1, test.size())) : null;
            }
            case "CMD-SHELL" -> {
                List<String> cmd = new ArrayList<>(config.shell() == null || config.shell().isEmpty()
                        ? List.of("/bin/sh", "-c") : config.shell());
                cmd.add(String.join(" ", test.subList(1, test.size())));
                return cmd;
            }
            default -> {
                return null; // NONE, or something this engine (like Docker) does not know
            }
        }
    }

    /** The container has just started (lock held): status "starting", probes scheduled. */
    void started(Container c) {
        cancel(c.id);
        List<String> cmd = command(c.config);
        HealthConfig h = c.config.healthcheck();
        if (cmd == null) {
            // a check turned off (NONE) leaves no health at all; a command Docker would not run keeps "starting"
            c.health = h == null || h.test() == null || h.test().isEmpty() || "NONE".equals(h.test().get(0)) ? null
                    : new Health(STARTING, 0, c.health == null ? List.of() : c.health.log());
            return;
        }
        c.health = new Health(STARTING, 0, c.health == null || c.health.log() == null ? List.of() : c.health.log());
        schedule(c.id, c.exits, cmd, h, true);
    }

    /** The container stopped or is going away (lock held): probes end, and health reads unhealthy from now on. */
    void stopped(Container c) {
        cancel(c.id);
        if (c.health != null && command(c.config) != null) {
            c.health = new Health(UNHEALTHY, c.health.failingStreak(), c.health.log());
        }
    }

    private boolean cancel(String id) {
        Next next = scheduled.remove(id);
        if (next != null) {
            next.future().cancel(false);
            return true;
        }
        return false;
    }

    /**
     * The next probe. After a probe ({@code first} false) only while that start is still the current one: a stop
     * or a restart may have come meanwhile.
     */
    private void schedule(String id, long generation, List<String> cmd, HealthConfig h, boolean first) {
        Duration interval = orDefault(h.interval(), DEFAULT_INTERVAL);
        try {
            scheduled.compute(id, (key, current) -> !first && (current == null || current.generation() != generation)
                    ? current : new Next(generation, timer.schedule(() -> RuntimeThreads.IO.execute(() -> probe(id,
                            generation, cmd, h)), interval.toNanos(), TimeUnit.NANOSECONDS)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("no more health checks for {}: the engine is stopping", id);
        }
    }

    private void probe(String id, long generation, List<String> cmd, HealthConfig h) {
        if (!isCurrent(id, generation)) {
            return; // stopped or restarted meanwhile
        }
        Duration timeout = orDefault(h.timeout(), DEFAULT_TIMEOUT);
        ExecSessions.ProbeResult result;
        try {
            result = probes.run(id, cmd, timeout, goDuration(timeout.toNanos()));
        } catch (RuntimeException e) {
            result = new ExecSessions.ProbeResult(Instant.now(), Instant.now(), -1, String.valueOf(e.getMessage()));
        }
        ExecSessions.ProbeResult r = result;
        boolean current = probes.update(id, generation, c -> record(c, r, h));
        if (current) {
            schedule(id, generation, cmd, h, false);
        }
    }

    private boolean isCurrent(String id, long generation) {
        Next next = scheduled.get(id);
        return next != null && next.generation() == generation;
    }

    /** moby's handleProbeResult (lock held); returns the new status when it changed, else null. */
    private static String record(Container c, ExecSessions.ProbeResult r, HealthConfig h) {
        if (c.health == null) {
            return null;
        }
        List<Health.Result> log = new ArrayList<>(c.health.log() == null ? List.of() : c.health.log());
        log.add(new Health.Result(Timestamps.format(r.start()), Timestamps.format(r.end()), r.exitCode(),
                r.output()));
        while (log.size() > MAX_LOG) {
            log.remove(0);
        }
        String before = c.health.status();
        String status = before;
        int streak = c.health.failingStreak() == null ? 0 : c.health.failingStreak();
        if (r.exitCode() == 0) {
            streak = 0;
            status = HEALTHY;
        } else {
            boolean counts = true;
            if (STARTING.equals(before)) {
                Instant started = Timestamps.parse(c.startedAt);
                Duration startPeriod = orDefault(h.startPeriod(), Duration.ZERO);
                counts = started == null || !Duration.between(started, r.start()).minus(startPeriod).isNegative();
            }
            if (counts) {
                streak++;
                int retries = h.retries() == null || h.retries() <= 0 ? DEFAULT_RETRIES : h.retries();
                if (streak >= retries) {
                    status = UNHEALTHY;
                }
            }
        }
        c.health = new Health(status, streak, List.copyOf(log));
        return status.equals(before) ? null : status;
    }

    private static Duration orDefault(Long nanos, Duration fallback) {
        return nanos == null || nanos <= 0 ? fallback : Duration.ofNanos(nanos);
    }

    /** Go's time.Duration.String(), which Docker's messages use: "500ms", "30s", "1m30s", "1.5s". */
    static String goDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000L) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000L) {
            return decimal(nanos, 3) + "µs";
        }
        if (nanos < 1_000_000_000L) {
            return decimal(nanos, 6) + "ms";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        long rest = nanos % 60_000_000_000L;
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(decimal(rest, 9)).append('s').toString();
    }

    private static String decimal(long value, int shift) {
        return BigDecimal.valueOf(value).movePointLeft(shift).stripTrailingZeros().toPlainString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        scheduled.clear();
        LOG.debug("health checks stopped");
    }
}
