package dev.berth.remote.containers;

import java.util.Map;

/** The networks to connect at create time: network name → endpoint settings. */
public record NetworkingConfig(Map<String, EndpointSettings> endpointsConfig) {
}
