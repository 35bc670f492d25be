package dev.berth.remote.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /version}: what the engine is and which API versions it accepts. {@code MinAPIVersion} is what a
 * "your client is too old" error should quote.
 */
public record VersionInfo(
        Platform platform,
        List<Component> components,
        String version,
        String apiVersion,
        @JsonProperty("MinAPIVersion") String minApiVersion,
        String gitCommit,
        String goVersion,
        String os,
        String arch,
        String kernelVersion,
        Boolean experimental,
        String buildTime) {

    /** The product the engine belongs to, e.g. "Docker Engine - Community". */
    public record Platform(String name) {
    }

    /** One part of the engine (Engine, containerd, runc, docker-init) with its own version details. */
    public record Component(String name, String version, Map<String, String> details) {
    }
}
