package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A container's attachment to one network: requested at create time (aliases, a fixed address), reported by
 * inspect and list (addresses, gateway, IDs).
 */
public record EndpointSettings(
        @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
        List<String> links,
        String macAddress,
        List<String> aliases,
        Map<String, String> driverOpts,
        Long gwPriority,
        @JsonProperty("NetworkID") String networkId,
        @JsonProperty("EndpointID") String endpointId,
        String gateway,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") Integer ipPrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") Integer globalIpv6PrefixLen,
        @JsonProperty("DNSNames") List<String> dnsNames) {

    /** What {@code docker run --network x --network-alias a} requests. */
    public static EndpointSettings withAliases(List<String> aliases) {
        return new EndpointSettings(null, null, null, aliases == null || aliases.isEmpty() ? null : List.copyOf(aliases),
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Requests fixed addresses ({@code --ip}, {@code --ip6}) in addition to the aliases. */
    public static EndpointSettings withAddress(String ipv4, String ipv6, List<String> aliases) {
        return new EndpointSettings(new IpamConfig(ipv4, ipv6, null), null, null,
                aliases == null || aliases.isEmpty() ? null : List.copyOf(aliases),
                null, null, null, null, null, null, null, null, null, null, null);
    }

    public record IpamConfig(
            @JsonProperty("IPv4Address") String ipv4Address,
            @JsonProperty("IPv6Address") String ipv6Address,
            @JsonProperty("LinkLocalIPs") List<String> linkLocalIps) {
    }
}
