package dev.berth.remote.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Server-side TLS the way dockerd does it: our certificate and key, and, when client certificates are
 * required, trust in exactly the CAs from {@code ca.pem} (no system CAs). Used by tests and by the
 * engine's TLS listener.
 *
 * @param clientTrustManager verifies client certificates; {@code null} when no CA file was given
 */
public record ServerTls(
        SSLContext sslContext,
        X509KeyManager keyManager,
        X509TrustManager clientTrustManager,
        boolean requireClientCert) {

    /**
     * @param caPem CAs whose client certificates are accepted; required when {@code requireClientCert}
     * @param keyPassphrase for an encrypted key; may be {@code null}
     */
    public static ServerTls fromFiles(Path caPem, Path certPem, Path keyPem, char[] keyPassphrase,
            boolean requireClientCert) throws TlsMaterialException {
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
        if (requireClientCert && caPem == null) {
            throw new IllegalArgumentException("requiring client certificates needs a CA file to check them against");
        }
        X509KeyManager keys = TlsStores.keyManagerFor(TlsStores.loadIdentity(certPem, keyPem, keyPassphrase), certPem);
        X509TrustManager trust = caPem == null ? null
                : TlsStores.trustManagerFor(PemFiles.readCertificates(caPem), caPem);
        // Without a CA there is nothing to check clients against; JSSE still wants a trust manager.
        X509TrustManager contextTrust = trust == null ? TlsStores.systemTrustManager() : trust;
        return new ServerTls(TlsStores.context(keys, contextTrust), keys, trust, requireClientCert);
    }

    public static ServerTls fromFiles(Path caPem, Path certPem, Path keyPem, boolean requireClientCert)
            throws TlsMaterialException {
        return fromFiles(caPem, certPem, keyPem, null, requireClientCert);
    }

    /** Parameters for sockets or engines from {@link #sslContext()}: TLS 1.2+ and the client-auth policy. */
    public SSLParameters sslParameters() {
        SSLParameters parameters = sslContext.getDefaultSSLParameters();
        TlsProtocols.restrict(parameters, sslContext.getSupportedSSLParameters().getProtocols());
        parameters.setNeedClientAuth(requireClientCert);
        return parameters;
    }

    /** A listening socket configured like {@link #sslParameters()}. */
    public SSLServerSocket bind(InetAddress address, int port, int backlog) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) sslContext.getServerSocketFactory()
                .createServerSocket(port, backlog, address);
        socket.setSSLParameters(sslParameters());
        return socket;
    }
}
