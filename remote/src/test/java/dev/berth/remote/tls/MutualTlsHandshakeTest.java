package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real handshakes between {@link ServerTls} (configured like dockerd with --tlsverify) and {@link ClientTls} on
 * 127.0.0.1, including the failures the transport layer will have to explain to users.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MutualTlsHandshakeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int SO_TIMEOUT_MS = 5_000;

    @TempDir
    static Path tmp;

    static TlsBundle a;
    static TlsBundle b;
    static TlsBundle rsa;
    static ExecutorService executor;

    @BeforeAll
    static void bundles() {
        TlsBundleGenerator generator = new TlsBundleGenerator();
        a = generator.generate(TlsBundleRequest.of(tmp.resolve("a"), List.of("docker.example.lan", "localhost", "127.0.0.1")));
        b = generator.generate(TlsBundleRequest.of(tmp.resolve("b"), List.of("docker.example.lan", "127.0.0.1"))
                .withClientName("mallory"));
        rsa = generator.generate(TlsBundleRequest.of(tmp.resolve("rsa"), List.of("127.0.0.1"))
                .withKeyType(KeyType.RSA_2048));
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tls-test-server");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    /** What the server saw: the client's subject on success, or why the handshake failed. */
    record ServerOutcome(String peer, String protocol, Throwable failure) {
    }

    /** A dockerd-like listener that accepts one connection and answers one line. */
    private final class OneShotServer implements AutoCloseable {
        final SSLServerSocket socket;
        final CompletableFuture<ServerOutcome> outcome;

        OneShotServer(TlsBundle bundle, boolean requireClientCert) throws IOException {
            ServerTls tls = ServerTls.fromFiles(bundle.path(Role.CA_CERT), bundle.path(Role.SERVER_CERT),
                    bundle.path(Role.SERVER_KEY), requireClientCert);
            socket = tls.bind(InetAddress.getLoopbackAddress(), 0, 1);
            socket.setSoTimeout(SO_TIMEOUT_MS);
            outcome = CompletableFuture.supplyAsync(this::serve, executor);
        }

        int port() {
            return socket.getLocalPort();
        }

        private ServerOutcome serve() {
            try (SSLSocket connection = (SSLSocket) socket.accept()) {
                connection.setSoTimeout(SO_TIMEOUT_MS);
                connection.startHandshake();
                String peer = "none";
                try {
                    peer = ((X509Certificate) connection.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName();
                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                    // client auth not requested
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                String line = in.readLine();
                OutputStream out = connection.getOutputStream();
                out.write(("hello " + peer + " you said " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return new ServerOutcome(peer, connection.getSession().getProtocol(), null);
            } catch (Throwable t) {
                return new ServerOutcome(null, null, t);
            }
        }

        ServerOutcome await() throws Exception {
            return outcome.get(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String exchange(SSLSocket socket) throws IOException {
        try (socket) {
            socket.setSoTimeout(SO_TIMEOUT_MS);
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    /**
     * With TLS 1.3 the client finishes its side of the handshake before the server has looked at the client
     * certificate, so the rejection arrives either as the server's alert (SSLException) or, when the server
     * closed first, as a broken pipe / reset on our write. The transport layer has to map both.
     */
    private static void assertClientSeesRejection(IOException e, String... alerts) {
        if (e instanceof SocketException) {
            assertTrue(e.getMessage().contains("Broken pipe") || e.getMessage().contains("Connection reset"), e.toString());
            return;
        }
        assertInstanceOf(SSLException.class, e, e.toString());
        assertTrue(java.util.Arrays.stream(alerts).anyMatch(e.getMessage()::contains), e.toString());
    }

    private static ClientTls client(TlsBundle trust, TlsBundle identity) {
        return ClientTls.fromFiles(trust.path(Role.CA_CERT),
                identity == null ? null : identity.path(Role.CLIENT_CERT),
                identity == null ? null : identity.path(Role.CLIENT_KEY), true);
    }

    /** Connects to 127.0.0.1 but verifies the server as {@code name}, without needing DNS. */
    private static SSLSocket connectAs(ClientTls tls, String name, int port) throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), SO_TIMEOUT_MS);
        return tls.layer(plain, name, port, TIMEOUT);
    }

    @Test
    void mutualTlsByIpAddress() throws Exception {
        ClientTls tls = client(a, a);
        try (OneShotServer server = new OneShotServer(a, true)) {
            SSLSocket socket = tls.connect("127.0.0.1", server.port(), TIMEOUT);
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals("hello CN=client you said ping", exchange(socket));
            ServerOutcome outcome = server.await();
            assertNull(outcome.failure());
            assertEquals("CN=client", outcome.peer());
        }
        // The server listed its CA; that is what error messages can quote.
        assertEquals(List.of(a.ca().subject()), tls.acceptedIssuers());
        assertEquals(a.client().subject(), tls.clientCertificate().getSubjectX500Principal().getName());
    }

    @Test
    void mutualTlsByDnsName() throws Exception {
        try (OneShotServer server = new OneShotServer(a, true)) {
            assertEquals("hello CN=client you said ping", exchange(connectAs(client(a, a), "docker.example.lan", server.port())));
            assertNull(server.await().failure());
        }
    }

    @Test
    void mutualTlsOverTls12WithRsaKeys() throws Exception {
        ClientTls tls = client(rsa, rsa);
        try (OneShotServer server = new OneShotServer(rsa, true)) {
            SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port());
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setSoTimeout(SO_TIMEOUT_MS);
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertEquals("hello CN=client you said ping", exchange(socket));
            assertEquals("TLSv1.2", server.await().protocol());
        }
    }

    @Test
    void serverCertificateFromAnotherCaIsRejectedByTheClient() throws Exception {
        // Client trusts B's CA, the server presents A's certificate.
        try (OneShotServer server = new OneShotServer(a, true)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> client(b, a).connect("127.0.0.1", server.port(), TIMEOUT));
            assertTrue(e.getMessage().contains("PKIX path building failed"), e.getMessage());
            assertNotNull(server.await().failure(), "server sees the client abort");
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsSentAnywayAndRejectedByTheServer() throws Exception {
        // Trusts the right CA but presents B's client certificate. JSSE's stock key manager would send no
        // certificate at all (B's CA is not in the server's list); ours sends it, so the server can say why.
        ClientTls tls = client(a, b);
        try (OneShotServer server = new OneShotServer(a, true)) {
            assertClientSeesRejection(assertThrows(IOException.class,
                    () -> exchange(tls.connect("127.0.0.1", server.port(), TIMEOUT))), "bad_certificate", "certificate_unknown");

            Throwable serverSide = server.await().failure();
            assertInstanceOf(SSLHandshakeException.class, serverSide);
            assertTrue(serverSide.getMessage().contains("PKIX path"), serverSide.getMessage());
            assertTrue(!serverSide.getMessage().contains("Empty client certificate chain"), serverSide.getMessage());
        }
        assertEquals(List.of(a.ca().subject()), tls.acceptedIssuers(), "the CA the engine wanted instead");
    }

    @Test
    void missingClientCertificateIsRejectedByTheServer() throws Exception {
        ClientTls tls = client(a, null);
        assertNull(tls.keyManager());
        assertNull(tls.clientCertificate());
        try (OneShotServer server = new OneShotServer(a, true)) {
            // With TLS 1.3 the client may finish its side first and only see the alert on reading.
            assertClientSeesRejection(assertThrows(IOException.class,
                    () -> exchange(tls.connect("127.0.0.1", server.port(), TIMEOUT))), "certificate_required", "bad_certificate");
            Throwable serverSide = server.await().failure();
            assertInstanceOf(SSLHandshakeException.class, serverSide);
            assertTrue(serverSide.getMessage().contains("Empty client certificate chain"), serverSide.getMessage());
        }
    }

    @Test
    void serverWithoutClientAuthAcceptsClientsWithoutCertificates() throws Exception {
        try (OneShotServer server = new OneShotServer(a, false)) {
            assertEquals("hello none you said ping", exchange(client(a, null).connect("127.0.0.1", server.port(), TIMEOUT)));
        }
    }

    @Test
    void dnsNameNotInTheCertificate() throws Exception {
        try (OneShotServer server = new OneShotServer(a, true)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connectAs(client(a, a), "other.example.lan", server.port()));
            CertificateException cause = assertInstanceOf(CertificateException.class, e.getCause(), e.toString());
            assertEquals("No subject alternative DNS name matching other.example.lan found.", cause.getMessage());
        }
    }

    @Test
    void ipAddressNotInTheCertificate() throws Exception {
        try (OneShotServer server = new OneShotServer(a, true)) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connectAs(client(a, a), "10.9.8.7", server.port()));
            assertInstanceOf(CertificateException.class, e.getCause());
            assertEquals("No subject alternative names matching IP address 10.9.8.7 found", e.getCause().getMessage());
        }
    }

    @Test
    void withoutVerificationAnyServerAndNameIsAccepted() throws Exception {
        ClientTls insecure = ClientTls.fromFiles(b.path(Role.CA_CERT), a.path(Role.CLIENT_CERT), a.path(Role.CLIENT_KEY), false);
        assertTrue(!insecure.verifiesServer());
        assertEquals(List.of(), insecure.trustedAuthorities());
        try (OneShotServer server = new OneShotServer(a, true)) {
            assertEquals("hello CN=client you said ping", exchange(connectAs(insecure, "other.example.lan", server.port())));
        }
    }

    @Test
    void onlyTls12AndNewerAreEnabled() throws Exception {
        ClientTls tls = client(a, a);
        try (Socket socket = tls.socketFactory().createSocket()) {
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, ((SSLSocket) socket).getEnabledProtocols());
        }
        ServerTls server = ServerTls.fromFiles(a.path(Role.CA_CERT), a.path(Role.SERVER_CERT), a.path(Role.SERVER_KEY), true);
        try (SSLServerSocket socket = server.bind(InetAddress.getLoopbackAddress(), 0, 1)) {
            assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, socket.getEnabledProtocols());
            assertTrue(socket.getNeedClientAuth());
        }
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, server.sslParameters().getProtocols());
    }

    @Test
    void clientMaterialErrorsNameTheFiles() {
        TlsMaterialException mismatch = assertThrows(TlsMaterialException.class, () -> ClientTls.fromFiles(
                a.path(Role.CA_CERT), a.path(Role.CLIENT_CERT), b.path(Role.CLIENT_KEY), true));
        assertEquals(Problem.KEY_MISMATCH, mismatch.problem());
        assertEquals(b.path(Role.CLIENT_KEY), mismatch.file());

        TlsMaterialException noKey = assertThrows(TlsMaterialException.class, () -> ClientTls.fromFiles(
                a.path(Role.CA_CERT), a.path(Role.CLIENT_CERT), null, true));
        assertEquals(Problem.NO_PRIVATE_KEY, noKey.problem());

        Path missingCa = tmp.resolve("missing/ca.pem");
        TlsMaterialException noCa = assertThrows(TlsMaterialException.class, () -> ClientTls.fromFiles(
                missingCa, null, null, true));
        assertEquals(Problem.FILE_NOT_FOUND, noCa.problem());
        assertEquals("certificate file " + missingCa + " does not exist", noCa.getMessage());

        // The CA key of a bundle is no client certificate.
        TlsMaterialException swapped = assertThrows(TlsMaterialException.class, () -> ClientTls.fromFiles(
                a.path(Role.CA_CERT), a.path(Role.CLIENT_KEY), a.path(Role.CLIENT_CERT), true));
        assertEquals(Problem.NO_CERTIFICATE, swapped.problem());
    }

    @Test
    void systemTrustIsUsedWithoutCaFile() {
        ClientTls tls = ClientTls.fromFiles(null, null, null, true);
        assertTrue(tls.trustedAuthorities().size() > 0 || tls.trustManager() != null);
        assertTrue(tls.verifiesServer());
    }
}
