package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One sample of {@code GET /containers/{id}/stats}. Almost everything is optional: cgroup v2 has no per-CPU usage,
 * {@code max_usage} or {@code failcnt}, a one-shot sample has no {@code precpu_stats}, Windows fills other fields.
 * Lower-case snake names are Docker's own spelling here.
 *
 * @param read    when this sample was taken (RFC 3339)
 * @param preread when {@code precpu_stats} was taken; "0001-01-01T00:00:00Z" for a one-shot sample
 */
public record ContainerStats(
        @JsonProperty("name") String name,
        @JsonProperty("id") String id,
        @JsonProperty("os_type") String osType,
        @JsonProperty("read") String read,
        @JsonProperty("preread") String preread,
        @JsonProperty("pids_stats") PidsStats pidsStats,
        @JsonProperty("blkio_stats") BlkioStats blkioStats,
        @JsonProperty("num_procs") Long numProcs,
        @JsonProperty("storage_stats") StorageStats storageStats,
        @JsonProperty("cpu_stats") CpuStats cpuStats,
        @JsonProperty("precpu_stats") CpuStats precpuStats,
        @JsonProperty("memory_stats") MemoryStats memoryStats,
        @JsonProperty("networks") Map<String, NetworkStats> networks) {

    /**
     * CPU use since the previous sample as {@code docker stats} shows it: 100 % per fully used CPU. 0 when it cannot
     * be computed (a one-shot sample has no previous sample to compare with).
     */
    public double cpuPercent() {
        if (cpuStats == null || precpuStats == null || cpuStats.cpuUsage() == null || precpuStats.cpuUsage() == null) {
            return 0.0;
        }
        double cpuDelta = minus(cpuStats.cpuUsage().totalUsage(), precpuStats.cpuUsage().totalUsage());
        double systemDelta = minus(cpuStats.systemCpuUsage(), precpuStats.systemCpuUsage());
        int cpus = cpuStats.onlineCpus() != null && cpuStats.onlineCpus() > 0 ? cpuStats.onlineCpus()
                : cpuStats.cpuUsage().percpuUsage() != null ? cpuStats.cpuUsage().percpuUsage().size() : 0;
        if (systemDelta <= 0 || cpuDelta <= 0 || cpus == 0) {
            return 0.0;
        }
        return cpuDelta / systemDelta * cpus * 100.0;
    }

    /**
     * Memory in use without the page cache, as {@code docker stats} computes it: usage minus {@code cache} on
     * cgroup v1, minus {@code inactive_file} on cgroup v2. 0 when the engine reported no usage.
     */
    public long memoryUsedBytes() {
        if (memoryStats == null || memoryStats.usage() == null) {
            return 0;
        }
        long usage = memoryStats.usage();
        Map<String, Long> s = memoryStats.stats();
        if (s != null) {
            // "cache" exists only on cgroup v1 (where inactive_file is part of it); v2 reports inactive_file alone
            Long reclaimable = s.containsKey("cache") ? s.get("cache") : s.get("inactive_file");
            if (reclaimable != null && reclaimable < usage) {
                return usage - reclaimable;
            }
        }
        return usage;
    }

    /** {@link #memoryUsedBytes()} as a percentage of the limit; 0 without a limit. */
    public double memoryPercent() {
        Long limit = memoryStats == null ? null : memoryStats.limit();
        return limit == null || limit <= 0 ? 0.0 : memoryUsedBytes() * 100.0 / limit;
    }

    private static double minus(Long a, Long b) {
        return a == null || b == null ? 0 : (double) (a - b);
    }

    public record CpuStats(
            @JsonProperty("cpu_usage") CpuUsage cpuUsage,
            @JsonProperty("system_cpu_usage") Long systemCpuUsage,
            @JsonProperty("online_cpus") Integer onlineCpus,
            @JsonProperty("throttling_data") ThrottlingData throttlingData) {
    }

    /** Nanoseconds of CPU time. */
    public record CpuUsage(
            @JsonProperty("total_usage") Long totalUsage,
            @JsonProperty("percpu_usage") List<Long> percpuUsage,
            @JsonProperty("usage_in_kernelmode") Long usageInKernelmode,
            @JsonProperty("usage_in_usermode") Long usageInUsermode) {
    }

    public record ThrottlingData(
            @JsonProperty("periods") Long periods,
            @JsonProperty("throttled_periods") Long throttledPeriods,
            @JsonProperty("throttled_time") Long throttledTime) {
    }

    /**
     * @param stats the cgroup's memory.stat counters (names differ between cgroup v1 and v2)
     * @param limit the container's limit, or the host's memory without one
     */
    public record MemoryStats(
            @JsonProperty("usage") Long usage,
            @JsonProperty("max_usage") Long maxUsage,
            @JsonProperty("stats") Map<String, Long> stats,
            @JsonProperty("failcnt") Long failcnt,
            @JsonProperty("limit") Long limit,
            @JsonProperty("commitbytes") Long commitBytes,
            @JsonProperty("commitpeakbytes") Long commitPeakBytes,
            @JsonProperty("privateworkingset") Long privateWorkingSet) {
    }

    public record NetworkStats(
            @JsonProperty("rx_bytes") Long rxBytes,
            @JsonProperty("rx_packets") Long rxPackets,
            @JsonProperty("rx_errors") Long rxErrors,
            @JsonProperty("rx_dropped") Long rxDropped,
            @JsonProperty("tx_bytes") Long txBytes,
            @JsonProperty("tx_packets") Long txPackets,
            @JsonProperty("tx_errors") Long txErrors,
            @JsonProperty("tx_dropped") Long txDropped,
            @JsonProperty("endpoint_id") String endpointId,
            @JsonProperty("instance_id") String instanceId) {
    }

    public record BlkioStats(
            @JsonProperty("io_service_bytes_recursive") List<BlkioEntry> ioServiceBytesRecursive,
            @JsonProperty("io_serviced_recursive") List<BlkioEntry> ioServicedRecursive,
            @JsonProperty("io_queue_recursive") List<BlkioEntry> ioQueueRecursive,
            @JsonProperty("io_service_time_recursive") List<BlkioEntry> ioServiceTimeRecursive,
            @JsonProperty("io_wait_time_recursive") List<BlkioEntry> ioWaitTimeRecursive,
            @JsonProperty("io_merged_recursive") List<BlkioEntry> ioMergedRecursive,
            @JsonProperty("io_time_recursive") List<BlkioEntry> ioTimeRecursive,
            @JsonProperty("sectors_recursive") List<BlkioEntry> sectorsRecursive) {
    }

    /** @param op "read", "write", "sync", "async", "discard" or "total" (spelling varies by engine) */
    public record BlkioEntry(
            @JsonProperty("major") Long major,
            @JsonProperty("minor") Long minor,
            @JsonProperty("op") String op,
            @JsonProperty("value") Long value) {
    }

    public record PidsStats(@JsonProperty("current") Long current, @JsonProperty("limit") Long limit) {
    }

    /** Windows only. */
    public record StorageStats(
            @JsonProperty("read_count_normalized") Long readCountNormalized,
            @JsonProperty("read_size_bytes") Long readSizeBytes,
            @JsonProperty("write_count_normalized") Long writeCountNormalized,
            @JsonProperty("write_size_bytes") Long writeSizeBytes) {
    }
}
