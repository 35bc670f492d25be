package dev.berth.remote.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.testing.Clients;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.tls.TlsGenerateCommand;
import dev.berth.remote.transport.EngineConnectionException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against a real dockerd started with {@code --tlsverify} and certificates from {@code berth tls
 * generate}: the happy path, the docker CLI with the same files, and every way the handshake can fail, each with its
 * own message.
 */
class MutualTlsTest {

    @TempDir
    static Path tmp;

    private static Dockerd dockerd;
    /** A second, unrelated bundle: its CA did not sign the daemon's certificate. */
    private static Path otherBundle;

    @BeforeAll
    static void start() {
        dockerd = Dockerd.shared();
        otherBundle = tmp.resolve("other");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TlsGenerateCommand.run(new String[] {"--out", otherBundle.toString(), "--host", "localhost",
                "--client-name", "stranger"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    }

    private EngineEndpoint tls(String hostPort, TlsSettings settings) {
        return EngineEndpoint.parse("tcp://" + hostPort, settings, "test");
    }

    private EngineConnectionException failure(EngineEndpoint endpoint) {
        return failure(endpoint, TransportOptions.DEFAULT);
    }

    private EngineConnectionException failure(EngineEndpoint endpoint, TransportOptions options) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (EngineClient client = EngineClient.connect(endpoint, options)) {
                return assertThrows(EngineConnectionException.class, client::ping);
            }
        });
    }

    private Path own(String file) {
        return dockerd.certDir().resolve(file);
    }

    @Test
    void clientCertificateFromTheGeneratedBundleIsAccepted() {
        EngineClient client = Clients.tls();
        assertEquals("linux", client.ping().osType());
        assertEquals(ApiVersion.MIN, client.apiVersion(), "dockerd 20.10 speaks 1.41, which we negotiate down to");
        assertTrue(client.http().getTree("/info", null).path("ServerVersion").asText().startsWith("20.10"));
    }

    @Test
    void dockerCliAcceptsTheSameCertificates() {
        String host = "tcp://localhost:" + dockerd.tlsPort();
        ProcessResult flags = dockerd.dockerWith(Map.of(), null, "--tlsverify",
                "--tlscacert", own("ca.pem").toString(), "--tlscert", own("cert.pem").toString(),
                "--tlskey", own("key.pem").toString(), "-H", host, "version", "--format", "{{.Server.Version}}");
        assertEquals(0, flags.exitCode(), flags.stderr());
        assertTrue(flags.stdout().startsWith("20.10"), flags.stdout());

        ProcessResult env = dockerd.dockerWith(Map.of("DOCKER_HOST", host, "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dockerd.certDir().toString()), null, "info", "--format", "{{.OSType}}");
        assertEquals(0, env.exitCode(), env.stderr());
        assertEquals("linux", env.stdout().strip());
    }

    @Test
    void serverSignedByAnotherCaIsRejectedByUs() {
        EngineConnectionException e = failure(tls("localhost:" + dockerd.tlsPort(),
                new TlsSettings(true, otherBundle.resolve("ca.pem"), own("cert.pem"), own("key.pem"))));
        assertEquals(Kind.SERVER_CERT_UNKNOWN_CA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("not signed by the CA we trust"), e.getMessage());
    }

    @Test
    void missingClientCertificateIsRejectedByTheEngine() {
        EngineConnectionException e = failure(tls("localhost:" + dockerd.tlsPort(),
                new TlsSettings(true, own("ca.pem"), null, null)));
        assertEquals(Kind.CLIENT_CERT_REJECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("none is configured"), e.getMessage());
    }

    @Test
    void clientCertificateFromAnotherCaIsRejectedByTheEngine() {
        EngineConnectionException e = failure(tls("localhost:" + dockerd.tlsPort(),
                new TlsSettings(true, own("ca.pem"), otherBundle.resolve("cert.pem"), otherBundle.resolve("key.pem"))));
        assertEquals(Kind.CLIENT_CERT_REJECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("CN=stranger"), "names the certificate the engine refused: " + e.getMessage());
    }

    @Test
    void addressNotInSubjectAltNameIsRejectedByUs() {
        EngineConnectionException e = failure(tls("127.0.0.2:" + dockerd.unlistedAddressPort(),
                TlsSettings.fromCertDir(dockerd.certDir(), true)));
        assertEquals(Kind.SERVER_CERT_NAME_MISMATCH, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.2"), e.getMessage());
    }

    @Test
    void plainHttpToTheTlsPortSaysTurnTlsOn() {
        EngineConnectionException e = failure(tls("127.0.0.1:" + dockerd.tlsPort(), null));
        assertEquals(Kind.HTTP_TO_TLS_PORT, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("expects TLS"), e.getMessage());
    }

    @Test
    void tlsToAPlainHttpPortSaysTurnTlsOff() throws IOException {
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        plain.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("OK".getBytes(StandardCharsets.US_ASCII));
            exchange.close();
        });
        plain.start();
        try {
            // An HTTP server waits for a request line that a ClientHello never completes: the handshake timeout
            // (the connect timeout) must end the wait, and the message must say why.
            EngineConnectionException e = failure(tls("127.0.0.1:" + plain.getAddress().getPort(),
                    TlsSettings.fromCertDir(dockerd.certDir(), true)),
                    TransportOptions.DEFAULT.withConnectTimeout(Duration.ofSeconds(2)));
            assertEquals(Kind.TLS_TO_HTTP_PORT, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
        } finally {
            plain.stop(0);
        }
    }

    @Test
    void everyFailureHasItsOwnMessage() {
        String unknownCa = failure(tls("localhost:" + dockerd.tlsPort(),
                new TlsSettings(true, otherBundle.resolve("ca.pem"), own("cert.pem"), own("key.pem")))).getMessage();
        String noClientCert = failure(tls("localhost:" + dockerd.tlsPort(),
                new TlsSettings(true, own("ca.pem"), null, null))).getMessage();
        String badName = failure(tls("127.0.0.2:" + dockerd.unlistedAddressPort(),
                TlsSettings.fromCertDir(dockerd.certDir(), true))).getMessage();
        String plain = failure(tls("127.0.0.1:" + dockerd.tlsPort(), null)).getMessage();
        assertNotEquals(unknownCa, noClientCert);
        assertNotEquals(unknownCa, badName);
        assertNotEquals(noClientCert, badName);
        assertNotEquals(plain, badName);
    }
}
