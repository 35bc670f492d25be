package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A mount as a running container has it (inspect and list {@code Mounts}).
 *
 * @param name   the volume's name, for volume mounts
 * @param source the host path (for volumes: inside the engine's data root)
 * @param mode   the flags given with {@code -v}, e.g. "ro,z"
 */
public record MountPoint(
        String type,
        String name,
        String source,
        String destination,
        String driver,
        String mode,
        @JsonProperty("RW") Boolean rw,
        String propagation) {
}
