package dev.berth.desktop.tlswizard;

import dev.berth.remote.tls.HostNames;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names and addresses clients may use to reach a daemon on this machine: its host name (and fully qualified name),
 * every address of its interfaces that are up, then {@code localhost} and {@code 127.0.0.1}. Blocking (the host
 * name may need a resolver), so call it in the background.
 */
final class HostSuggestions {

    private HostSuggestions() {
    }

    static List<String> forThisMachine() {
        Set<String> hosts = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            add(hosts, local.getHostName());
            String canonical = local.getCanonicalHostName();
            if (canonical.contains(".")) { // the fully qualified name, when the resolver knows one
                add(hosts, canonical);
            }
        } catch (java.io.IOException | SecurityException e) {
            // no name for this host: the addresses and localhost still work
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    // link-local IPv6 needs a zone id, which certificates cannot carry
                    if (address.isLoopbackAddress() || address.isLinkLocalAddress()) {
                        continue;
                    }
                    add(hosts, address instanceof Inet6Address v6 ? compressed(v6) : address.getHostAddress());
                }
            }
        } catch (SocketException e) {
            // no interfaces to list
        }
        add(hosts, "localhost");
        add(hosts, "127.0.0.1");
        return new ArrayList<>(hosts);
    }

    /** RFC 5952 text ({@code fd00::2}), as people write it; the JDK writes every group ({@code fd00:0:0:0:0:0:0:2}). */
    static String compressed(Inet6Address address) {
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not shortened
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static void add(Set<String> hosts, String candidate) {
        if (candidate != null && HostNames.isValid(candidate)) {
            hosts.add(HostNames.parse(candidate).value());
        }
    }
}
