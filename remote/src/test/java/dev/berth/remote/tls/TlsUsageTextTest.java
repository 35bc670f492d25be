package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsUsageTextTest {

    private static TlsBundle bundle(Path dir, String... hosts) {
        CertificateSummary none = new CertificateSummary("CN=x", "CN=x", "1", List.of(), List.of(), Instant.EPOCH,
                Instant.EPOCH, 0, "EC P-256", false, List.of(), "");
        return new TlsBundle(dir, List.of(hosts), true, none, none, none, List.of(), List.of());
    }

    @Test
    void daemonAndClientInstructions() {
        TlsUsageText text = TlsUsageText.of(bundle(Path.of("/etc/berth/tls"), "docker.lan"));
        assertEquals("dockerd --tlsverify --tlscacert=/etc/berth/tls/ca.pem --tlscert=/etc/berth/tls/server-cert.pem"
                + " --tlskey=/etc/berth/tls/server-key.pem -H=0.0.0.0:2376", text.dockerdCommand());
        assertEquals("""
                {
                  "tlsverify": true,
                  "tlscacert": "/etc/berth/tls/ca.pem",
                  "tlscert": "/etc/berth/tls/server-cert.pem",
                  "tlskey": "/etc/berth/tls/server-key.pem",
                  "hosts": ["tcp://0.0.0.0:2376"]
                }""", text.daemonJson());
        assertTrue(text.daemonJsonNote().contains("\"hosts\" in daemon.json conflicts with -H")
                && text.daemonJsonNote().contains("-H fd://") && !text.daemonJsonNote().contains("\n"));
        assertEquals(List.of("export DOCKER_HOST=tcp://docker.lan:2376", "export DOCKER_TLS_VERIFY=1",
                "export DOCKER_CERT_PATH=/etc/berth/tls"), text.clientEnvironment());
        assertEquals("docker --tlsverify --tlscacert=/etc/berth/tls/ca.pem --tlscert=/etc/berth/tls/cert.pem"
                + " --tlskey=/etc/berth/tls/key.pem -H=tcp://docker.lan:2376 version", text.dockerCommand());
        String rendered = text.render();
        assertTrue(rendered.contains(text.dockerdCommand()) && rendered.contains(text.dockerCommand())
                && rendered.contains("export DOCKER_TLS_VERIFY=1"), rendered);
    }

    @Test
    void ipv6HostsAreBracketedAndOddPathsQuoted() {
        TlsUsageText text = TlsUsageText.of(bundle(Path.of("/home/me/My Certs/it's"), "::1"), "::1", 12376);
        assertEquals("export DOCKER_HOST=tcp://[::1]:12376", text.clientEnvironment().get(0));
        assertEquals("export DOCKER_CERT_PATH='/home/me/My Certs/it'\\''s'", text.clientEnvironment().get(2));
        assertTrue(text.dockerdCommand().contains("--tlscacert='/home/me/My Certs/it'\\''s/ca.pem'"), text.dockerdCommand());
        assertTrue(text.dockerdCommand().endsWith("-H=0.0.0.0:12376"));
        assertTrue(text.daemonJson().contains("\"tlscacert\": \"/home/me/My Certs/it's/ca.pem\""), text.daemonJson());
    }

    @Test
    void jsonEscapesBackslashesAndQuotes() {
        TlsUsageText text = TlsUsageText.of(bundle(Path.of("/tmp/a\"b\\c"), "h"));
        assertTrue(text.daemonJson().contains("\"tlscacert\": \"/tmp/a\\\"b\\\\c/ca.pem\""), text.daemonJson());
    }
}
