package dev.berth.remote.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A network as {@code GET /networks} and {@code GET /networks/{id}} describe it. Only inspect fills in
 * {@code Containers} (the list leaves it empty from API 1.28).
 *
 * @param created    RFC 3339 with nanoseconds
 * @param scope      "local", "swarm" or "global"
 * @param containers attached endpoints by container ID
 */
public record NetworkSummary(
        String name,
        String id,
        String created,
        String scope,
        String driver,
        @JsonProperty("EnableIPv4") Boolean enableIpv4,
        @JsonProperty("EnableIPv6") Boolean enableIpv6,
        @JsonProperty("IPAM") Ipam ipam,
        Boolean internal,
        Boolean attachable,
        Boolean ingress,
        ConfigReference configFrom,
        Boolean configOnly,
        Map<String, Endpoint> containers,
        Map<String, String> options,
        Map<String, String> labels,
        List<Peer> peers) {

    /** The config-only network this one takes its configuration from. */
    public record ConfigReference(String network) {
    }

    /**
     * One container's endpoint on the network.
     *
     * @param ipv4Address CIDR notation, e.g. "10.213.250.2/24"
     */
    public record Endpoint(
            String name,
            @JsonProperty("EndpointID") String endpointId,
            String macAddress,
            @JsonProperty("IPv4Address") String ipv4Address,
            @JsonProperty("IPv6Address") String ipv6Address) {
    }

    /** A swarm node an overlay network spans. */
    public record Peer(String name, @JsonProperty("IP") String ip) {
    }
}
