package dev.berth.remote.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Linux bridge made for one test dockerd's default network, with a random name and subnet so that two test
 * daemons on the same machine (two checkouts testing at once) never share a bridge or overlap their addresses.
 */
record HostBridge(String name, int octet) {

    static HostBridge create() {
        for (int attempt = 0; attempt < 5; attempt++) {
            int octet = 100 + ThreadLocalRandom.current().nextInt(100);
            HostBridge bridge = new HostBridge("berthbr" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff)), octet);
            if (bridge.tryCreate()) {
                return bridge;
            }
        }
        throw new IllegalStateException("could not create a host bridge for the test dockerd (ip link add … type bridge)");
    }

    /** User-defined networks come from the lower half of 10.octet.0.0/16; the bridge itself sits above it. */
    String poolBase() {
        return "10." + octet + ".0.0/17";
    }

    String cidr() {
        return "10." + octet + ".255.1/24";
    }

    private boolean tryCreate() {
        if (ip("link", "add", "name", name, "type", "bridge").exitCode() != 0) {
            return false;
        }
        if (ip("addr", "add", cidr(), "dev", name).exitCode() != 0 || ip("link", "set", name, "up").exitCode() != 0) {
            delete();
            return false;
        }
        return true;
    }

    void delete() {
        ip("link", "del", name);
    }

    private static ProcessResult ip(String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Commands.find("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"));
        cmd.addAll(List.of(args));
        return Commands.run(cmd, Map.of(), null, 30);
    }
}
