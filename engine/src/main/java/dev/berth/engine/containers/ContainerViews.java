package dev.berth.engine.containers;

import dev.berth.engine.networks.Attachment;
import dev.berth.engine.networks.EndpointRequest;
import dev.berth.engine.networks.PortMapping;
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
import java.nio.file.Path;
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
            if (c.health != null) {
                // moby's Health.String(): "health: starting", else the status itself
                return "Up " + Timestamps.human(since(c.startedAt, now)) + " (" + (HealthMonitor.STARTING.equals(
                        c.health.status()) ? "health: starting" : c.health.status()) + ")";
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
                c.finishedAt, c.health);
    }

    static ContainerInspect inspect(Container c, Map<String, String> graphData, Long sizeRw, Long sizeRootFs,
            String logPath, String resolvConf, String hostname, String hosts, List<String> execIds) {
        return new ContainerInspect(c.id, c.created, c.path, c.args, state(c), c.imageId, resolvConf, hostname,
                hosts, logPath, c.name, c.restartCount, "overlay2", "linux", "", "", "",
                execIds.isEmpty() ? null : execIds, c.hostConfig,
                new ContainerInspect.DriverData("overlay2", graphData), sizeRw, sizeRootFs, c.mounts, c.config,
                networkSettings(c));
    }

    /** The network Docker would report the container on: none, host, bridge or the user network it runs on. */
    static String networkName(Container c) {
        if (c.networks != null && !c.networks.isEmpty()) {
            return c.networks.keySet().iterator().next();
        }
        String mode = c.hostConfig.networkMode();
        if (mode == null || mode.isEmpty() || mode.equals("default")) {
            return "bridge";
        }
        return mode;
    }

    /** Published ports while running: "80/tcp" → host bindings; exposed but unpublished ports → null. */
    static Map<String, List<PortBinding>> ports(Container c) {
        Map<String, List<PortBinding>> ports = new LinkedHashMap<>();
        String network = networkName(c);
        if (!c.isActive() || network.equals("host") || network.equals("none")
                || CreateChecks.sharedWith(network) != null) {
            return ports;
        }
        if (c.config.exposedPorts() != null) {
            for (String port : c.config.exposedPorts().keySet()) {
                ports.put(port, null);
            }
        }
        for (Attachment a : c.attachments.values()) {
            for (PortMapping p : a.ports()) {
                String key = p.containerPort() + "/" + p.protocol();
                List<PortBinding> list = ports.get(key) == null ? new ArrayList<>() : ports.get(key);
                list.add(new PortBinding(p.hostIp(), Integer.toString(p.hostPort())));
                ports.put(key, list);
            }
        }
        return ports;
    }

    static NetworkSettings networkSettings(Container c) {
        Map<String, EndpointSettings> networks = networks(c);
        if (CreateChecks.sharedWith(c.hostConfig.networkMode()) != null) {
            // the other container owns the sandbox: dockerd shows none, and no networks
            return new NetworkSettings("", "", "", false, "", 0, Map.of(), null, null, "", "", "", 0, "", 0, "", "",
                    networks);
        }
        String sandbox = c.isActive() ? sha256("sandbox:" + c.id) : "";
        // the top-level address fields describe the default bridge only, as in dockerd
        Attachment bridge = c.attachments.get("bridge");
        Path netns = netnsDir;
        String sandboxKey = !c.isActive() ? "" : c.attachments.isEmpty() || netns == null
                ? "/proc/" + c.pid + "/ns/net" : netns.resolve(c.shortId()).toString();
        if (bridge != null) {
            return new NetworkSettings("", sandbox, sandboxKey, false, "", 0, ports(c), null, null,
                    bridge.endpointId(), bridge.gateway(), "", 0, bridge.ipAddress(), bridge.prefixLen(), "",
                    bridge.macAddress(), networks);
        }
        return new NetworkSettings("", sandbox, sandboxKey, false, "", 0, ports(c), null, null, "", "", "", 0, "", 0,
                "", "", networks);
    }

    /** Network name → endpoint, as inspect and the list show them; none for a container on another's network. */
    private static Map<String, EndpointSettings> networks(Container c) {
        Map<String, EndpointSettings> networks = new LinkedHashMap<>();
        if (c.networks != null && !c.networks.isEmpty()) {
            for (String name : c.networks.keySet()) {
                networks.put(name, endpoint(c, name));
            }
        } else if (CreateChecks.sharedWith(c.hostConfig.networkMode()) == null) {
            String network = networkName(c);
            networks.put(network, endpoint(c, network));
        }
        return networks;
    }

    static EndpointSettings endpoint(Container c, String network) {
        EndpointRequest req = c.networks == null ? null : c.networks.get(network);
        Attachment a = c.attachments.get(network);
        if (req == null) {
            return new EndpointSettings(null, null, "", null, null, null, networkId(network),
                    c.isActive() ? sha256("endpoint:" + c.id + ":" + network) : "", "", "", 0, "", "", 0, null);
        }
        EndpointSettings.IpamConfig ipam = req.ipv4Address() == null ? null
                : new EndpointSettings.IpamConfig(req.ipv4Address(), null, null);
        // up to API 1.44 dockerd lists the short ID among the aliases on user-defined networks and has no DNSNames
        List<String> aliases = new ArrayList<>(req.aliases());
        if (!network.equals("bridge")) {
            aliases.add(c.shortId());
        }
        List<String> dnsNames = null;
        String networkId = a != null ? a.networkId() : networkIds.apply(network);
        List<String> links = req.links().isEmpty() ? null : req.links();
        if (a == null) {
            return new EndpointSettings(ipam, links, "", aliases.isEmpty() ? null : aliases, null, 0L,
                    networkId, "", "", "", 0, "", "", 0, dnsNames);
        }
        return new EndpointSettings(ipam, links, a.macAddress(), aliases.isEmpty() ? null : aliases, null,
                0L, networkId, a.endpointId(), a.gateway(), a.ipAddress(), a.prefixLen(), a.ipv6Gateway(),
                a.ipv6Address(), a.ipv6PrefixLen(), dnsNames);
    }

    /** Where the engine keeps network namespaces (dockerd reports that file as SandboxKey); set by the service. */
    static volatile Path netnsDir;

    /** Network name → ID for networks a stopped container is configured on; set by the container service. */
    static volatile java.util.function.Function<String, String> networkIds = ContainerViews::networkId;

    /** The same stable ID the networks package gives a network name. */
    static String networkId(String name) {
        return sha256("berth-network:" + name);
    }

    static ContainerSummary summary(Container c, Instant now, Long sizeRw, Long sizeRootFs, List<String> linkNames) {
        List<ContainerSummary.Port> ports = new ArrayList<>();
        for (Map.Entry<String, List<PortBinding>> e : ports(c).entrySet()) {
            String[] parts = e.getKey().split("/", 2);
            int privatePort;
            try {
                privatePort = Integer.parseInt(parts[0]);
            } catch (NumberFormatException ex) {
                continue; // a range or garbage: Docker lists ranges per port, we leave them out
            }
            String type = parts.length > 1 ? parts[1] : "tcp";
            if (e.getValue() == null) {
                ports.add(new ContainerSummary.Port(null, privatePort, null, type));
            } else {
                for (PortBinding b : e.getValue()) {
                    ports.add(new ContainerSummary.Port(b.hostIp(), privatePort, Integer.parseInt(b.hostPort()),
                            type));
                }
            }
        }
        if (!c.isActive() && c.config.exposedPorts() != null) {
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
        Map<String, EndpointSettings> networks = networks(c);
        String mode = c.hostConfig.networkMode() == null || c.hostConfig.networkMode().isEmpty() ? "default"
                : c.hostConfig.networkMode();
        List<String> names = new ArrayList<>(List.of(c.name));
        names.addAll(linkNames);
        names.sort(null); // dockerd lists them sorted, link names ("/parent/alias") among them
        return new ContainerSummary(c.id, names, c.config.image(), c.imageId, command(c),
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
