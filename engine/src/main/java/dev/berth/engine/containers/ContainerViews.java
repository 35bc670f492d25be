package dev.berth.engine.containers;

import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerState;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.MountPoint;
import dev.berth.remote.containers.NetworkSettings;
import dev.berth.remote.containers.PortBinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker-shaped views of a container: inspect, list rows, status text. Called with the container's lock held. */
final class ContainerViews {

    private ContainerViews() {
    }

    /** Docker's State.String(): "Up 3 seconds", "Exited (0) 2 seconds ago", "Created", "Up 2 seconds (Paused)". */
    static String statusText(Container c, Instant now) {
        if (c.running) {
            if (c.paused) {
                return "Up " + Timestamps.human(since(c.startedAt, now)) + " (Paused)";
            }
            if (c.restarting) {
                return "Restarting (" + c.exitCode + ") " + Timestamps.human(since(c.finishedAt, now)) + " ago";
            }
            return "Up " + Timestamps.human(since(c.startedAt, now));
        }
        if (c.removing) {
            return "Removal In Progress";
        }
        if (c.dead) {
            return "Dead";
        }
        if (Timestamps.ZERO.equals(c.startedAt)) {
            return "Created";
        }
        if (Timestamps.ZERO.equals(c.finishedAt)) {
            return "";
        }
        return "Exited (" + c.exitCode + ") " + Timestamps.human(since(c.finishedAt, now)) + " ago";
    }

    private static Duration since(String time, Instant now) {
        Instant t = Timestamps.parse(time);
        return t == null ? Duration.ZERO : Duration.between(t, now).isNegative() ? Duration.ZERO
                : Duration.between(t, now);
    }

    static ContainerState state(Container c) {
        return new ContainerState(c.status(), c.running, c.paused, c.restarting, c.oomKilled, c.dead,
                c.running && !c.restarting ? c.pid : 0, c.exitCode, c.error == null ? "" : c.error, c.startedAt,
                c.finishedAt, null);
    }

    static ContainerInspect inspect(Container c, Map<String, String> graphData, Long sizeRw, Long sizeRootFs,
            String logPath, String resolvConf, String hostname, String hosts, List<String> execIds) {
        return new ContainerInspect(c.id, c.created, c.path, c.args, state(c), c.imageId, resolvConf, hostname,
                hosts, logPath, c.name, c.restartCount, "overlay2", "linux", "", "", "",
                execIds.isEmpty() ? null : execIds, c.hostConfig,
                new ContainerInspect.DriverData("overlay2", graphData), sizeRw, sizeRootFs, c.mounts, c.config,
                networkSettings(c));
    }

    /** The network Docker would report the container on: none, host, or (until bridges exist) bridge. */
    static String networkName(Container c) {
        String mode = c.hostConfig.networkMode();
        if (mode == null || mode.isEmpty() || mode.equals("default")) {
            return "bridge";
        }
        return mode;
    }

    static NetworkSettings networkSettings(Container c) {
        String network = networkName(c);
        Map<String, List<PortBinding>> ports = new LinkedHashMap<>();
        if (c.isActive() && !network.equals("host") && !network.equals("none") && c.config.exposedPorts() != null) {
            for (String port : c.config.exposedPorts().keySet()) {
                ports.put(port, null);
            }
        }
        String sandbox = c.isActive() ? sha256("sandbox:" + c.id) : "";
        Map<String, EndpointSettings> networks = new LinkedHashMap<>();
        networks.put(network, endpoint(c, network));
        return new NetworkSettings("", sandbox, c.isActive() ? "/proc/" + c.pid + "/ns/net" : "", false, "", 0,
                ports, null, null, "", "", "", 0, "", 0, "", "", networks);
    }

    static EndpointSettings endpoint(Container c, String network) {
        return new EndpointSettings(null, null, "", null, null, null, networkId(network),
                c.isActive() ? sha256("endpoint:" + c.id + ":" + network) : "", "", "", 0, "", "", 0, null);
    }

    /** The same stable ID the networks package gives a network name. */
    static String networkId(String name) {
        return sha256("berth-network:" + name);
    }

    static ContainerSummary summary(Container c, Instant now, Long sizeRw, Long sizeRootFs) {
        List<ContainerSummary.Port> ports = new ArrayList<>();
        if (c.config.exposedPorts() != null) {
            for (String port : c.config.exposedPorts().keySet()) {
                String[] parts = port.split("/", 2);
                try {
                    ports.add(new ContainerSummary.Port(null, Integer.parseInt(parts[0]), null,
                            parts.length > 1 ? parts[1] : "tcp"));
                } catch (NumberFormatException e) {
                    // a range or garbage: Docker lists ranges per port, we leave them out
                }
            }
        }
        String network = networkName(c);
        Map<String, EndpointSettings> networks = new LinkedHashMap<>();
        networks.put(network, endpoint(c, network));
        String mode = c.hostConfig.networkMode() == null || c.hostConfig.networkMode().isEmpty() ? "default"
                : c.hostConfig.networkMode();
        return new ContainerSummary(c.id, List.of(c.name), c.config.image(), c.imageId, command(c),
                c.createdInstant().getEpochSecond(), ports, sizeRw, sizeRootFs,
                c.config.labels() == null ? Map.of() : c.config.labels(), c.status(), statusText(c, now),
                new ContainerSummary.HostConfigSummary(mode, null),
                new ContainerSummary.NetworkSettingsSummary(networks), mountsForList(c.mounts), null);
    }

    /** moby's list Command: the path, then arguments with spaces quoted in single quotes. */
    static String command(Container c) {
        if (c.args == null || c.args.isEmpty()) {
            return c.path == null ? "" : c.path;
        }
        List<String> args = new ArrayList<>();
        for (String a : c.args) {
            args.add(a.contains(" ") ? "'" + a + "'" : a);
        }
        return c.path + " " + String.join(" ", args);
    }

    private static List<MountPoint> mountsForList(List<MountPoint> mounts) {
        return mounts == null ? List.of() : mounts;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
