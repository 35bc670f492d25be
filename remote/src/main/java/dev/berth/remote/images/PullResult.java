package dev.berth.remote.images;

/**
 * How a pull ended.
 *
 * @param reference what was pulled, {@code repo:tag}
 * @param digest    the manifest digest the engine reported ("sha256:…"), or {@code null}
 * @param status    the engine's last word, e.g. "Status: Downloaded newer image for busybox:latest"
 */
public record PullResult(String reference, String digest, String status) {

    /** Whether the engine already had this exact image. */
    public boolean wasUpToDate() {
        return status != null && status.contains("Image is up to date");
    }
}
