package dev.berth.remote.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A network's address management: the IPAM driver ("default") and its subnets.
 */
@JsonPropertyOrder({"driver", "options", "config"}) // dockerd's order, which `docker network inspect` shows
public record Ipam(String driver, List<Config> config, Map<String, String> options) {

    /** One subnet, as given at creation or chosen from the engine's address pools. */
    public static Ipam subnet(String subnet, String gateway) {
        return new Ipam(null, List.of(new Config(subnet, null, gateway, null)), null);
    }

    /**
     * One address range of the network.
     *
     * @param subnet             CIDR, e.g. "10.213.250.0/24"
     * @param ipRange            CIDR the engine allocates container addresses from, or {@code null}
     * @param gateway            gateway address, or {@code null} to let the engine choose
     * @param auxiliaryAddresses addresses reserved for other hosts, by name
     */
    public record Config(
            String subnet,
            @JsonProperty("IPRange") String ipRange,
            String gateway,
            Map<String, String> auxiliaryAddresses) {
    }
}
