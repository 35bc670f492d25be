package dev.berth.remote.monitor;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the monitoring proxy listens: a Unix socket path, or a loopback TCP address. Anything else is refused, since
 * the proxy forwards to the engine with the user's own access (and TLS identity) and must not open it to the network.
 *
 * @param unixSocket the socket file, or {@code null} for TCP
 * @param host       the loopback address for TCP, or {@code null}
 * @param port       the TCP port (0: any free port), or -1 for a Unix socket
 */
public record ProxyAddress(Path unixSocket, InetAddress host, int port) {

    /** Longest socket path the kernel accepts (sun_path is 108 bytes with the terminating NUL). */
    static final int MAX_SOCKET_PATH = 107;

    public static ProxyAddress unix(Path socket) {
        Path absolute = socket.toAbsolutePath().normalize();
        int length = absolute.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("the socket path " + absolute + " is " + length
                    + " bytes long; Unix sockets allow at most " + MAX_SOCKET_PATH + ". Choose a shorter path.");
        }
        return new ProxyAddress(absolute, null, -1);
    }

    public static ProxyAddress loopback(int port) {
        return tcp(InetAddress.getLoopbackAddress(), port);
    }

    public static ProxyAddress tcp(InetAddress host, int port) {
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("the monitor only listens on loopback addresses (127.0.0.1, ::1), not "
                    + host.getHostAddress() + ": it would hand the engine to anyone on the network.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (0-65535)");
        }
        return new ProxyAddress(null, host, port);
    }

    /**
     * Parses {@code unix:///path/to.sock}, {@code tcp://127.0.0.1:2399}, {@code tcp://localhost:0} or
     * {@code tcp://[::1]:2399}.
     *
     * @throws IllegalArgumentException with a sentence naming the value
     */
    public static ProxyAddress parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("unix://")) {
            String path = value.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("\"" + value + "\" needs an absolute path: unix:///path/to/monitor.sock");
            }
            return unix(Path.of(path));
        }
        if (value.startsWith("tcp://")) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("\"" + value + "\" is not a valid address: " + e.getReason());
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("\"" + value + "\" needs a host and a port: tcp://127.0.0.1:2399");
            }
            String host = uri.getHost().replaceAll("^\\[|]$", "");
            try {
                return tcp(InetAddress.getByName(host), uri.getPort());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("unknown host \"" + host + "\" in " + value);
            }
        }
        throw new IllegalArgumentException("cannot listen on \"" + value
                + "\": use unix:///path/to/monitor.sock or tcp://127.0.0.1:PORT");
    }

    public boolean isUnix() {
        return unixSocket != null;
    }

    /** The value for DOCKER_HOST that reaches this address. */
    public String dockerHost() {
        if (isUnix()) {
            return "unix://" + unixSocket;
        }
        String address = host.getHostAddress();
        return "tcp://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    @Override
    public String toString() {
        return dockerHost();
    }
}
