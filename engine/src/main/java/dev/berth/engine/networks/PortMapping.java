package dev.berth.engine.networks;

/** One published port as the portmap plugin takes it; {@code hostIp} "" means every address. */
public record PortMapping(String hostIp, int hostPort, int containerPort, String protocol) {
}
