package dev.berth.remote.system;

import dev.berth.remote.client.ApiVersion;

/**
 * What {@code /_ping} tells before any versioned call: the newest API the engine speaks (null when an old engine
 * does not say), its OS, and the server banner ({@code Docker/28.2.2 (linux)}).
 */
public record Ping(ApiVersion apiVersion, String osType, boolean experimental, String builderVersion, String swarm,
                   String server) {
}
