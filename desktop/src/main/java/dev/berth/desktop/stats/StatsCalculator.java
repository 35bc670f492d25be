package dev.berth.desktop.stats;

import dev.berth.remote.containers.ContainerStats;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Turns the engine's cumulative counters into what people read: CPU % and bytes per second, from the difference
 * between consecutive samples of one stream. Counters that go backwards (the container restarted) start over rather
 * than showing a negative rate.
 */
final class StatsCalculator {

    private Instant origin;
    private ContainerStats previous;
    private Instant previousTime;

    /** @param origin time zero of the x axis, or null to start it at the first sample */
    StatsCalculator(Instant origin) {
        this.origin = origin;
    }

    Instant origin() {
        return origin;
    }

    /** The next sample as a point, or null for a sample with no data (the engine sends those for a stopped container). */
    StatsPoint next(ContainerStats stats) {
        Instant time = readTime(stats);
        if (time == null) {
            return null;
        }
        if (origin == null) {
            origin = time;
        }
        ContainerStats before = previous;
        Instant beforeTime = previousTime;
        previous = stats;
        previousTime = time;
        double elapsed = beforeTime == null ? 0 : Duration.between(beforeTime, time).toNanos() / 1e9;
        boolean comparable = before != null && elapsed > 0;

        long[] net = networkTotals(stats);
        long[] block = blockTotals(stats);
        long[] netBefore = comparable ? networkTotals(before) : null;
        long[] blockBefore = comparable ? blockTotals(before) : null;
        Long limit = stats.memoryStats() == null ? null : stats.memoryStats().limit();
        return new StatsPoint(
                Duration.between(origin, time).toMillis() / 1000.0,
                cpuPercent(stats, before),
                stats.memoryUsedBytes(),
                limit == null || limit <= 0 ? null : limit,
                comparable ? rate(net[0], netBefore[0], elapsed) : null,
                comparable ? rate(net[1], netBefore[1], elapsed) : null,
                comparable ? rate(block[0], blockBefore[0], elapsed) : null,
                comparable ? rate(block[1], blockBefore[1], elapsed) : null,
                stats.networks() != null && !stats.networks().isEmpty());
    }

    /**
     * The engine's own previous sample when it sent one (that is what {@code docker stats} uses), else ours. The first
     * sample of a stream carries an empty previous sample: its CPU % would be the average since the container
     * started, so it is left unknown.
     */
    private static Double cpuPercent(ContainerStats now, ContainerStats before) {
        ContainerStats.CpuStats pre = now.precpuStats();
        if (pre != null && pre.systemCpuUsage() != null && pre.systemCpuUsage() > 0) {
            return now.cpuPercent();
        }
        if (before != null && before.cpuStats() != null) {
            return new ContainerStats(now.name(), now.id(), now.osType(), now.read(), now.preread(), now.pidsStats(),
                    now.blkioStats(), now.numProcs(), now.storageStats(), now.cpuStats(), before.cpuStats(),
                    now.memoryStats(), now.networks()).cpuPercent();
        }
        return null;
    }

    private static Double rate(long now, long before, double seconds) {
        return now < before ? null : (now - before) / seconds;
    }

    /** {received, sent} over all interfaces. */
    static long[] networkTotals(ContainerStats stats) {
        long rx = 0;
        long tx = 0;
        Map<String, ContainerStats.NetworkStats> networks = stats.networks();
        if (networks != null) {
            for (ContainerStats.NetworkStats n : networks.values()) {
                rx += n.rxBytes() == null ? 0 : n.rxBytes();
                tx += n.txBytes() == null ? 0 : n.txBytes();
            }
        }
        return new long[] {rx, tx};
    }

    /** {read, written} over all devices; the op is "Read"/"Write" on cgroup v1, "read"/"write" on v2. */
    static long[] blockTotals(ContainerStats stats) {
        long read = 0;
        long write = 0;
        List<ContainerStats.BlkioEntry> entries = stats.blkioStats() == null ? null
                : stats.blkioStats().ioServiceBytesRecursive();
        if (entries != null) {
            for (ContainerStats.BlkioEntry e : entries) {
                long v = e.value() == null ? 0 : e.value();
                if ("read".equalsIgnoreCase(e.op())) {
                    read += v;
                } else if ("write".equalsIgnoreCase(e.op())) {
                    write += v;
                }
            }
        }
        return new long[] {read, write};
    }

    /** When the sample was taken; null for the zero time of an empty sample. */
    static Instant readTime(ContainerStats stats) {
        if (stats == null || stats.read() == null) {
            return null;
        }
        try {
            Instant t = OffsetDateTime.parse(stats.read()).toInstant();
            return t.getEpochSecond() <= 0 ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
