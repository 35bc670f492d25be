package dev.berth.engine.networks;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.Map;

/**
 * One bridge network this engine made, persisted as JSON under the data root so it (and the host bridge it names)
 * survives engine restarts.
 *
 * @param bridge  the host bridge interface ({@code berth0} for the default network, {@code br-<12 hex>} otherwise)
 * @param ipRange the CIDR addresses are handed out from, or null for the whole subnet
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public record Network(String id, String name, String created, String subnet, String gateway, String ipRange,
        boolean internal, Map<String, String> labels, Map<String, String> options, String bridge,
        boolean isDefault) {

    public String shortId() {
        return id.substring(0, 12);
    }

    public int prefixLength() {
        return Integer.parseInt(subnet.substring(subnet.indexOf('/') + 1));
    }
}
