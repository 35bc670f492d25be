package dev.berth.engine.networks;

import java.util.List;

/** What a container asked of a network (at create or connect): kept while it is stopped. */
public record EndpointRequest(List<String> aliases, String ipv4Address) {
}
