package dev.berth.remote.images;

/**
 * How a push ended: the registry's manifest digest and size for the pushed tag (null when the engine did not say).
 */
public record PushResult(String tag, String digest, Long size) {
}
