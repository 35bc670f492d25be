package dev.berth.remote.networks;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code POST /networks/create}. Build it with {@link #named(String)} and the {@code with…} methods.
 *
 * @param checkDuplicate refuse a second network of the same name (the engine always does from API 1.44)
 * @param driver         "bridge" (default), "overlay", "macvlan", "ipvlan", …
 * @param internal       no route to the outside
 * @param attachable     standalone containers may attach (swarm networks)
 */
public record NetworkCreateRequest(
        String name,
        Boolean checkDuplicate,
        String driver,
        String scope,
        Boolean internal,
        Boolean attachable,
        Boolean ingress,
        Boolean configOnly,
        NetworkSummary.ConfigReference configFrom,
        @JsonProperty("IPAM") Ipam ipam,
        @JsonProperty("EnableIPv6") Boolean enableIpv6,
        Map<String, String> options,
        Map<String, String> labels) {

    public static NetworkCreateRequest named(String name) {
        return new NetworkCreateRequest(name, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public NetworkCreateRequest withDriver(String newDriver) {
        return new NetworkCreateRequest(name, checkDuplicate, newDriver, scope, internal, attachable, ingress, configOnly,
                configFrom, ipam, enableIpv6, options, labels);
    }

    public NetworkCreateRequest withInternal(boolean value) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, value, attachable, ingress, configOnly,
                configFrom, ipam, enableIpv6, options, labels);
    }

    public NetworkCreateRequest withAttachable(boolean value) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, internal, value, ingress, configOnly,
                configFrom, ipam, enableIpv6, options, labels);
    }

    public NetworkCreateRequest withIpam(Ipam newIpam) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, internal, attachable, ingress, configOnly,
                configFrom, newIpam, enableIpv6, options, labels);
    }

    public NetworkCreateRequest withEnableIpv6(boolean value) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, internal, attachable, ingress, configOnly,
                configFrom, ipam, value, options, labels);
    }

    public NetworkCreateRequest withOptions(Map<String, String> newOptions) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, internal, attachable, ingress, configOnly,
                configFrom, ipam, enableIpv6, newOptions, labels);
    }

    public NetworkCreateRequest withLabels(Map<String, String> newLabels) {
        return new NetworkCreateRequest(name, checkDuplicate, driver, scope, internal, attachable, ingress, configOnly,
                configFrom, ipam, enableIpv6, options, newLabels);
    }

    public NetworkCreateRequest withCheckDuplicate(boolean value) {
        return new NetworkCreateRequest(name, value, driver, scope, internal, attachable, ingress, configOnly,
                configFrom, ipam, enableIpv6, options, labels);
    }
}
