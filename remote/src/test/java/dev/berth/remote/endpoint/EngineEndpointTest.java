package dev.berth.remote.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineEndpointTest {

    private static EngineEndpoint parse(String host) {
        return EngineEndpoint.parse(host, null, "explicit");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "unix:///var/run/docker.sock       | unix:///var/run/docker.sock",
            "unix:///run/user/1000/docker.sock | unix:///run/user/1000/docker.sock",
            "unix://                           | unix:///var/run/docker.sock",
            "/tmp/docker.sock                  | unix:///tmp/docker.sock",
            "tcp://10.0.0.5:2376               | tcp://10.0.0.5:2376",
            "tcp://                            | tcp://localhost:2375",
            "tcp://docker.example.com          | tcp://docker.example.com:2375",
            "tcp://docker.example.com:         | tcp://docker.example.com:2375",
            "tcp://:2376                       | tcp://localhost:2376",
            "127.0.0.1:2376                    | tcp://127.0.0.1:2376",
            "docker.example.com                | tcp://docker.example.com:2375",
            "tcp://[::1]:2376                  | tcp://[::1]:2376",
            "tcp://[::1]                       | tcp://[::1]:2375",
            "tcp://[2001:db8::5]:              | tcp://[2001:db8::5]:2375",
            "tcp://h:2376/proxy/docker/        | tcp://h:2376/proxy/docker",
            "tcp://h:2376/                     | tcp://h:2376",
            "TCP://h:2376                      | tcp://h:2376",
            "'  tcp://h:2376  '                | tcp://h:2376",
            "tcp://docker_dind:2375            | tcp://docker_dind:2375",
            "http://h                          | tcp://h:80",
            "http://h:2375/base                | tcp://h:2375/base",
            "https://h                         | tcp://h:443",
            "https://h:2376                    | tcp://h:2376",
    })
    void normalisesEveryHostForm(String input, String expected) {
        assertEquals(URI.create(expected), parse(input).uri());
        assertEquals(expected, parse(input).toString());
    }

    @Test
    void missingPortIs2375EvenWithTls() {
        EngineEndpoint endpoint = EngineEndpoint.parse("tcp://h", TlsSettings.withoutVerification(), "x");
        assertEquals(2375, endpoint.port());
        assertTrue(endpoint.isTls());
    }

    @Test
    void unixEndpointsExposeTheSocketAndNeverTls() {
        EngineEndpoint endpoint = EngineEndpoint.parse("unix:///var/run/docker.sock",
                TlsSettings.fromCertDir(Path.of("/nowhere"), true), "DOCKER_HOST");
        assertTrue(endpoint.isUnix());
        assertFalse(endpoint.isTls());
        assertNull(endpoint.tls());
        assertEquals(Path.of("/var/run/docker.sock"), endpoint.unixSocketPath());
        assertEquals("", endpoint.basePath());
        assertEquals("DOCKER_HOST", endpoint.source());
        assertThrows(IllegalStateException.class, endpoint::host);
        assertThrows(IllegalStateException.class, endpoint::port);
    }

    @Test
    void socketPathsWithSpacesSurviveTheUri() {
        EngineEndpoint endpoint = parse("unix:///tmp/my docker/d.sock");
        assertEquals(Path.of("/tmp/my docker/d.sock"), endpoint.unixSocketPath());
    }

    @Test
    void tcpEndpointsExposeHostPortAndBasePath() {
        EngineEndpoint endpoint = parse("tcp://docker.example.com:2376/proxy/docker");
        assertFalse(endpoint.isUnix());
        assertFalse(endpoint.isTls());
        assertEquals("docker.example.com", endpoint.host());
        assertEquals(2376, endpoint.port());
        assertEquals("/proxy/docker", endpoint.basePath());
        assertThrows(IllegalStateException.class, endpoint::unixSocketPath);
    }

    @Test
    void ipv6HostComesWithoutBrackets() {
        EngineEndpoint endpoint = parse("tcp://[::1]:2376");
        assertEquals("::1", endpoint.host());
        assertEquals(2376, endpoint.port());
        assertEquals("", endpoint.basePath());
    }

    @Test
    void underscoreHostNamesWork() {
        EngineEndpoint endpoint = parse("tcp://docker_dind:2375");
        assertEquals("docker_dind", endpoint.host());
        assertEquals(2375, endpoint.port());
    }

    @Test
    void httpsImpliesTlsVerifiedAgainstTheSystemTrustStore() {
        EngineEndpoint endpoint = parse("https://docker.example.com");
        assertTrue(endpoint.isTls());
        assertTrue(endpoint.tls().verifyServer());
        assertNull(endpoint.tls().caCert());
        assertEquals(443, endpoint.port());
    }

    @Test
    void httpsKeepsGivenTlsSettings() {
        TlsSettings tls = TlsSettings.fromCertDir(Path.of("/certs"), true);
        assertEquals(tls, EngineEndpoint.parse("https://h:2376", tls, "x").tls());
    }

    @Test
    void plainHttpHasNoTls() {
        assertFalse(parse("http://h:2375").isTls());
    }

    @Test
    void sshIsRejectedWithAWayOut() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("ssh://me@server"));
        assertTrue(e.getMessage().contains("ssh:// endpoints are not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh://me@server"), e.getMessage());
    }

    @Test
    void npipeIsWindowsOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("npipe:////./pipe/docker_engine"));
        assertTrue(e.getMessage().contains("npipe is Windows-only"), e.getMessage());
    }

    @Test
    void fdIsDaemonOnly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("fd://"));
        assertTrue(e.getMessage().contains("daemon"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "foo://x", "tcp://h:abc", "tcp://h:0", "tcp://h:70000", "tcp://::1", "tcp://::1:2376", "tcp://[::1",
            "tcp://[h]:2376", "tcp://[::1]x", "tcp://tcp://h", "tcp://user@h:2376", "tcp://h:2376?x=1",
            "tcp://h:2376#frag", "unix://relative/docker.sock", "./docker.sock", "unix://x://y", "tcp://h!:2376",
            "just some words"})
    void garbageIsRejectedNamingTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(value));
        assertTrue(e.getMessage().contains("\"" + value + "\""), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptyHostIsRejected(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(value));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void constructorRejectsUnnormalisedUris() {
        assertThrows(IllegalArgumentException.class,
                () -> new EngineEndpoint(URI.create("ssh://h"), null, "x", null));
        assertThrows(IllegalArgumentException.class,
                () -> new EngineEndpoint(URI.create("tcp://h"), null, "x", null));
    }

    @Test
    void withSourceKeepsTheEngine() {
        EngineEndpoint endpoint = parse("tcp://h:2376").withSource("context \"prod\"", "prod");
        assertEquals("context \"prod\"", endpoint.source());
        assertEquals("prod", endpoint.contextName());
        assertEquals(URI.create("tcp://h:2376"), endpoint.uri());
    }
}
