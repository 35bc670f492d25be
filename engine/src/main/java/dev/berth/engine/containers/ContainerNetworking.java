package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.networks.Attachment;
import dev.berth.engine.networks.EndpointRequest;
import dev.berth.engine.networks.NetNs;
import dev.berth.engine.networks.Network;
import dev.berth.engine.networks.NetworkService;
import dev.berth.engine.networks.PortMapping;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.containers.NetworkingConfig;
import dev.berth.remote.containers.PortBinding;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container's side of bridge networking: which networks it asked for, its own network namespace with a CNI
 * endpoint per network while it runs, its published ports (checked free by binding first, since portmap only
 * writes DNAT rules), and the /etc/hosts entries through which containers on a user-defined network find each
 * other by name, alias and short ID.
 */
final class ContainerNetworking {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerNetworking.class);

    private final NetworkService networks;
    private final NetNs netns;
    private final Supplier<Collection<Container>> containers;
    private final Function<String, Path> dirOf;
    /** "tcp:0.0.0.0:8080" → container ID, for every port published by a running container. */
    private final Map<String, String> taken = new LinkedHashMap<>();

    /** Docker's network events: "connect" when an endpoint is made, "disconnect" when it goes. */
    interface EndpointEvents {
        void endpoint(String action, Container c, Network n);
    }

    private final EndpointEvents events;

    ContainerNetworking(NetworkService networks, NetNs netns, Supplier<Collection<Container>> containers,
            Function<String, Path> dirOf, EndpointEvents events) {
        this.events = events;
        this.networks = networks;
        this.netns = netns;
        this.containers = containers;
        this.dirOf = dirOf;
    }

    NetworkService networks() {
        return networks;
    }

    // ---- create ------------------------------------------------------------------------------------------------

    /** Whether the mode names a bridge network (the default one or a user-defined one). */
    static boolean usesBridge(String mode) {
        return !(mode.equals("host") || mode.equals("none") || mode.startsWith("container:"));
    }

    /** Resolves {@code --network} and the endpoint configs into network name → request; 404 for unknown ones. */
    Map<String, EndpointRequest> plan(String mode, NetworkingConfig networking) {
        Map<String, EndpointRequest> out = new LinkedHashMap<>();
        if (!usesBridge(mode)) {
            return out;
        }
        Network primary = mode.equals("default") ? networks.defaultNetwork() : networks.findOrNull(mode);
        if (primary == null) {
            throw EngineException.notFound("network " + mode + " not found");
        }
        out.put(primary.name(), new EndpointRequest(List.of(), null));
        if (networking != null && networking.endpointsConfig() != null) {
            for (Map.Entry<String, EndpointSettings> e : networking.endpointsConfig().entrySet()) {
                Network n = e.getKey().equals("default") ? networks.defaultNetwork() : networks.findOrNull(e.getKey());
                if (n == null) {
                    throw EngineException.notFound("network " + e.getKey() + " not found");
                }
                out.put(n.name(), request(n, e.getValue()));
            }
        }
        return out;
    }

    static EndpointRequest request(Network n, EndpointSettings s) {
        List<String> aliases = s == null || s.aliases() == null ? List.of() : List.copyOf(s.aliases());
        String ip = s == null || s.ipamConfig() == null ? null : s.ipamConfig().ipv4Address();
        if (ip != null && ip.isEmpty()) {
            ip = null;
        }
        if (n.isDefault() && !aliases.isEmpty()) {
            throw EngineException.badRequest("network-scoped alias is supported only for containers in user defined "
                    + "networks");
        }
        if (n.isDefault() && ip != null) {
            throw EngineException.badRequest("user specified IP address is supported on user defined networks only");
        }
        List<String> links = new ArrayList<>();
        if (s != null && s.links() != null) {
            for (String spec : s.links()) {
                Links.Link l = Links.parse(spec);
                links.add(l.target() + ":" + l.alias());
            }
        }
        return new EndpointRequest(aliases, ip, links);
    }

    // ---- start and stop ----------------------------------------------------------------------------------------

    /**
     * Makes the namespace and the endpoints, publishes the ports; returns the namespace for the OCI spec, or null
     * when the container is on host or none. Everything made is undone on failure.
     */
    Path setUp(Container c) {
        if (c.networks == null || c.networks.isEmpty()) {
            return null;
        }
        Path ns = netns.create(c.id);
        try {
            networks.loopbackUp(c.id, ns);
            List<PortMapping> ports = reservePorts(c);
            int index = 0;
            for (Map.Entry<String, EndpointRequest> e : c.networks.entrySet()) {
                Network n = networks.findOrNull(e.getKey());
                if (n == null) {
                    throw EngineException.notFound("network " + e.getKey() + " not found");
                }
                Attachment a = networks.attach(n, c.id, ns, "eth" + index, e.getValue().ipv4Address(),
                        index == 0 ? ports : List.of());
                Map<String, Attachment> next = new LinkedHashMap<>(c.attachments);
                next.put(n.name(), a);
                c.attachments = next;
                events.endpoint("connect", c, n);
                index++;
            }
            startDns(c);
            refreshHosts(c);
            return ns;
        } catch (RuntimeException e) {
            tearDown(c);
            throw e;
        }
    }

    /** CNI DEL for every endpoint, the ports released, the namespace removed; never throws. */
    void tearDown(Container c) {
        List<String> names = c.attachments == null ? List.of() : List.copyOf(c.attachments.keySet());
        for (String name : names) {
            Attachment a = c.attachments.get(name);
            Network n = networks.byId(a.networkId());
            if (n != null) {
                try {
                    networks.detach(n, c.id, netns.path(c.id), a);
                } catch (RuntimeException e) {
                    LOG.warn("removing the endpoint of {} on {}: {}", c.shortId(), name, e.getMessage());
                }
                events.endpoint("disconnect", c, n);
            }
        }
        c.attachments = new LinkedHashMap<>();
        releasePorts(c.id);
        try {
            netns.delete(c.id);
        } catch (RuntimeException e) {
            LOG.warn("removing the network namespace of {}: {}", c.shortId(), e.getMessage());
        }
        for (String name : names) {
            refreshNetwork(name);
        }
    }

    /**
     * Starts the DNS responders of the container's user-defined networks and points its resolv.conf at the first
     * one (the gateway), keeping the host's search domains; --dns keeps the servers given instead.
     */
    private void startDns(Container c) {
        String nameserver = null;
        for (Map.Entry<String, Attachment> e : c.attachments.entrySet()) {
            Network n = networks.byId(e.getValue().networkId());
            if (n != null && networks.ensureDns(n, (name, client) -> lookup(n.name(), name, client))
                    && nameserver == null) {
                nameserver = n.gateway();
            }
        }
        String first = c.networks.keySet().iterator().next();
        Network primary = networks.findOrNull(first);
        boolean ownDns = c.hostConfig.dns() != null && !c.hostConfig.dns().isEmpty();
        if (nameserver == null || primary == null || !nameserver.equals(primary.gateway()) || ownDns) {
            return;
        }
        StringBuilder conf = new StringBuilder();
        boolean options = false;
        for (String line : NetworkFiles.resolvConf(c.hostConfig, false).split("\n")) {
            if (line.startsWith("nameserver")) {
                continue;
            }
            options |= line.startsWith("options");
            conf.append(line).append('\n');
        }
        conf.insert(0, "nameserver " + nameserver + "\n");
        if (!options) {
            conf.append("options ndots:0\n");
        }
        try {
            Files.writeString(NetworkFiles.resolvConf(dirOf.apply(c.id)), conf.toString());
        } catch (IOException e) {
            LOG.warn("writing the resolv.conf of {}: {}", c.shortId(), e.toString());
        }
    }

    /**
     * A name on a network: running members by name, alias, short or full ID, plain and with a trailing dot; else
     * a link alias of the member asking ({@code client}, its address on the network).
     */
    private List<String> lookup(String networkName, String name, String client) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        List<String> ips = new ArrayList<>();
        for (Container m : containers.get()) {
            if (m.removed || !m.isActive()) {
                continue;
            }
            Attachment a = m.attachments.get(networkName);
            EndpointRequest req = m.networks.get(networkName);
            if (a == null || a.ipAddress().isEmpty()) {
                continue;
            }
            boolean match = m.plainName().equalsIgnoreCase(n) || m.shortId().equals(n) || m.id.equals(n)
                    || (req != null && req.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(n)));
            if (match) {
                ips.add(a.ipAddress());
                if (!a.ipv6Address().isEmpty()) {
                    ips.add(a.ipv6Address());
                }
            }
        }
        if (ips.isEmpty() && client != null) {
            for (Container m : containers.get()) {
                Attachment a = m.attachments.get(networkName);
                EndpointRequest req = m.networks.get(networkName);
                if (a == null || req == null || !client.equals(a.ipAddress())) {
                    continue;
                }
                for (String spec : req.links()) {
                    String ip = Links.parse(spec).alias().equalsIgnoreCase(n) ? linkedAddress(networkName, spec) : null;
                    if (ip != null) {
                        ips.add(ip);
                    }
                }
            }
        }
        return ips;
    }

    /** At engine start: a running container's ports are held again, its networks' DNS served again. */
    void adopt(Container c) {
        for (Attachment a : c.attachments.values()) {
            Network n = networks.byId(a.networkId());
            if (n != null) {
                networks.ensureDns(n, (name, client) -> lookup(n.name(), name, client));
            }
        }
        synchronized (taken) {
            for (Attachment a : c.attachments.values()) {
                for (PortMapping p : a.ports()) {
                    taken.put(key(p), c.id);
                }
            }
        }
    }

    /** Namespace files no running container owns (the engine died before it could clean up). */
    void sweep(Collection<Container> all) {
        List<String> live = new ArrayList<>();
        for (Container c : all) {
            if (c.running && !c.attachments.isEmpty()) {
                live.add(c.shortId());
            }
        }
        for (String shortId : netns.present()) {
            if (!live.contains(shortId)) {
                LOG.info("removing the stale network namespace {}", shortId);
                netns.deleteShort(shortId);
            }
        }
    }

    // ---- connect and disconnect ----------------------------------------------------------------------------------

    void connect(Container c, Network n, EndpointRequest request) {
        if (c.networks.containsKey(n.name())) {
            throw EngineException.forbidden("endpoint with name " + c.plainName() + " already exists in network "
                    + n.name());
        }
        if (CreateChecks.sharedWith(c.hostConfig.networkMode()) != null) {
            throw EngineException.badRequest("container sharing network namespace with another container or host "
                    + "cannot be connected to any other network");
        }
        if (c.networks.isEmpty()) {
            throw EngineException.badRequest("container cannot be disconnected from host network or connected to "
                    + "host network");
        }
        if (c.isActive() && netns.exists(c.id)) {
            Attachment a = networks.attach(n, c.id, netns.path(c.id), nextIfname(c), request.ipv4Address(), List.of());
            Map<String, Attachment> next = new LinkedHashMap<>(c.attachments);
            next.put(n.name(), a);
            c.attachments = next;
            networks.ensureDns(n, (name, client) -> lookup(n.name(), name, client));
            events.endpoint("connect", c, n);
        }
        Map<String, EndpointRequest> nets = new LinkedHashMap<>(c.networks);
        nets.put(n.name(), request);
        c.networks = nets;
        refreshHosts(c);
        refreshNetwork(n.name());
    }

    void disconnect(Container c, Network n) {
        if (!c.networks.containsKey(n.name())) {
            throw EngineException.forbidden("container " + c.id + " is not connected to network " + n.name());
        }
        Attachment a = c.attachments.get(n.name());
        if (a != null) {
            try {
                networks.detach(n, c.id, netns.path(c.id), a);
            } finally {
                Map<String, Attachment> next = new LinkedHashMap<>(c.attachments);
                next.remove(n.name());
                c.attachments = next;
                synchronized (taken) {
                    for (PortMapping p : a.ports()) {
                        taken.remove(key(p), c.id);
                    }
                }
                events.endpoint("disconnect", c, n);
            }
        }
        Map<String, EndpointRequest> nets = new LinkedHashMap<>(c.networks);
        nets.remove(n.name());
        c.networks = nets;
        refreshHosts(c);
        refreshNetwork(n.name());
    }

    private static String nextIfname(Container c) {
        for (int i = 0; ; i++) {
            String name = "eth" + i;
            if (c.attachments.values().stream().noneMatch(a -> a.ifname().equals(name))) {
                return name;
            }
        }
    }

    // ---- ports ---------------------------------------------------------------------------------------------------

    /** -p and -P, resolved to concrete host ports that are free now; they stay held until the container stops. */
    private List<PortMapping> reservePorts(Container c) {
        Map<String, List<PortBinding>> bindings = new LinkedHashMap<>();
        if (c.hostConfig.portBindings() != null) {
            bindings.putAll(c.hostConfig.portBindings());
        }
        if (Boolean.TRUE.equals(c.hostConfig.publishAllPorts()) && c.config.exposedPorts() != null) {
            for (String port : c.config.exposedPorts().keySet()) {
                bindings.putIfAbsent(port, List.of(new PortBinding("", "")));
            }
        }
        List<PortMapping> out = new ArrayList<>();
        try {
            for (Map.Entry<String, List<PortBinding>> e : bindings.entrySet()) {
                String[] spec = e.getKey().split("/", 2);
                String proto = spec.length > 1 ? spec[1] : "tcp";
                int containerPort = Integer.parseInt(spec[0]);
                List<PortBinding> list = e.getValue() == null || e.getValue().isEmpty()
                        ? List.of(new PortBinding("", "")) : e.getValue();
                for (PortBinding b : list) {
                    String ip = b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp();
                    if (ip.contains(":")) {
                        continue; // IPv6 host addresses: the networks here are IPv4 only
                    }
                    out.add(reserve(c, ip, b.hostPort(), containerPort, proto));
                }
            }
            return out;
        } catch (RuntimeException e) {
            releasePorts(c.id);
            throw e;
        }
    }

    private PortMapping reserve(Container c, String ip, String hostPort, int containerPort, String proto) {
        int from;
        int to;
        if (hostPort == null || hostPort.isEmpty() || hostPort.equals("0")) {
            from = 0;
            to = 0;
        } else if (hostPort.contains("-")) {
            from = Integer.parseInt(hostPort.substring(0, hostPort.indexOf('-')));
            to = Integer.parseInt(hostPort.substring(hostPort.indexOf('-') + 1));
        } else {
            from = Integer.parseInt(hostPort);
            to = from;
        }
        synchronized (taken) {
            if (from == 0) {
                for (int attempt = 0; attempt < 50; attempt++) {
                    int port = freePort(ip, proto);
                    PortMapping p = new PortMapping(ip, port, containerPort, proto);
                    if (conflict(p) == null) {
                        taken.put(key(p), c.id);
                        return p;
                    }
                }
                throw EngineException.serverError("no free host port for " + containerPort + "/" + proto);
            }
            String failure = null;
            for (int port = from; port <= to; port++) {
                PortMapping p = new PortMapping(ip, port, containerPort, proto);
                if (conflict(p) != null) {
                    failure = "Bind for " + ip + ":" + port + " failed: port is already allocated";
                    continue;
                }
                String bindError = tryBind(ip, port, proto);
                if (bindError != null) {
                    failure = "failed to bind host port for " + ip + ":" + port + ":" + containerPort + "/" + proto
                            + ": " + bindError;
                    continue;
                }
                taken.put(key(p), c.id);
                return p;
            }
            // dockerd's wording: the endpoint that was being made (and is rolled back) is named with its ID
            String endpoint = HexFormat.of().formatHex(ThreadLocalRandom.current().ints(32, 0, 256)
                    .collect(java.io.ByteArrayOutputStream::new, (o, v) -> o.write(v), (x, y) -> { }).toByteArray());
            throw EngineException.serverError("driver failed programming external connectivity on endpoint "
                    + c.plainName() + " (" + endpoint + "): " + failure);
        }
    }

    /** Another running container's mapping on the same port and protocol whose address overlaps. */
    private String conflict(PortMapping p) {
        for (Map.Entry<String, String> e : taken.entrySet()) {
            String[] k = e.getKey().split(":", 3);
            if (k[0].equals(p.protocol()) && k[2].equals(Integer.toString(p.hostPort()))
                    && (k[1].equals(p.hostIp()) || k[1].equals("0.0.0.0") || p.hostIp().equals("0.0.0.0"))) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String key(PortMapping p) {
        return p.protocol() + ":" + p.hostIp() + ":" + p.hostPort();
    }

    private void releasePorts(String containerId) {
        synchronized (taken) {
            taken.values().removeIf(containerId::equals);
        }
    }

    /** Binds and releases: portmap writes DNAT rules and would silently shadow a host service on that port. */
    private static String tryBind(String ip, int port, String proto) {
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ip), port);
            if (proto.equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.bind(at);
                }
            } else {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(at);
                }
            }
            return null;
        } catch (IOException e) {
            return "address already in use";
        }
    }

    private static int freePort(String ip, String proto) {
        try {
            InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(ip), 0);
            if (proto.equals("udp")) {
                try (DatagramSocket s = new DatagramSocket(null)) {
                    s.bind(at);
                    return s.getLocalPort();
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(at);
                return s.getLocalPort();
            }
        } catch (IOException e) {
            throw EngineException.serverError("cannot find a free host port on " + ip + ": " + e.getMessage(), e);
        }
    }

    // ---- names ---------------------------------------------------------------------------------------------------

    /** Rewrites the hosts file of every running member of a network (someone joined or left). */
    void refreshNetwork(String networkName) {
        for (Container m : containers.get()) {
            if (!m.removed && m.isActive() && m.attachments.containsKey(networkName)) {
                refreshHosts(m);
            }
        }
    }

    /**
     * Legacy links: on the default bridge "IP alias shortID name" (moby's entry), on a user-defined network
     * "IP alias"; only for linked containers running on that network.
     */
    private void appendLinks(Container c, StringBuilder hosts) {
        if (c.hostConfig.links() != null) {
            for (String spec : c.hostConfig.links()) {
                Links.Link l = Links.parse(spec);
                Container target = running(l.target());
                Attachment a = target == null ? null : target.attachments.get("bridge");
                if (a != null && !a.ipAddress().isEmpty()) {
                    hosts.append(a.ipAddress()).append('\t').append(l.alias()).append(' ').append(target.shortId())
                            .append(' ').append(target.plainName()).append('\n');
                }
            }
        }
        for (Map.Entry<String, EndpointRequest> e : c.networks.entrySet()) {
            for (String spec : e.getValue().links()) {
                String ip = linkedAddress(e.getKey(), spec);
                if (ip != null) {
                    hosts.append(ip).append('\t').append(Links.parse(spec).alias()).append('\n');
                }
            }
        }
    }

    /** The address on {@code network} of the container a "target:alias" link names, if it runs there. */
    private String linkedAddress(String network, String spec) {
        Container target = running(Links.parse(spec).target());
        Attachment a = target == null ? null : target.attachments.get(network);
        return a == null || a.ipAddress().isEmpty() ? null : a.ipAddress();
    }

    private Container running(String name) {
        for (Container m : containers.get()) {
            if (!m.removed && m.isActive() && m.plainName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /**
     * The container's /etc/hosts: the defaults and --add-host entries, its own addresses, and on user-defined
     * networks every other running member by name, aliases and short ID (Docker's embedded DNS answers those; here
     * the hosts file does, kept current as members come and go).
     */
    void refreshHosts(Container c) {
        if (c.networks == null || c.networks.isEmpty()) {
            return;
        }
        StringBuilder hosts = new StringBuilder(NetworkFiles.defaultHosts());
        if (c.hostConfig.extraHosts() != null) {
            for (String entry : c.hostConfig.extraHosts()) {
                hosts.append(NetworkFiles.extraHost(entry)).append('\n');
            }
        }
        String own = NetworkFiles.ownNames(c.config.hostname(), c.config.domainname());
        for (Attachment a : c.attachments.values()) {
            if (!a.ipAddress().isEmpty()) {
                hosts.append(a.ipAddress()).append('\t').append(own).append('\n');
            }
            if (!a.ipv6Address().isEmpty()) {
                hosts.append(a.ipv6Address()).append('\t').append(own).append('\n');
            }
        }
        for (Map.Entry<String, Attachment> mine : c.attachments.entrySet()) {
            Network n = networks.byId(mine.getValue().networkId());
            if (n == null || n.isDefault()) {
                continue;
            }
            for (Container other : containers.get()) {
                if (other == c || other.removed || !other.isActive()) {
                    continue;
                }
                Attachment a = other.attachments.get(mine.getKey());
                EndpointRequest req = other.networks.get(mine.getKey());
                if (a == null || a.ipAddress().isEmpty()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                names.add(other.plainName());
                if (req != null) {
                    names.addAll(req.aliases());
                }
                names.add(other.shortId());
                hosts.append(a.ipAddress()).append('\t').append(String.join(" ", names)).append('\n');
                if (!a.ipv6Address().isEmpty()) {
                    hosts.append(a.ipv6Address()).append('\t').append(String.join(" ", names)).append('\n');
                }
            }
        }
        appendLinks(c, hosts);
        Path file = NetworkFiles.hosts(dirOf.apply(c.id));
        try {
            // in place: the file is bind-mounted into the running container
            Files.writeString(file, hosts.toString());
        } catch (IOException e) {
            LOG.warn("updating the hosts file of {}: {}", c.shortId(), e.toString());
        }
    }
}
