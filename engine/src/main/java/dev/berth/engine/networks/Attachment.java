package dev.berth.engine.networks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A running container's endpoint on one network: what CNI ADD gave it, kept with the container so DEL gets the
 * same result back and the addresses survive an engine restart.
 */
public record Attachment(String networkId, String endpointId, String ifname, String ipAddress, int prefixLen,
        String gateway, String macAddress, List<PortMapping> ports, JsonNode cniResult, String ipv6Address,
        int ipv6PrefixLen, String ipv6Gateway) {

    public Attachment {
        ipv6Address = ipv6Address == null ? "" : ipv6Address;
        ipv6Gateway = ipv6Gateway == null ? "" : ipv6Gateway;
    }
}
