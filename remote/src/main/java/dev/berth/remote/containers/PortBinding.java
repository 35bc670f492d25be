package dev.berth.remote.containers;

/**
 * Where a container port is published on the host. An empty or missing {@code HostIp} means all addresses; an
 * empty {@code HostPort} lets the engine pick one.
 */
public record PortBinding(String hostIp, String hostPort) {

    public static PortBinding of(String hostIp, int hostPort) {
        return new PortBinding(hostIp, String.valueOf(hostPort));
    }

    public static PortBinding anyAddress(int hostPort) {
        return new PortBinding("", String.valueOf(hostPort));
    }
}
