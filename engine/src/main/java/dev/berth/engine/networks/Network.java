package dev.berth.engine.networks;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Map;

/**
 * One bridge network this engine made, persisted as JSON under the data root so it (and the host bridge it names)
 * survives engine restarts.
 *
 * @param bridge  the host bridge interface ({@code berth0} for the default network, {@code br-<12 hex>} otherwise)
 * @param ipRange the CIDR addresses are handed out from, or null for the whole subnet
 * @param subnet6 the IPv6 subnet, or null; containers get addresses from it only with {@code enableIpv6}
 * @param gatewayImplied  a subnet given without its gateway, which inspect, like dockerd, does not show (the
 *                        gateway is still the subnet's first address); {@code gateway6Implied} the same for IPv6
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record Network(String id, String name, String created, String subnet, String gateway, String ipRange,
        boolean internal, Map<String, String> labels, Map<String, String> options, String bridge,
        boolean isDefault, String subnet6, String gateway6, boolean enableIpv6, boolean gatewayImplied,
        boolean gateway6Implied) {

    /** The IPv4 gateway as inspect's IPAM config shows it: null when the subnet was given without one. */
    public String shownGateway() {
        return gatewayImplied ? null : gateway;
    }

    public String shownGateway6() {
        return gateway6Implied ? null : gateway6;
    }

    /** Whether containers on this network get IPv6 addresses. */
    public boolean ipv6() {
        return enableIpv6 && subnet6 != null;
    }

    public String shortId() {
        return id.substring(0, 12);
    }

    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }
}
