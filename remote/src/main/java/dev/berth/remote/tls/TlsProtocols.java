package dev.berth.remote.tls;

import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * TLS 1.2 and 1.3 only, enforced on every socket rather than trusting {@code java.security}'s
 * {@code jdk.tls.disabledAlgorithms}, which users and distributions can loosen. dockerd itself refuses
 * anything below 1.2, so nothing is lost.
 */
final class TlsProtocols {

    static final String[] ENABLED = {"TLSv1.3", "TLSv1.2"};

    private TlsProtocols() {
    }

    static void restrict(SSLSocket socket) {
        socket.setEnabledProtocols(intersect(socket.getSupportedProtocols()));
    }

    static void restrict(SSLServerSocket socket) {
        socket.setEnabledProtocols(intersect(socket.getSupportedProtocols()));
    }

    static void restrict(SSLParameters parameters, String[] supported) {
        parameters.setProtocols(intersect(supported));
    }

    private static String[] intersect(String[] supported) {
        return Arrays.stream(ENABLED).filter(p -> Arrays.asList(supported).contains(p)).toArray(String[]::new);
    }
}
