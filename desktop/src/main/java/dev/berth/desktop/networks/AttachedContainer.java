package dev.berth.desktop.networks;

import java.util.List;

/**
 * A container's endpoint on one network, as the per-network view lists it.
 *
 * @param ipv4    CIDR notation as the engine reports it ("10.213.250.2/24"), or ""
 * @param aliases the names other containers on the network may use for it (given with --network-alias or on
 *                connect)
 */
record AttachedContainer(String id, String name, String ipv4, String ipv6, String mac, List<String> aliases) {

    String aliasesText() {
        return String.join(", ", aliases);
    }
}
