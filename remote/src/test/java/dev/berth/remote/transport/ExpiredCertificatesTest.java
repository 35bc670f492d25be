package dev.berth.remote.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.ServerTls;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.transport.EngineConnectionException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expired certificates on either side, against a JSSE server that requires client certificates as dockerd does.
 * (dockerd itself cannot be given an expired certificate in a test without waiting for one to expire.)
 */
class ExpiredCertificatesTest {

    @TempDir
    static Path tmp;

    /** Issued 400 days ago for 30 days: its server and client certificates are long expired; its CA is not. */
    private static Path old;
    /** Issued today from the old CA. */
    private static Path fresh;

    @BeforeAll
    static void certificates() throws Exception {
        old = tmp.resolve("old");
        fresh = tmp.resolve("fresh");
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC);
        new TlsBundleGenerator(past).generate(TlsBundleRequest.of(old, List.of("localhost", "127.0.0.1"))
                .withClientName("old-client").withDays(30));
        new TlsBundleGenerator().generate(TlsBundleRequest.of(fresh, List.of("localhost", "127.0.0.1"))
                .withExistingCa(old));
    }

    /** Serves one /_ping per connection over mutual TLS with the given server certificate. */
    private static <T> T withServer(Path serverBundle, ServerCall<T> call) throws Exception {
        ServerTls tls = ServerTls.fromFiles(serverBundle.resolve("ca.pem"), serverBundle.resolve("server-cert.pem"),
                serverBundle.resolve("server-key.pem"), true);
        try (SSLServerSocket server = tls.bind(InetAddress.getLoopbackAddress(), 0, 5)) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        ((SSLSocket) s).startHandshake();
                        s.getInputStream().read(new byte[4096]);
                        OutputStream out = s.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // the handshake failure the test is about
                    }
                }
            }, "expired-cert-server");
            acceptor.setDaemon(true);
            acceptor.start();
            return call.run(server.getLocalPort());
        }
    }

    private interface ServerCall<T> {
        T run(int port) throws Exception;
    }

    private static EngineConnectionException ping(int port, TlsSettings settings) {
        EngineEndpoint endpoint = EngineEndpoint.parse("tcp://localhost:" + port, settings, "test");
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EngineClient client = EngineClient.connect(endpoint)) {
                return assertThrows(EngineConnectionException.class, client::ping);
            }
        });
    }

    @Test
    void freshCertificatesWork() throws Exception {
        String os = withServer(fresh, port -> {
            try (EngineClient client = EngineClient.connect(EngineEndpoint.parse("tcp://localhost:" + port,
                    TlsSettings.fromCertDir(fresh, true), "test"))) {
                return client.ping().apiVersion().toString();
            }
        });
        assertEquals("1.41", os);
    }

    @Test
    void expiredServerCertificateIsRejectedByUs() throws Exception {
        EngineConnectionException e = withServer(old, port -> ping(port, TlsSettings.fromCertDir(fresh, true)));
        assertEquals(Kind.SERVER_CERT_EXPIRED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    void expiredClientCertificateIsRejectedByTheEngine() throws Exception {
        EngineConnectionException e = withServer(fresh, port -> ping(port,
                new TlsSettings(true, fresh.resolve("ca.pem"), old.resolve("cert.pem"), old.resolve("key.pem"))));
        assertEquals(Kind.CLIENT_CERT_REJECTED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("CN=old-client") && e.getMessage().contains("expired on"), e.getMessage());
    }
}
