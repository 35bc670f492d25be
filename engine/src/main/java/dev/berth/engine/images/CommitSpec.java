package dev.berth.engine.images;

import dev.berth.remote.containers.ContainerConfig;
import java.util.List;

/**
 * What {@code docker commit} asks for.
 *
 * @param containerId     whose writable layer becomes the new image's top layer
 * @param parentImageId   the container's image ("sha256:…"), or null
 * @param containerConfig the container's config; becomes the new image's config after {@code changes}
 * @param changes         Dockerfile instructions such as {@code CMD ["x"]} or {@code ENV A=b}
 * @param repo            the repository to tag the new image in, or null/"" for none
 */
public record CommitSpec(String containerId, String parentImageId, ContainerConfig containerConfig, String author,
                         String comment, List<String> changes, String repo, String tag) {
}
