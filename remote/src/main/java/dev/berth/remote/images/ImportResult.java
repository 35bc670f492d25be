package dev.berth.remote.images;

/** The image an import created ("sha256:…"). */
public record ImportResult(String imageId) {
}
