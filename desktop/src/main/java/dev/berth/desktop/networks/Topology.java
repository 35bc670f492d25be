package dev.berth.desktop.networks;

import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.networks.NetworkSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which container is on which network, and what each publishes on the host: what the topology map draws. Built from
 * one network list and one container list, so it is as current as the table above it.
 */
record Topology(List<Net> networks, List<Member> containers) {

    static final Topology EMPTY = new Topology(List.of(), List.of());

    /** A network as the map labels it. */
    record Net(String id, String name, String driver, String subnet) {
    }

    /**
     * A container and the networks it is on (by name).
     *
     * @param ports published ports as "host-ip:port → container-port/protocol"
     */
    record Member(String id, String name, boolean running, List<String> networks, List<String> ports) {
    }

    static Topology of(List<NetworkSummary> networks, List<ContainerSummary> containers) {
        List<Net> nets = new ArrayList<>();
        for (NetworkSummary n : networks) {
            String subnet = n.ipam() == null || n.ipam().config() == null ? "" : n.ipam().config().stream()
                    .map(c -> c.subnet()).filter(Objects::nonNull).findFirst().orElse("");
            nets.add(new Net(n.id(), n.name(), Objects.toString(n.driver(), ""), subnet));
        }
        nets.sort(Comparator.comparing(Net::name));
        List<Member> members = new ArrayList<>();
        for (ContainerSummary c : containers) {
            List<String> on = new ArrayList<>();
            Map<String, EndpointSettings> eps = c.networkSettings() == null ? null : c.networkSettings().networks();
            if (eps != null) {
                on.addAll(eps.keySet());
            }
            on.sort(null);
            List<String> ports = new ArrayList<>();
            if (c.ports() != null) {
                for (ContainerSummary.Port p : c.ports()) {
                    if (p.publicPort() != null && p.publicPort() > 0) {
                        String ip = p.ip() == null || p.ip().isEmpty() ? "0.0.0.0" : p.ip();
                        String host = ip.contains(":") ? "[" + ip + "]" : ip;
                        String label = host + ":" + p.publicPort() + " → " + p.privatePort() + "/" + p.type();
                        if (!ports.contains(label)) {
                            ports.add(label);
                        }
                    }
                }
            }
            ports.sort(null);
            members.add(new Member(c.id(), c.name(), "running".equals(c.state()), on, ports));
        }
        members.sort(Comparator.comparing(Member::name));
        return new Topology(List.copyOf(nets), List.copyOf(members));
    }
}
