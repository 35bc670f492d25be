package dev.berth.desktop.settings;

import dev.berth.desktop.i18n.Texts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the engine may listen: an IP address of this machine (or all of them) and a free TCP port. Blocking: it asks
 * the network interfaces and tries to bind the port, so call it in the background.
 */
final class ListenerChecks {

    private static final Texts T = Texts.of(ListenerChecks.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ListenerChecks() {
    }

    /** The address, or null when the text is not an IP address of this machine; see {@link #addressProblem}. */
    static InetAddress address(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null; // a host name would need a lookup, and may name another machine
        }
        try {
            InetAddress address = InetAddress.getByName(s); // a literal: no lookup
            if (address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null) {
                return address;
            }
            return null;
        } catch (UnknownHostException | SocketException e) {
            return null;
        }
    }

    /** Null when the engine can listen on this address, else what is wrong, for the field. */
    static String addressProblem(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return T.get("address.empty");
        }
        if (address(s) == null) {
            return T.get("address.notLocal", s);
        }
        return null;
    }

    /** The port number, or -1 when the text is not one. */
    static int port(String text) {
        String s = text == null ? "" : text.strip();
        if (!s.matches("\\d{1,5}")) {
            return -1;
        }
        int port = Integer.parseInt(s);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    /**
     * Null when the port is free on that address (or is the one the engine itself listens on now: restarting frees
     * it), else what is wrong.
     *
     * @param address a valid address from {@link #address}, or null to check the number only
     */
    static String portProblem(String text, InetAddress address, Set<Integer> enginePorts) {
        int port = port(text);
        if (port < 0) {
            return T.get("port.invalid");
        }
        if (address == null || enginePorts.contains(port)) {
            return null;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // a port in TIME_WAIT is free for the engine too
            probe.bind(new InetSocketAddress(address, port));
            return null;
        } catch (IOException e) {
            return T.get("port.taken", Integer.toString(port), e.getMessage());
        }
    }
}
