package dev.berth.remote.endpoint;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the host strings users type ({@code -H}, {@code DOCKER_HOST}, a context's {@code Host}) into a normalised
 * {@code unix:///path} or {@code tcp://host:port[/base]} URI, following docker/cli {@code opts/hosts.go} and moby
 * {@code ParseHostURL}. It is a little more forgiving than the CLI where the intent is unambiguous
 * ({@code tcp://[::1]} gets the default port, a bare {@code /path} is a socket as in newer CLIs) and stricter where
 * the CLI silently drops parts ({@code user@}, {@code ?query}) or a desktop app has no meaningful working
 * directory (relative socket paths).
 */
final class DockerHostParser {

    static final String DEFAULT_UNIX_SOCKET = "/var/run/docker.sock";
    static final int PLAIN_PORT = 2375;
    static final int TLS_PORT = 2376;

    private static final String EXPECTED =
            "expected unix:///path/to/docker.sock, tcp://host:port or https://host:port";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The normalised URI, and whether the scheme alone asks for TLS ({@code https://}). */
    record ParsedHost(URI uri, boolean tlsImplied) {
    }

    private DockerHostParser() {
    }

    static ParsedHost parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The Docker host is empty; " + EXPECTED + ".");
        }
        String text = value.strip();
        int separator = text.indexOf("://");
        String scheme;
        String rest;
        if (separator < 0) {
            rest = text;
            // `-H 127.0.0.1:2376` is TCP; newer CLIs read a bare absolute path as a socket instead of nonsense TCP.
            scheme = text.startsWith("/") || text.startsWith("./") || text.startsWith("../") ? "unix" : "tcp";
        } else {
            scheme = text.substring(0, separator).toLowerCase(Locale.ROOT);
            rest = text.substring(separator + 3);
        }
        switch (scheme) {
            case "unix":
                return new ParsedHost(unix(value, rest), false);
            case "tcp":
                return new ParsedHost(tcp(value, rest, PLAIN_PORT), false);
            case "http":
                return new ParsedHost(tcp(value, rest, 80), false);
            case "https":
                return new ParsedHost(tcp(value, rest, 443), true);
            case "ssh":
                throw invalid(value, "ssh:// endpoints are not supported yet; forward the remote socket with"
                        + " `ssh -L /tmp/remote-docker.sock:/var/run/docker.sock user@host` and connect to"
                        + " unix:///tmp/remote-docker.sock, or use tcp:// with TLS");
            case "npipe":
                throw invalid(value, "npipe is Windows-only (a named pipe of Docker on Windows) and cannot be"
                        + " reached from here");
            case "fd":
                throw invalid(value, "fd:// is a listener form for the Docker daemon (systemd socket activation),"
                        + " not an address a client can connect to");
            default:
                throw invalid(value, "the scheme \"" + scheme + "://\" is not one Docker uses; " + EXPECTED);
        }
    }

    private static URI unix(String value, String path) {
        if (path.contains("://")) {
            throw invalid(value, "a Unix socket path cannot contain \"://\"");
        }
        if (path.isEmpty()) {
            path = DEFAULT_UNIX_SOCKET;
        }
        if (!path.startsWith("/")) {
            throw invalid(value, "the socket path must be absolute, like unix:///var/run/docker.sock");
        }
        try {
            return new URI("unix", "", path, null, null);
        } catch (URISyntaxException e) {
            throw invalid(value, "the socket path is not usable (" + e.getReason() + ")");
        }
    }

    private static URI tcp(String value, String address, int defaultPort) {
        if (address.isEmpty()) {
            return tcpUri(value, "localhost", defaultPort, "");
        }
        if (address.contains("://")) {
            throw invalid(value, "it has two schemes");
        }
        if (address.indexOf('@') >= 0) {
            throw invalid(value, "user names are only meaningful for ssh://, which is not supported");
        }
        if (address.indexOf('?') >= 0 || address.indexOf('#') >= 0) {
            throw invalid(value, "a Docker host cannot have a query (?…) or fragment (#…)");
        }
        int slash = address.indexOf('/');
        String hostAndPort = slash < 0 ? address : address.substring(0, slash);
        String basePath = slash < 0 ? "" : trimTrailingSlashes(address.substring(slash));

        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw invalid(value, "the IPv6 address has no closing ']'");
            }
            host = hostAndPort.substring(1, close);
            String after = hostAndPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(value, "expected \":port\" after the IPv6 address");
            }
            port = after.isEmpty() ? "" : after.substring(1);
            if (!host.contains(":") || !IPV6_LITERAL.matcher(host).matches()) {
                throw invalid(value, "\"" + host + "\" between [ ] is not an IPv6 address");
            }
        } else {
            int colon = hostAndPort.indexOf(':');
            if (colon != hostAndPort.lastIndexOf(':')) {
                throw invalid(value, "IPv6 addresses must be in brackets, like tcp://[::1]:2376");
            }
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? "" : hostAndPort.substring(colon + 1);
            if (!host.isEmpty() && !HOST_NAME.matcher(host).matches()) {
                throw invalid(value, "\"" + host + "\" is not a host name or IP address");
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        return tcpUri(value, host, port.isEmpty() ? defaultPort : portNumber(value, port), basePath);
    }

    private static int portNumber(String value, String port) {
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
            throw invalid(value, "the port \"" + port + "\" is not a number");
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 65535) {
            throw invalid(value, "the port " + number + " is outside 1-65535");
        }
        return number;
    }

    private static URI tcpUri(String value, String host, int port, String basePath) {
        // Built as text: java.net.URI's host grammar rejects '_', which Docker (and OkHttp) accept in host names.
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        try {
            return new URI("tcp://" + authority + basePath);
        } catch (URISyntaxException e) {
            throw invalid(value, "the path \"" + basePath + "\" is not usable (" + e.getReason() + ")");
        }
    }

    /** The API is addressed as base path + "/v1.NN/…"; "/base/" and "/base" must mean the same. */
    private static String trimTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        return new IllegalArgumentException("\"" + value + "\" is not a usable Docker host: " + reason + ".");
    }
}
