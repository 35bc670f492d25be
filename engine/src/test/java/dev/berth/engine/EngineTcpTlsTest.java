package dev.berth.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.cli.EngineOptions;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.testing.TestDirs;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.TransportOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's TCP listener: mutual TLS with certificates from `berth tls generate`, and the refusal rules. */
class EngineTcpTlsTest {

    static Path root;
    static Path certs;
    static Path strangerCerts;
    static int port;
    static Engine engine;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("berth-tls");
        certs = root.resolve("certs");
        strangerCerts = root.resolve("stranger");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(certs, List.of("localhost", "127.0.0.1")));
        new TlsBundleGenerator().generate(TlsBundleRequest.of(strangerCerts, List.of("localhost", "127.0.0.1")));
        port = freePort();
        engine = Engine.start(options(List.of("tcp://127.0.0.1:" + port), true, false));
    }

    @AfterAll
    static void stop() throws IOException {
        if (engine != null) {
            engine.close();
        }
        TestDirs.delete(root);
    }

    static EngineOptions options(List<String> hosts, boolean verify, boolean insecure) {
        return new EngineOptions(hosts, root.resolve("data"), root.resolve("run"), "runc", "info", null,
                verify, verify, verify ? certs.resolve("ca.pem") : null,
                verify ? certs.resolve("server-cert.pem") : null, verify ? certs.resolve("server-key.pem") : null,
                insecure, "berth0", "172.31.0.1/16", "10.201.0.0/16", 24);
    }

    @Test
    void dockerCliTalksMutualTls() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "--tlsverify", "--tlscacert", certs + "/ca.pem",
                "--tlscert", certs + "/cert.pem", "--tlskey", certs + "/key.pem", "-H", "tcp://localhost:" + port,
                "version", "--format", "{{.Server.APIVersion}}"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals("1.43", out);
    }

    @Test
    void ourClientConnectsWithTheClientCertificate() {
        EngineEndpoint endpoint = EngineEndpoint.parse("tcp://127.0.0.1:" + port,
                TlsSettings.fromCertDir(certs, true), "test");
        try (EngineClient client = EngineClient.connect(endpoint, TransportOptions.DEFAULT)) {
            assertEquals("linux", client.system().version().os());
            assertEquals(List.of(), client.containers().list(
                    dev.berth.remote.containers.ListContainersParams.includingStopped()));
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRejectedAtTheHandshake() {
        Path mixed = root.resolve("mixed");
        try {
            Files.createDirectories(mixed);
            Files.copy(certs.resolve("ca.pem"), mixed.resolve("ca.pem"));
            Files.copy(strangerCerts.resolve("cert.pem"), mixed.resolve("cert.pem"));
            Files.copy(strangerCerts.resolve("key.pem"), mixed.resolve("key.pem"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EngineEndpoint endpoint = EngineEndpoint.parse("tcp://127.0.0.1:" + port,
                TlsSettings.fromCertDir(mixed, true), "test");
        assertThrows(EngineConnectionException.class, () -> {
            try (EngineClient client = EngineClient.connect(endpoint, TransportOptions.DEFAULT)) {
                client.system().version();
            }
        });
    }

    @Test
    void plainTcpOffLoopbackIsRefusedWithoutTheExplicitFlag(@TempDir Path unused) throws Exception {
        Engine.StartupException refused = assertThrows(Engine.StartupException.class,
                () -> Engine.start(options(List.of("tcp://0.0.0.0:" + freePort()), false, false)));
        assertTrue(refused.getMessage().contains("--tlsverify"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--allow-insecure-tcp"), refused.getMessage());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
