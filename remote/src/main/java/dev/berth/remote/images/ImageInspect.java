package dev.berth.remote.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.remote.containers.ContainerConfig;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /images/{name}/json}: one image in detail.
 *
 * @param created         RFC 3339 with nanoseconds
 * @param containerConfig legacy: the config of the container the image was committed from
 * @param config          the image's runtime defaults (Env, Cmd, Entrypoint, WorkingDir, User, Labels, ExposedPorts,
 *                        Volumes, StopSignal, …), in the same shape as a container's
 * @param virtualSize     gone from API 1.44; equal to {@code size} before
 * @param rootFs          the layer digests (diff IDs), bottom first
 */
public record ImageInspect(
        String id,
        List<String> repoTags,
        List<String> repoDigests,
        String parent,
        String comment,
        String created,
        String container,
        ContainerConfig containerConfig,
        String dockerVersion,
        String author,
        ContainerConfig config,
        String architecture,
        String variant,
        String os,
        String osVersion,
        Long size,
        Long virtualSize,
        GraphDriver graphDriver,
        @JsonProperty("RootFS") RootFs rootFs,
        Metadata metadata) {

    /** The storage driver and its private data (overlay2's LowerDir, UpperDir, …). */
    public record GraphDriver(String name, Map<String, String> data) {
    }

    /** {@code Type} is "layers"; {@code Layers} are the diff IDs of the layers. */
    public record RootFs(String type, List<String> layers) {
    }

    /** Local bookkeeping: when the image was last tagged (RFC 3339), if ever. */
    public record Metadata(String lastTagTime) {
    }
}
