package dev.berth.engine.networks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.storage.DirectoryTrees;
import dev.berth.remote.networks.NetworkCreateRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridge networks through the CNI plugins: {@code bridge} (host bridge, veth, host-local IPAM, masquerade),
 * {@code portmap} (published ports, including 127.0.0.1 through route_localnet) and {@code firewall} (FORWARD
 * accepts, in case the host's policy drops). Networks are persisted one JSON file each; host-local keeps its
 * address leases under the same directory, so addresses survive an engine restart.
 */
public final class NetworkService {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkService.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String DEFAULT_NAME = "bridge";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final Path dir;
    private final Path ipamDir;
    private final Cni cni;
    private final String defaultBridge;
    private final Cidr defaultBip;
    private final int defaultGateway;
    private final Cidr pool;
    private final int poolSize;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    /** Network ID → its DNS responder, started with the network's first endpoint. */
    private final Map<String, DnsResponder> dns = new ConcurrentHashMap<>();

    /**
     * @param bip      the default bridge's gateway address and prefix, e.g. 172.31.0.1/16
     * @param poolBase where user networks' subnets come from, e.g. 10.201.0.0/16
     */
    public NetworkService(Path dir, Cni cni, String defaultBridge, String bip, String poolBase, int poolSize) {
        this.dir = dir;
        this.ipamDir = dir.resolve("ipam");
        this.cni = cni;
        this.defaultBridge = defaultBridge;
        this.defaultBip = Cidr.parse(bip);
        this.defaultGateway = Cidr.address(bip.substring(0, bip.indexOf('/')));
        this.pool = Cidr.parse(poolBase);
        this.poolSize = poolSize;
        try {
            Files.createDirectories(ipamDir);
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (f.getFileName().toString().endsWith(".json")) {
                        Network n = JSON.readValue(f.toFile(), Network.class);
                        networks.put(n.id(), n);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the networks under " + dir + ": " + e.getMessage(), e);
        }
        checkDefaultSubnetIsFree();
        ensureDefault();
    }

    /** Another interface routing the default bridge's subnet would make its containers unreachable: refuse early. */
    private void checkDefaultSubnetIsFree() {
        String routes;
        try {
            routes = NetNs.run(List.of("ip", "-4", "route", "show", "table", "main"));
        } catch (RuntimeException e) {
            LOG.debug("cannot read the host's routes: {}", e.toString());
            return;
        }
        Matcher m = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)/(\\d+) dev (\\S+)", Pattern.MULTILINE).matcher(routes);
        while (m.find()) {
            Cidr route = new Cidr(Cidr.address(m.group(1)) & Cidr.mask(Integer.parseInt(m.group(2))),
                    Integer.parseInt(m.group(2)));
            if (!m.group(3).equals(defaultBridge) && route.prefix() > 0 && route.overlaps(defaultBip)) {
                throw new IllegalStateException("the default bridge's subnet " + defaultBip + " overlaps " + route
                        + " on " + m.group(3) + ": choose another with --bip (e.g. --bip 172.30.0.1/16)");
            }
        }
    }

    private void ensureDefault() {
        Network existing = networks.get(PredefinedNetworks.id(DEFAULT_NAME));
        Network wanted = new Network(PredefinedNetworks.id(DEFAULT_NAME), DEFAULT_NAME,
                existing != null ? existing.created() : Instant.now().toString(), defaultBip.toString(),
                Cidr.format(defaultGateway), null, false, Map.of(), defaultOptions(), defaultBridge, true, null, null,
                false, false, false);
        if (!wanted.equals(existing)) {
            save(wanted);
        }
    }

    private Map<String, String> defaultOptions() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("com.docker.network.bridge.default_bridge", "true");
        o.put("com.docker.network.bridge.enable_icc", "true");
        o.put("com.docker.network.bridge.enable_ip_masquerade", "true");
        o.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
        o.put("com.docker.network.bridge.name", defaultBridge);
        o.put("com.docker.network.driver.mtu", "1500");
        return o;
    }

    private void save(Network n) {
        try {
            Path tmp = dir.resolve(n.id() + ".json.tmp");
            JSON.writeValue(tmp.toFile(), n);
            Files.move(tmp, dir.resolve(n.id() + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            networks.put(n.id(), n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save network " + n.name() + ": " + e.getMessage(), e);
        }
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    public List<Network> all() {
        List<Network> out = new ArrayList<>(networks.values());
        out.sort((a, b) -> a.isDefault() ? -1 : b.isDefault() ? 1 : a.created().compareTo(b.created()));
        return out;
    }

    public Network defaultNetwork() {
        return networks.get(PredefinedNetworks.id(DEFAULT_NAME));
    }

    /** By full name, full ID, or a unique ID prefix; null if none. */
    public Network findOrNull(String ref) {
        if (ref == null || ref.isEmpty()) {
            return null;
        }
        for (Network n : networks.values()) {
            if (n.name().equals(ref) || n.id().equals(ref)) {
                return n;
            }
        }
        Network match = null;
        for (Network n : networks.values()) {
            if (n.id().startsWith(ref)) {
                if (match != null) {
                    throw EngineException.badRequest("network " + ref + " is ambiguous (" + 2 + " matches found "
                            + "based on ID prefix)");
                }
                match = n;
            }
        }
        return match;
    }

    public Network byId(String id) {
        return networks.get(id);
    }

    // ---- create and remove --------------------------------------------------------------------------------------

    public synchronized Network create(NetworkCreateRequest req) {
        String name = req.name();
        if (name == null || name.isEmpty()) {
            throw EngineException.badRequest("network name is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw EngineException.badRequest("invalid network name \"" + name + "\": must match "
                    + "[a-zA-Z0-9][a-zA-Z0-9_.-]");
        }
        if (PredefinedNetworks.isPredefined(name)) {
            throw EngineException.forbidden(name + " is a pre-defined network and cannot be created");
        }
        for (Network n : networks.values()) {
            if (n.name().equals(name)) {
                throw EngineException.conflict("network with name " + name + " already exists");
            }
        }
        String driver = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
        if (!driver.equals("bridge")) {
            throw EngineException.notFound("plugin \"" + driver + "\" not found");
        }
        Map<String, String> options = req.options() == null ? Map.of() : new LinkedHashMap<>(req.options());
        String id = HexFormat.of().formatHex(RANDOM.generateSeed(32));
        String bridge = options.getOrDefault("com.docker.network.bridge.name", "br-" + id.substring(0, 12));
        if (bridge.length() > 15 || !bridge.matches("[a-zA-Z0-9_.-]+")) {
            throw EngineException.badRequest("invalid bridge name \"" + bridge + "\": at most 15 letters, digits, "
                    + "'_', '.' or '-'");
        }
        for (Network n : networks.values()) {
            if (n.bridge().equals(bridge)) {
                throw EngineException.conflict("bridge name " + bridge + " is already used by network " + n.name());
            }
        }
        String subnet = null;
        String gateway = null;
        String ipRange = null;
        String subnet6 = null;
        String gateway6 = null;
        if (req.ipam() != null && req.ipam().config() != null) {
            boolean v4 = false;
            boolean v6 = false;
            for (var c : req.ipam().config()) {
                boolean six = Cidr6.looksLikeV6(c.subnet()) || Cidr6.looksLikeV6(c.gateway());
                if (six ? v6 : v4) {
                    throw EngineException.badRequest("this engine takes one IPv4 and one IPv6 subnet per network");
                }
                if (six) {
                    v6 = true;
                    subnet6 = c.subnet();
                    gateway6 = c.gateway();
                    if (c.ipRange() != null && !c.ipRange().isEmpty()) {
                        throw EngineException.badRequest("this engine hands out IPv6 addresses from the whole "
                                + "subnet: leave out the IPv6 ip-range");
                    }
                } else {
                    v4 = true;
                    subnet = c.subnet();
                    gateway = c.gateway();
                    ipRange = c.ipRange();
                }
            }
        }
        boolean enableIpv6 = Boolean.TRUE.equals(req.enableIpv6());
        Cidr6 cidr6 = null;
        if (subnet6 == null || subnet6.isEmpty()) {
            if (gateway6 != null && !gateway6.isEmpty()) {
                throw EngineException.badRequest("invalid pool request: gateway needs a subnet");
            }
            // like Docker's default IPv6 pool: a unique-local /64 of its own
            cidr6 = enableIpv6 ? allocateSubnet6() : null;
        } else {
            cidr6 = Cidr6.parse(subnet6);
            for (Network n : networks.values()) {
                if (n.subnet6() != null && Cidr6.parse(n.subnet6()).overlaps(cidr6)) {
                    throw EngineException.forbidden("invalid pool request: Pool overlaps with other one on this "
                            + "address space");
                }
            }
        }
        String gw6 = null;
        if (cidr6 != null) {
            if (gateway6 == null || gateway6.isEmpty()) {
                gw6 = Cidr6.format(cidr6.first());
            } else if (!cidr6.contains(Cidr6.address(gateway6))) {
                throw EngineException.badRequest("no matching subnet for gateway " + gateway6);
            } else {
                gw6 = Cidr6.format(Cidr6.address(gateway6));
            }
        }
        Cidr cidr;
        if (subnet == null || subnet.isEmpty()) {
            if (gateway != null && !gateway.isEmpty() || ipRange != null && !ipRange.isEmpty()) {
                throw EngineException.badRequest("invalid pool request: ip-range and gateway need a subnet");
            }
            cidr = allocateSubnet();
        } else {
            cidr = Cidr.parse(subnet);
            for (Network n : networks.values()) {
                if (Cidr.parse(n.subnet()).overlaps(cidr)) {
                    throw EngineException.forbidden("invalid pool request: Pool overlaps with other one on this "
                            + "address space");
                }
            }
        }
        int gw;
        if (gateway == null || gateway.isEmpty()) {
            gw = cidr.base() + 1;
        } else {
            gw = Cidr.address(gateway);
            if (!cidr.contains(gw)) {
                throw EngineException.badRequest("no matching subnet for gateway " + gateway);
            }
        }
        if (ipRange != null && !ipRange.isEmpty()) {
            Cidr range = Cidr.parse(ipRange);
            if (!cidr.contains(range.base()) || range.prefix() < cidr.prefix()) {
                throw EngineException.badRequest("no matching subnet for range " + ipRange);
            }
            ipRange = range.toString();
        } else {
            ipRange = null;
        }
        Network n = new Network(id, name, Instant.now().toString(), cidr.toString(), Cidr.format(gw), ipRange,
                Boolean.TRUE.equals(req.internal()), req.labels() == null ? Map.of() : req.labels(), options, bridge,
                false, cidr6 == null ? null : cidr6.toString(), gw6, enableIpv6,
                subnet != null && !subnet.isEmpty() && (gateway == null || gateway.isEmpty()),
                subnet6 != null && !subnet6.isEmpty() && (gateway6 == null || gateway6.isEmpty()));
        save(n);
        LOG.info("created network {} ({}, {} on {})", name, n.shortId(), n.subnet(), bridge);
        return n;
    }

    /** The first pool-sized subnet that neither another network nor a host route uses. */
    private Cidr allocateSubnet() {
        List<Cidr> used = new ArrayList<>(hostRoutes());
        for (Network n : networks.values()) {
            used.add(Cidr.parse(n.subnet()));
        }
        long count = 1L << (poolSize - pool.prefix());
        for (long i = 0; i < count; i++) {
            Cidr candidate = new Cidr(pool.base() + (int) (i << (32 - poolSize)), poolSize);
            if (used.stream().noneMatch(u -> u.prefix() > 0 && u.overlaps(candidate))) {
                return candidate;
            }
        }
        throw EngineException.forbidden("could not find an available, non-overlapping IPv4 address pool among the "
                + "defaults to assign to the network");
    }

    private Cidr6 allocateSubnet6() {
        for (int i = 0; i < 16; i++) {
            Cidr6 candidate = Cidr6.randomUniqueLocal(RANDOM);
            if (networks.values().stream().noneMatch(n -> n.subnet6() != null
                    && Cidr6.parse(n.subnet6()).overlaps(candidate))) {
                return candidate;
            }
        }
        throw EngineException.forbidden("could not find an available, non-overlapping IPv6 address pool");
    }

    private static List<Cidr> hostRoutes() {
        List<Cidr> out = new ArrayList<>();
        try {
            Matcher m = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)(?:/(\\d+))?\\s", Pattern.MULTILINE)
                    .matcher(NetNs.run(List.of("ip", "-4", "route", "show", "table", "all")));
            while (m.find()) {
                int prefix = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
                if (prefix > 0 && prefix <= 30) {
                    out.add(new Cidr(Cidr.address(m.group(1)) & Cidr.mask(prefix), prefix));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot read the host's routes: {}", e.toString());
        }
        return out;
    }

    /** Removes a user network that has no running member; the host bridge goes with it. */
    public synchronized void remove(Network n) {
        if (n.isDefault()) {
            throw EngineException.forbidden(n.name() + " is a pre-defined network and cannot be removed");
        }
        try {
            Files.deleteIfExists(dir.resolve(n.id() + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        networks.remove(n.id());
        DnsResponder responder = dns.remove(n.id());
        if (responder != null) {
            responder.close();
        }
        deleteBridge(n.bridge());
        DirectoryTrees.deleteQuietly(ipamDir.resolve(n.id()));
        LOG.info("removed network {} ({})", n.name(), n.shortId());
    }

    private static void deleteBridge(String bridge) {
        try {
            NetNs.run(List.of("ip", "link", "del", bridge));
        } catch (RuntimeException e) {
            LOG.debug("no bridge {} to delete: {}", bridge, e.getMessage());
        }
    }


    // ---- names ----------------------------------------------------------------------------------------------------

    /**
     * Starts the DNS responder of a user-defined network on its gateway address (which exists once the bridge has
     * its first endpoint). Returns whether it serves; a host service already on port 53 of that address keeps it
     * from starting, and the containers then still find each other through their hosts files.
     */
    public boolean ensureDns(Network n, java.util.function.BiFunction<String, String, List<String>> lookup) {
        if (n.isDefault() || n.internal()) {
            return false;
        }
        if (dns.containsKey(n.id())) {
            return true;
        }
        synchronized (dns) {
            if (dns.containsKey(n.id())) {
                return true;
            }
            try {
                dns.put(n.id(), new DnsResponder(n.gateway(), lookup, upstreamResolvers()));
                LOG.info("DNS for network {} on {}:53", n.name(), n.gateway());
                return true;
            } catch (java.net.SocketException e) {
                LOG.warn("no DNS for network {}: cannot listen on {}:53: {}", n.name(), n.gateway(), e.getMessage());
                return false;
            }
        }
    }

    /** The host's resolvers (reachable from the host namespace, where the responders run, even 127.0.0.53). */
    private static List<java.net.InetSocketAddress> upstreamResolvers() {
        List<java.net.InetSocketAddress> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"))) {
                String t = line.trim();
                if (t.startsWith("nameserver")) {
                    String ip = t.substring("nameserver".length()).trim();
                    if (ip.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
                        out.add(new java.net.InetSocketAddress(DnsResponder.InetAddressParse.of(ip), 53));
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot read /etc/resolv.conf: {}", e.toString());
        }
        if (out.isEmpty()) {
            out.add(new java.net.InetSocketAddress(DnsResponder.InetAddressParse.of("8.8.8.8"), 53));
        }
        return out;
    }

    /** Stops every responder (engine shutdown; the next engine starts them again). */
    public void close() {
        dns.values().forEach(DnsResponder::close);
        dns.clear();
    }

    // ---- endpoints ----------------------------------------------------------------------------------------------

    /** Brings {@code lo} up in a namespace this engine made (runc does that only for namespaces it creates). */
    public void loopbackUp(String containerId, Path netns) {
        ObjectNode lo = NODES.objectNode().put("type", "loopback");
        cni.add("lo", List.of(lo), containerId, netns, "lo", null);
    }

    /** CNI ADD: a veth into {@code netns} named {@code ifname}, an address, and the published ports. */
    public Attachment attach(Network n, String containerId, Path netns, String ifname, String requestedIp,
            List<PortMapping> ports) {
        String args = "IgnoreUnknown=1";
        if (requestedIp != null && !requestedIp.isEmpty()) {
            int ip = Cidr.address(requestedIp);
            Cidr subnet = Cidr.parse(n.subnet());
            if (!subnet.contains(ip)) {
                throw EngineException.badRequest("no configured subnet or ip-range contain the IP address "
                        + requestedIp);
            }
            args += ";IP=" + requestedIp;
        }
        JsonNode result;
        try {
            result = cni.add(n.id(), plugins(n, ports), containerId, netns, ifname, args);
        } catch (IllegalStateException e) {
            String msg = e.getMessage();
            if (requestedIp != null && msg.contains("already allocated")) {
                throw EngineException.forbidden("Address already in use");
            }
            throw EngineException.serverError("failed to set up container networking: " + msg, e);
        }
        String ip = "";
        int prefix = 0;
        String gateway = "";
        String mac = "";
        String ip6 = "";
        int prefix6 = 0;
        String gateway6 = "";
        for (JsonNode a : result.path("ips")) {
            String addr = a.path("address").asText();
            int slash = addr.indexOf('/');
            if (slash < 0) {
                continue;
            }
            if (addr.contains(".") && ip.isEmpty()) {
                ip = addr.substring(0, slash);
                prefix = Integer.parseInt(addr.substring(slash + 1));
                gateway = a.path("gateway").asText("");
                int idx = a.path("interface").asInt(-1);
                if (idx >= 0) {
                    mac = result.path("interfaces").path(idx).path("mac").asText("");
                }
            } else if (addr.contains(":") && ip6.isEmpty()) {
                ip6 = Cidr6.format(Cidr6.address(addr.substring(0, slash)));
                prefix6 = Integer.parseInt(addr.substring(slash + 1));
                gateway6 = a.path("gateway").asText("");
            }
        }
        if (n.internal()) {
            gateway = "";
            gateway6 = "";
        }
        String endpointId = HexFormat.of().formatHex(RANDOM.generateSeed(32));
        return new Attachment(n.id(), endpointId, ifname, ip, prefix, gateway, mac, List.copyOf(ports), result, ip6,
                prefix6, gateway6);
    }

    /** CNI DEL with the kept result; the namespace may already be gone. */
    public void detach(Network n, String containerId, Path netns, Attachment a) {
        cni.del(n.id(), plugins(n, a.ports()), containerId, netns, a.ifname(), "IgnoreUnknown=1", a.cniResult());
    }

    /** The plugin chain of a network, with the container's port mappings as the portmap runtime config. */
    List<ObjectNode> plugins(Network n, List<PortMapping> ports) {
        List<ObjectNode> chain = new ArrayList<>();
        ObjectNode bridge = NODES.objectNode();
        bridge.put("type", "bridge");
        bridge.put("bridge", n.bridge());
        bridge.put("isGateway", !n.internal());
        bridge.put("ipMasq", !n.internal());
        bridge.put("hairpinMode", true);
        ObjectNode ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.put("dataDir", ipamDir.toString());
        ObjectNode range = NODES.objectNode();
        Cidr subnet = Cidr.parse(n.subnet());
        range.put("subnet", subnet.toString());
        range.put("gateway", n.gateway());
        if (n.ipRange() != null) {
            Cidr r = Cidr.parse(n.ipRange());
            range.put("rangeStart", Cidr.format(r.base() == subnet.base() ? r.base() + 1 : r.base()));
            range.put("rangeEnd", Cidr.format(r.last() == subnet.last() ? r.last() - 1 : r.last()));
        }
        ArrayNode ranges = ipam.putArray("ranges");
        ranges.addArray().add(range);
        if (n.ipv6()) {
            ranges.addArray().addObject().put("subnet", n.subnet6()).put("gateway", n.gateway6());
        }
        ArrayNode routes = ipam.putArray("routes");
        if (!n.internal()) {
            routes.addObject().put("dst", "0.0.0.0/0");
            if (n.ipv6()) {
                routes.addObject().put("dst", "::/0");
            }
        }
        chain.add(bridge);
        if (!n.internal()) {
            chain.add(NODES.objectNode().put("type", "firewall").put("backend", "iptables"));
        }
        if (!ports.isEmpty()) {
            ObjectNode portmap = NODES.objectNode();
            portmap.put("type", "portmap");
            portmap.putObject("capabilities").put("portMappings", true);
            ArrayNode mappings = portmap.putObject("runtimeConfig").putArray("portMappings");
            for (PortMapping p : ports) {
                ObjectNode m = mappings.addObject();
                m.put("hostPort", p.hostPort());
                m.put("containerPort", p.containerPort());
                m.put("protocol", p.protocol());
                if (!p.hostIp().isEmpty() && !p.hostIp().equals("0.0.0.0")) {
                    m.put("hostIP", p.hostIp());
                }
            }
            chain.add(portmap);
        }
        return chain;
    }
}
