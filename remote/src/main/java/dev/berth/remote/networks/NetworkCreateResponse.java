package dev.berth.remote.networks;

/** The new network's ID, and a warning the engine had about the request (empty when none). */
public record NetworkCreateResponse(String id, String warning) {
}
