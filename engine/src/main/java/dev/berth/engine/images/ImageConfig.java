package dev.berth.engine.images;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.berth.remote.containers.ContainerConfig;
import java.util.List;

/**
 * An image's configuration blob (OCI image-spec config.md plus Docker's extra fields). Its bytes as stored are
 * what the image ID hashes; this record is only ever used to read them and to write configs the engine creates.
 *
 * @param created RFC 3339 with nanoseconds
 * @param config  the runtime defaults (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, Volumes, Labels, …)
 */
public record ImageConfig(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("variant") String variant,
        @JsonProperty("os") String os,
        @JsonProperty("os.version") String osVersion,
        @JsonProperty("author") String author,
        @JsonProperty("comment") String comment,
        @JsonProperty("config") ContainerConfig config,
        @JsonProperty("container") String container,
        @JsonProperty("container_config") ContainerConfig containerConfig,
        @JsonProperty("created") String created,
        @JsonProperty("docker_version") String dockerVersion,
        @JsonProperty("history") List<History> history,
        @JsonProperty("rootfs") RootFs rootfs) {

    /** The layers as diff IDs (digests of the uncompressed tars), bottom first. */
    public record RootFs(@JsonProperty("type") String type, @JsonProperty("diff_ids") List<String> diffIds) {
    }

    /** One build step; {@code emptyLayer} steps (ENV, CMD …) added no layer. */
    public record History(
            @JsonProperty("created") String created,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("author") String author,
            @JsonProperty("comment") String comment,
            @JsonProperty("empty_layer") Boolean emptyLayer) {
    }

    public List<String> diffIds() {
        return rootfs == null || rootfs.diffIds() == null ? List.of() : rootfs.diffIds();
    }

    public List<History> historyOrEmpty() {
        return history == null ? List.of() : history;
    }
}
