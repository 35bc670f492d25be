package dev.berth.engine.networks;

import dev.berth.remote.networks.NetworkSummary;
import java.util.Map;

/** Which containers are on a network, keyed by container ID; the container service answers it. */
public interface NetworkMembers {

    Map<String, NetworkSummary.Endpoint> membersOf(String networkName);
}
