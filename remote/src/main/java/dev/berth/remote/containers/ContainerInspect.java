package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /containers/{id}/json}: a container in detail. {@code config} and {@code hostConfig} are the same types
 * a create request carries, so "duplicate this container" is a matter of copying them.
 *
 * @param created  RFC 3339 with nanoseconds
 * @param path     the executable the container runs; {@code args} its arguments
 * @param image    the image ID (sha256:…); the name the user typed is {@code config.image}
 * @param name     with a leading slash
 * @param sizeRw   only when inspected with {@code size}
 */
public record ContainerInspect(
        String id,
        String created,
        String path,
        List<String> args,
        ContainerState state,
        String image,
        String resolvConfPath,
        String hostnamePath,
        String hostsPath,
        String logPath,
        String name,
        Integer restartCount,
        String driver,
        String platform,
        String mountLabel,
        String processLabel,
        String appArmorProfile,
        @JsonProperty("ExecIDs") List<String> execIds,
        HostConfig hostConfig,
        DriverData graphDriver,
        Long sizeRw,
        Long sizeRootFs,
        List<MountPoint> mounts,
        ContainerConfig config,
        NetworkSettings networkSettings) {

    /** The name without its leading slash. */
    public String plainName() {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    /** Whether the container has a TTY, which decides raw versus multiplexed output. */
    public boolean hasTty() {
        return config != null && config.hasTty();
    }

    /** The storage driver and its private data (overlay2's LowerDir, UpperDir, …). */
    public record DriverData(String name, Map<String, String> data) {
    }
}
