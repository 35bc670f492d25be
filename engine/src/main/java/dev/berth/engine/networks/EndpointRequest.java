package dev.berth.engine.networks;

import java.util.List;

/**
 * What a container asked of a network (at create or connect): kept while it is stopped.
 *
 * @param links legacy links on a user-defined network, "container:alias": names only this container resolves
 */
public record EndpointRequest(List<String> aliases, String ipv4Address, List<String> links) {

    public EndpointRequest {
        links = links == null ? List.of() : List.copyOf(links);
    }

    public EndpointRequest(List<String> aliases, String ipv4Address) {
        this(aliases, ipv4Address, List.of());
    }

    public EndpointRequest withLinks(List<String> more) {
        List<String> all = new java.util.ArrayList<>(links);
        all.addAll(more);
        return new EndpointRequest(aliases, ipv4Address, all);
    }
}
