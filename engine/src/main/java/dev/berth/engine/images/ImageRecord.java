package dev.berth.engine.images;

import dev.berth.remote.containers.ContainerConfig;
import java.util.List;

/**
 * An image as the rest of the engine needs it.
 *
 * @param id          "sha256:…" (the digest of the config blob)
 * @param repoTags    "busybox:latest", as Docker shows them
 * @param repoDigests "busybox@sha256:…"
 * @param config      the image's runtime config (Env, Cmd, Entrypoint, WorkingDir, User, ExposedPorts, Volumes,
 *                    StopSignal, Labels, Healthcheck); never null
 * @param topChainId  the chain ID of the top layer, the parent of a container's layers; null for an image with no
 *                    layers
 * @param parentId    the image this one was committed on, or null
 * @param created     RFC 3339 from the config, or null
 * @param size        bytes of all its layers
 * @param imageConfig the whole config blob, parsed
 */
public record ImageRecord(String id, List<String> repoTags, List<String> repoDigests, ContainerConfig config,
                          String topChainId, String parentId, String created, long size, ImageConfig imageConfig) {

    /** The 12-character ID Docker shows. */
    public String shortId() {
        return id.substring("sha256:".length(), "sha256:".length() + 12);
    }
}
