package dev.berth.desktop.settings;

import java.nio.file.Path;
import java.util.List;

/**
 * The embedded engine's TCP listener with mutual TLS, as saved: whether it is on, where it listens and the folder of
 * certificates it uses (by path; the files stay where the certificate wizard wrote them).
 *
 * @param certificateFolder holds ca.pem, server-cert.pem and server-key.pem; null until chosen
 */
public record RemoteAccess(boolean enabled, String address, int port, Path certificateFolder) {

    public static final String DEFAULT_ADDRESS = "0.0.0.0";
    /** Docker's port for TLS. */
    public static final int DEFAULT_PORT = 2376;
    public static final String CA = "ca.pem";
    public static final String SERVER_CERT = "server-cert.pem";
    public static final String SERVER_KEY = "server-key.pem";

    public static RemoteAccess defaults() {
        return new RemoteAccess(false, DEFAULT_ADDRESS, DEFAULT_PORT, null);
    }

    /** {@code tcp://0.0.0.0:2376}, {@code tcp://[::]:2376}: an IPv6 address in brackets. */
    public String hostUri() {
        return "tcp://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    /**
     * The {@code berth engine} flags for this listener, as dockerd takes them: a TCP address that only accepts
     * clients with a certificate signed by the folder's CA.
     */
    public List<String> engineFlags() {
        return List.of("-H", hostUri(), "--tlsverify",
                "--tlscacert", certificateFolder.resolve(CA).toString(),
                "--tlscert", certificateFolder.resolve(SERVER_CERT).toString(),
                "--tlskey", certificateFolder.resolve(SERVER_KEY).toString());
    }

    /** The flags the embedded engine starts with for these settings: none while remote access is off. */
    public List<String> startFlags() {
        return enabled && certificateFolder != null ? engineFlags() : List.of();
    }

    public RemoteAccess withEnabled(boolean on) {
        return new RemoteAccess(on, address, port, certificateFolder);
    }
}
