package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Resource limits of a container (the spec's {@code Resources}, flattened into {@link HostConfig} on the wire).
 * Sizes are bytes; {@code nanoCpus} is CPUs × 10⁹; {@code memorySwap} is memory plus swap, −1 for unlimited swap.
 */
public record Resources(
        Integer cpuShares,
        Long memory,
        String cgroupParent,
        Integer blkioWeight,
        List<WeightDevice> blkioWeightDevice,
        List<ThrottleDevice> blkioDeviceReadBps,
        List<ThrottleDevice> blkioDeviceWriteBps,
        List<ThrottleDevice> blkioDeviceReadIOps,
        List<ThrottleDevice> blkioDeviceWriteIOps,
        Long cpuPeriod,
        Long cpuQuota,
        Long cpuRealtimePeriod,
        Long cpuRealtimeRuntime,
        String cpusetCpus,
        String cpusetMems,
        List<DeviceMapping> devices,
        List<String> deviceCgroupRules,
        List<DeviceRequest> deviceRequests,
        Long kernelMemoryTCP,
        Long memoryReservation,
        Long memorySwap,
        Long memorySwappiness,
        Long nanoCpus,
        Boolean oomKillDisable,
        Boolean init,
        Long pidsLimit,
        List<Ulimit> ulimits,
        Long cpuCount,
        Long cpuPercent,
        @JsonProperty("IOMaximumIOps") Long ioMaximumIops,
        @JsonProperty("IOMaximumBandwidth") Long ioMaximumBandwidth) {

    /** {@code --device /dev/x:/dev/y:rwm} */
    public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {
    }

    /** {@code --gpus}: e.g. driver "nvidia", count −1 (all), capabilities [["gpu"]]. */
    public record DeviceRequest(String driver, Integer count, @JsonProperty("DeviceIDs") List<String> deviceIds,
                                List<List<String>> capabilities, Map<String, String> options) {
    }

    public record ThrottleDevice(String path, Long rate) {
    }

    public record WeightDevice(String path, Integer weight) {
    }
}
