package dev.berth.engine.networks;

import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.networks.NetworkSummary;
import java.util.List;
import java.util.Map;

/** The containers' side of networks, answered by the container service. */
public interface NetworkMembers {

    /** Running containers' endpoints on a network, keyed by container ID. */
    Map<String, NetworkSummary.Endpoint> membersOf(String networkName);

    /** IDs of running containers attached to the network (they keep it from being removed). */
    List<String> configuredOn(String networkName);

    void connect(String container, Network network, EndpointSettings settings);

    void disconnect(String container, Network network, boolean force);
}
