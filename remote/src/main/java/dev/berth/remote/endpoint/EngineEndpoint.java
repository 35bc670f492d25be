package dev.berth.remote.endpoint;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one engine listens and how to talk to it: a normalised {@code unix:///path} or {@code tcp://host:port[/base]}
 * URI plus the TLS material, and a human note of where the setting came from, so that errors and the engines list
 * can say "from DOCKER_HOST" or "from context \"prod\"".
 *
 * @param uri         {@code unix:///abs/path} or {@code tcp://host:port[/base]}
 * @param tls         TLS settings, or {@code null} for plain HTTP; always {@code null} for Unix sockets
 * @param source      where the setting came from: "explicit", "DOCKER_HOST", "context \"foo\"", "default", …
 * @param contextName the docker context this belongs to ("default" for the environment-derived one), or {@code null}
 */
public record EngineEndpoint(URI uri, TlsSettings tls, String source, String contextName) {

    /** What every docker CLI on Linux and macOS uses when nothing else is configured. */
    public static final String DEFAULT_UNIX_HOST = "unix://" + DockerHostParser.DEFAULT_UNIX_SOCKET;
    /** What the CLI uses instead when TLS is switched on by the environment but no host is given. */
    public static final String DEFAULT_TLS_HOST = "tcp://localhost:" + DockerHostParser.TLS_PORT;

    public EngineEndpoint {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(source, "source");
        String scheme = uri.getScheme();
        if ("unix".equals(scheme)) {
            // The CLI ignores TLS settings for sockets; keeping them would only confuse the transport.
            tls = null;
        } else if (!"tcp".equals(scheme) || portOf(uri) < 0) {
            throw new IllegalArgumentException("An engine endpoint must be unix:///path or tcp://host:port, not " + uri
                    + "; use EngineEndpoint.parse for user input.");
        }
    }

    /**
     * Parses a host string the way docker/cli does ({@code unix:///path}, {@code tcp://host:port[/path]},
     * {@code host:port}, {@code http(s)://host[:port]}, {@code tcp://[::1]:2376}, …).
     *
     * @param hostString what the user or a config file said
     * @param tls        TLS settings to use for TCP, or {@code null}; an {@code https://} host gets TLS verified
     *                   against the system trust store if none are given
     * @param source     where the value came from, for messages
     * @throws IllegalArgumentException with a sentence naming the value, for unsupported or malformed hosts
     */
    public static EngineEndpoint parse(String hostString, TlsSettings tls, String source) {
        DockerHostParser.ParsedHost parsed = DockerHostParser.parse(hostString);
        TlsSettings effective = tls == null && parsed.tlsImplied() ? TlsSettings.systemTrust() : tls;
        return new EngineEndpoint(parsed.uri(), effective, source, null);
    }

    /** The same engine, described as coming from somewhere else. */
    public EngineEndpoint withSource(String newSource, String newContextName) {
        return new EngineEndpoint(uri, tls, newSource, newContextName);
    }

    public boolean isUnix() {
        return "unix".equals(uri.getScheme());
    }

    public boolean isTls() {
        return tls != null;
    }

    public Path unixSocketPath() {
        if (!isUnix()) {
            throw new IllegalStateException(uri + " is a TCP endpoint, not a Unix socket");
        }
        return Path.of(uri.getPath());
    }

    /** Host name or IP address of a TCP endpoint; IPv6 addresses come without brackets. */
    public String host() {
        requireTcp();
        String authority = uri.getRawAuthority();
        if (authority.startsWith("[")) {
            return authority.substring(1, authority.indexOf(']'));
        }
        return authority.substring(0, authority.lastIndexOf(':'));
    }

    public int port() {
        requireTcp();
        return portOf(uri);
    }

    /** The path prefix of every API call ("/proxy/docker" for {@code tcp://h:2376/proxy/docker}), or "". */
    public String basePath() {
        if (isUnix()) {
            return "";
        }
        String path = uri.getPath();
        return path == null ? "" : path;
    }

    /**
     * Read from the authority text rather than {@link URI#getPort()}: java.net.URI treats host names with '_' as
     * "registry based" and then reports no host and no port at all.
     */
    private static int portOf(URI uri) {
        String authority = uri.getRawAuthority();
        int colon = authority == null ? -1 : authority.lastIndexOf(':');
        if (colon < 0 || colon < authority.lastIndexOf(']') || colon == authority.length() - 1) {
            return -1;
        }
        try {
            return Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void requireTcp() {
        if (isUnix()) {
            throw new IllegalStateException(uri + " is a Unix socket; it has no host or port");
        }
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
