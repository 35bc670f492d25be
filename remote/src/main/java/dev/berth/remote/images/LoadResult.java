package dev.berth.remote.images;

import java.util.List;

/**
 * The images a load brought in: names ("busybox:latest") for tagged images, IDs ("sha256:…") for untagged ones.
 */
public record LoadResult(List<String> loaded) {
}
