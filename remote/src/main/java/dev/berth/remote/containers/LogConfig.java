package dev.berth.remote.containers;

import java.util.Map;

/** The logging driver ("json-file", "local", "journald", "none", …) and its options ("max-size", …). */
public record LogConfig(String type, Map<String, String> config) {
}
