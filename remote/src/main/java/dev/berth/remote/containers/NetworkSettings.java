package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The network state of an inspected container. The top-level address fields describe the default bridge network
 * and were removed in API 1.44; {@code networks} has every attached network.
 *
 * @param ports "80/tcp" → host bindings, or → {@code null} for a port that is exposed but not published
 */
public record NetworkSettings(
        String bridge,
        @JsonProperty("SandboxID") String sandboxId,
        String sandboxKey,
        Boolean hairpinMode,
        @JsonProperty("LinkLocalIPv6Address") String linkLocalIpv6Address,
        @JsonProperty("LinkLocalIPv6PrefixLen") Integer linkLocalIpv6PrefixLen,
        Map<String, List<PortBinding>> ports,
        @JsonProperty("SecondaryIPAddresses") List<Address> secondaryIpAddresses,
        @JsonProperty("SecondaryIPv6Addresses") List<Address> secondaryIpv6Addresses,
        @JsonProperty("EndpointID") String endpointId,
        String gateway,
        @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
        @JsonProperty("GlobalIPv6PrefixLen") Integer globalIpv6PrefixLen,
        @JsonProperty("IPAddress") String ipAddress,
        @JsonProperty("IPPrefixLen") Integer ipPrefixLen,
        @JsonProperty("IPv6Gateway") String ipv6Gateway,
        String macAddress,
        Map<String, EndpointSettings> networks) {

    public record Address(String addr, Integer prefixLen) {
    }
}
