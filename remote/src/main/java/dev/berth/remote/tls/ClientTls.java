package dev.berth.remote.tls;

import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side TLS for talking to a Docker engine: the {@link SSLContext} plus the trust manager OkHttp
 * needs alongside it ({@code sslSocketFactory(socketFactory(), trustManager())}).
 *
 * <p>When {@link #verifiesServer()} is false the trust manager accepts every server; callers must then
 * also relax hostname verification (OkHttp's {@code hostnameVerifier}) and warn the user.
 *
 * @param keyManager presents the client certificate; {@code null} when no client certificate is used
 */
public record ClientTls(
        SSLContext sslContext,
        X509TrustManager trustManager,
        X509KeyManager keyManager,
        boolean verifiesServer) {

    private static final Logger log = LoggerFactory.getLogger(ClientTls.class);

    /** Same as {@link #fromFiles(Path, Path, Path, char[], boolean)} for an unencrypted key. */
    public static ClientTls fromFiles(Path caPem, Path certPem, Path keyPem, boolean verifyServer)
            throws TlsMaterialException {
        return fromFiles(caPem, certPem, keyPem, null, verifyServer);
    }

    /**
     * @param caPem certificates to trust for the server; {@code null} means the system trust store
     * @param certPem client certificate (chain, leaf first); {@code null} for no client certificate
     * @param keyPem the client certificate's private key; required exactly when {@code certPem} is given
     * @param keyPassphrase for an encrypted {@code keyPem}; may be {@code null}
     * @param verifyServer false accepts any server certificate and name (Docker's {@code --tls} without
     *     {@code --tlsverify})
     */
    public static ClientTls fromFiles(Path caPem, Path certPem, Path keyPem, char[] keyPassphrase,
            boolean verifyServer) throws TlsMaterialException {
        if (certPem != null && keyPem == null) {
            throw new TlsMaterialException(Problem.NO_PRIVATE_KEY, certPem,
                    "client certificate " + certPem + " was given without its private key file");
        }
        if (keyPem != null && certPem == null) {
            throw new TlsMaterialException(Problem.NO_CERTIFICATE, keyPem,
                    "private key " + keyPem + " was given without its client certificate file");
        }
        X509TrustManager trust;
        if (!verifyServer) {
            log.warn("TLS server verification is disabled; any server certificate will be accepted");
            trust = InsecureTrustManager.INSTANCE;
        } else if (caPem == null) {
            trust = TlsStores.systemTrustManager();
        } else {
            trust = TlsStores.trustManagerFor(PemFiles.readCertificates(caPem), caPem);
        }
        X509KeyManager keys = null;
        if (certPem != null) {
            keys = TlsStores.keyManagerFor(TlsStores.loadIdentity(certPem, keyPem, keyPassphrase), certPem);
        }
        return new ClientTls(TlsStores.context(keys, trust), trust, keys, verifyServer);
    }

    /** Socket factory limited to TLS 1.2+; hand this and {@link #trustManager()} to OkHttp. */
    public SSLSocketFactory socketFactory() {
        return new ModernTlsSocketFactory(sslContext.getSocketFactory());
    }

    /** Like {@link #socketFactory()}, but a handshake that takes longer than {@code handshakeTimeout} fails. */
    public SSLSocketFactory socketFactory(Duration handshakeTimeout) {
        return new ModernTlsSocketFactory(sslContext.getSocketFactory(), (int) handshakeTimeout.toMillis());
    }

    /** The client certificate we present (leaf), or {@code null} when none is configured. */
    public X509Certificate clientCertificate() {
        if (keyManager == null) {
            return null;
        }
        X509Certificate[] chain = keyManager.getCertificateChain(TlsStores.IDENTITY_ALIAS);
        return chain == null || chain.length == 0 ? null : chain[0];
    }

    /**
     * Opens a TCP connection and completes the TLS handshake, checking the server's SAN against {@code host}
     * when verifying. For raw (hijacked) connections that cannot go through OkHttp.
     *
     * @param timeout bounds both the TCP connect and the handshake
     */
    public SSLSocket connect(String host, int port, Duration timeout) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            plain.setKeepAlive(true);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        return layer(plain, host, port, timeout);
    }

    /**
     * Runs TLS over an already connected socket. {@code host} is what the server certificate must name (a
     * DNS name or an IP literal without brackets) and is sent as SNI; it need not be how {@code connected}
     * was reached. The socket is closed if the handshake fails.
     */
    public SSLSocket layer(Socket connected, String host, int port, Duration handshakeTimeout) throws IOException {
        SSLSocket socket;
        try {
            socket = (SSLSocket) socketFactory().createSocket(connected, host, port, true);
        } catch (IOException | RuntimeException e) {
            connected.close();
            throw e;
        }
        try {
            if (verifiesServer) {
                SSLParameters parameters = socket.getSSLParameters();
                // Without this JSSE checks the chain but not that it was issued for this host.
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
            }
            int previousTimeout = socket.getSoTimeout();
            socket.setSoTimeout(Math.toIntExact(handshakeTimeout.toMillis()));
            socket.startHandshake();
            socket.setSoTimeout(previousTimeout);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Subjects of the CAs the server listed as acceptable for client certificates in the last handshake
     * ({@code certificate_authorities}; dockerd sends its {@code --tlscacert}). Lets an error say "the engine
     * wants certificates from X" when it rejects ours. Empty before any handshake or without a client
     * certificate.
     */
    public List<String> acceptedIssuers() {
        return keyManager instanceof SingleIdentityKeyManager single ? single.lastRequestedIssuers() : List.of();
    }

    /** The CA certificates this client trusts for the server; empty for the insecure mode. */
    public List<X509Certificate> trustedAuthorities() {
        return List.of(trustManager.getAcceptedIssuers());
    }
}
