package dev.berth.desktop.containers;

import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.containers.ContainersApi;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory for the table from one-shot stats samples (cheap: the engine answers at once instead of waiting
 * for a second sample). CPU % needs two samples, so each container's previous CPU counters are kept and the first
 * round shows memory only. Call from one background thread at a time.
 */
final class StatsSampler {

    /** Memory in bytes; CPU % or null when there is no earlier sample yet. */
    record Usage(Double cpuPercent, long memoryBytes) {
    }

    private final Map<String, ContainerStats.CpuStats> previous = new ConcurrentHashMap<>();

    Map<String, Usage> sample(ContainersApi api, List<String> containerIds) {
        Map<String, Usage> usage = new HashMap<>();
        previous.keySet().retainAll(containerIds);
        for (String id : containerIds) {
            ContainerStats now;
            try {
                now = api.stats(id);
            } catch (RuntimeException e) {
                // stopped or removed since the round began: the next event updates its row
                continue;
            }
            if (now == null) {
                continue;
            }
            ContainerStats.CpuStats before = previous.get(id);
            Double cpu = before == null ? null : withPrevious(now, before).cpuPercent();
            if (now.cpuStats() != null) {
                previous.put(id, now.cpuStats());
            }
            usage.put(id, new Usage(cpu, now.memoryUsedBytes()));
        }
        return usage;
    }

    void forget() {
        previous.clear();
    }

    /** The sample as if the engine had streamed it after {@code before}, so the record's own CPU % formula applies. */
    static ContainerStats withPrevious(ContainerStats now, ContainerStats.CpuStats before) {
        return new ContainerStats(now.name(), now.id(), now.osType(), now.read(), now.preread(), now.pidsStats(),
                now.blkioStats(), now.numProcs(), now.storageStats(), now.cpuStats(), before, now.memoryStats(),
                now.networks());
    }
}
