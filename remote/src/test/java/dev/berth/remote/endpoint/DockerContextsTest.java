package dev.berth.remote.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerContextsTest {

    @TempDir
    Path temp;

    private DockerConfigFixture docker;
    private DockerContexts contexts;

    @BeforeEach
    void setUp() {
        docker = DockerConfigFixture.in(temp);
        contexts = new DockerContexts(new DockerConfigDir(docker.configDir));
    }

    @Test
    void contextDirNameIsSha256HexOfTheName() {
        assertEquals("37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f",
                DockerContexts.contextDirName("default"));
        assertEquals("fe9c6bd7a66301f49ca9b6a70b217107cd1284598bfc254700c989b916da791e",
                DockerContexts.contextDirName("desktop-linux"));
    }

    @Test
    void noContextsFolderMeansNoContexts() {
        assertEquals(List.of(), contexts.list());
        assertEquals(Optional.empty(), contexts.find("anything"));
    }

    @Test
    void readsWhatTheCliWrites() {
        docker.context("my-remote", "Remote engine", "tcp://10.0.0.5:2376", false);
        Path tlsDir = docker.contextTls("my-remote", "ca.pem", "cert.pem", "key.pem");

        DockerContext context = contexts.find("my-remote").orElseThrow();

        assertEquals(new DockerContext("my-remote", "Remote engine", "tcp://10.0.0.5:2376", false, tlsDir), context);
        EngineEndpoint endpoint = context.toEndpoint();
        assertEquals(URI.create("tcp://10.0.0.5:2376"), endpoint.uri());
        assertEquals("context \"my-remote\"", endpoint.source());
        assertEquals("my-remote", endpoint.contextName());
        assertEquals(new TlsSettings(true, tlsDir.resolve("ca.pem"), tlsDir.resolve("cert.pem"),
                tlsDir.resolve("key.pem")), endpoint.tls());
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyLikeGo() {
        docker.rawMeta(DockerContexts.contextDirName("lower"),
                "{\"name\":\"lower\",\"metadata\":{\"description\":\"hand written\"},"
                        + "\"endpoints\":{\"docker\":{\"host\":\"unix:///tmp/d.sock\",\"skipTLSVerify\":true}},"
                        + "\"Unknown\":[1,2]}");
        DockerContext context = contexts.find("lower").orElseThrow();
        assertEquals("hand written", context.description());
        assertEquals("unix:///tmp/d.sock", context.host());
        assertTrue(context.skipTlsVerify());
    }

    @Test
    void contextWithoutDockerEndpointCannotBeUsed() {
        docker.rawMeta(DockerContexts.contextDirName("k8s-only"), "{\"Name\":\"k8s-only\",\"Endpoints\":{}}");
        DockerContext context = contexts.find("k8s-only").orElseThrow();
        assertNull(context.host());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, context::toEndpoint);
        assertTrue(e.getMessage().contains("has no docker endpoint"), e.getMessage());
    }

    @Test
    void listIsInNaturalOrderAndReadsNamesFromMetaJson() {
        docker.context("b10", "", "tcp://h:1", false);
        docker.context("b9", "", "tcp://h:2", false);
        docker.context("a", "", "tcp://h:3", false);
        assertEquals(List.of("a", "b9", "b10"), contexts.list().stream().map(DockerContext::name).toList());
    }

    @Test
    void malformedMetaJsonFailsTheListNamingTheFile() {
        docker.context("fine", "", "tcp://h:1", false);
        Path broken = docker.rawMeta("0123abcd", "{\"Name\": \"x\"");
        DockerConfigException e = assertThrows(DockerConfigException.class, contexts::list);
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void metaJsonWithWrongTypesIsExplained() {
        Path file = docker.rawMeta(DockerContexts.contextDirName("typed"),
                "{\"Name\":\"typed\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://h:1\",\"SkipTLSVerify\":\"yes\"}}}");
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> contexts.find("typed"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("\"SkipTLSVerify\" should be true or false"), e.getMessage());
    }

    @Test
    void metaJsonWithoutNameIsAnError() {
        docker.rawMeta(DockerContexts.contextDirName("anon"), "{\"Endpoints\":{}}");
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> contexts.find("anon"));
        assertTrue(e.getMessage().contains("has no \"Name\""), e.getMessage());
    }

    @Test
    void findIgnoresUnrelatedBrokenContexts() {
        docker.rawMeta("0123abcd", "garbage");
        docker.context("fine", "", "tcp://h:1", false);
        assertTrue(contexts.find("fine").isPresent());
    }

    @Test
    void defaultIsNeverStored() {
        docker.context("default", "", "tcp://h:1", false);
        assertEquals(Optional.empty(), contexts.find("default"));
    }

    // --- writing -----------------------------------------------------------------------------------------------

    @Test
    void writesTheCliLayoutWithItsPermissions() throws IOException {
        TestCertificates certs = TestCertificates.selfSigned("berth-test");
        DockerContext written = contexts.create(new ContextDefinition("prod", "Production", "10.0.0.5:2376", false,
                new ContextTlsMaterial(certs.certPem, certs.certPem, certs.keyPem)));

        String hash = DockerContexts.contextDirName("prod");
        Path metaDir = docker.configDir.resolve("contexts/meta").resolve(hash);
        Path tlsDir = docker.configDir.resolve("contexts/tls").resolve(hash).resolve("docker");
        assertEquals("{\"Name\":\"prod\",\"Metadata\":{\"Description\":\"Production\"},\"Endpoints\":{\"docker\":"
                        + "{\"Host\":\"tcp://10.0.0.5:2376\",\"SkipTLSVerify\":false}}}",
                Files.readString(metaDir.resolve("meta.json"), StandardCharsets.UTF_8));
        assertEquals(certs.keyPem, Files.readString(tlsDir.resolve("key.pem")));
        assertEquals(tlsDir, written.tlsDir());

        assertPermissions("rwxr-xr-x", metaDir);
        assertPermissions("rw-r--r--", metaDir.resolve("meta.json"));
        assertPermissions("rwx------", tlsDir);
        assertPermissions("rwx------", tlsDir.getParent());
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            assertPermissions("rw-------", tlsDir.resolve(file));
        }
        try (var leftovers = Files.list(tlsDir)) {
            assertEquals(3, leftovers.count(), "no temp files left behind");
        }

        EngineEndpoint endpoint = new EndpointResolver(Map.of(), docker.home).resolve(null, "prod");
        assertEquals(URI.create("tcp://10.0.0.5:2376"), endpoint.uri());
        assertEquals(tlsDir.resolve("ca.pem"), endpoint.tls().caCert());
        assertTrue(endpoint.tls().verifyServer());
    }

    @Test
    void createRefusesToOverwriteButSaveReplacesIncludingOldTlsFiles() {
        TestCertificates certs = TestCertificates.selfSigned("berth-test");
        contexts.create(new ContextDefinition("lab", null, "tcp://lab:2376", false,
                new ContextTlsMaterial(certs.certPem, certs.certPem, certs.keyPem)));

        DockerConfigException e = assertThrows(DockerConfigException.class,
                () -> contexts.create(new ContextDefinition("lab", null, "tcp://lab:2375", false, null)));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());

        DockerContext replaced = contexts.save(new ContextDefinition("lab", "now plain", "tcp://lab:2375", false, null));
        assertNull(replaced.tlsDir());
        assertEquals("tcp://lab:2375", replaced.host());
        assertNull(replaced.toEndpoint().tls());
        assertFalse(Files.exists(docker.configDir.resolve("contexts/tls").resolve(DockerContexts.contextDirName("lab"))));
    }

    @Test
    void removeDeletesMetaAndTls() {
        TestCertificates certs = TestCertificates.selfSigned("berth-test");
        contexts.create(new ContextDefinition("gone", null, "tcp://h:2376", false,
                new ContextTlsMaterial(certs.certPem, null, null)));
        assertTrue(contexts.remove("gone"));
        assertEquals(Optional.empty(), contexts.find("gone"));
        assertFalse(Files.exists(contexts.tlsDir("gone")));
        assertFalse(contexts.remove("gone"));
    }

    @Test
    void skipTlsVerifyWithoutMaterialIsStored() {
        DockerContext context = contexts.create(new ContextDefinition("insecure", null, "tcp://h:2376", true, null));
        assertTrue(context.skipTlsVerify());
        assertFalse(context.toEndpoint().tls().verifyServer());
    }

    @Test
    void hostIsStoredNormalised() {
        assertEquals("unix:///var/run/docker.sock",
                contexts.create(new ContextDefinition("sock", null, "unix://", false, null)).host());
        assertEquals("tcp://localhost:2375",
                contexts.create(new ContextDefinition("local", null, "tcp://", false, null)).host());
    }

    @Test
    void writingRejectsWhatTheCliCouldNotUse() {
        TestCertificates certs = TestCertificates.selfSigned("berth-test");
        ContextTlsMaterial tls = new ContextTlsMaterial(certs.certPem, null, null);
        assertThrows(IllegalArgumentException.class,
                () -> contexts.create(new ContextDefinition("ssh-box", null, "ssh://me@box", false, null)));
        IllegalArgumentException unixTls = assertThrows(IllegalArgumentException.class,
                () -> contexts.create(new ContextDefinition("sock-tls", null, "unix:///s.sock", false, tls)));
        assertTrue(unixTls.getMessage().contains("Unix socket"), unixTls.getMessage());
        IllegalArgumentException https = assertThrows(IllegalArgumentException.class,
                () -> contexts.create(new ContextDefinition("web", null, "https://h", false, null)));
        assertTrue(https.getMessage().contains("CA certificate"), https.getMessage());
        assertEquals(List.of(), contexts.list());
    }

    @Test
    void clientCertificateNeedsBothHalves() {
        assertThrows(IllegalArgumentException.class, () -> new ContextTlsMaterial(null, "cert", null));
        assertThrows(IllegalArgumentException.class, () -> new ContextTlsMaterial("ca", null, "key"));
        assertThrows(IllegalArgumentException.class, () -> new ContextTlsMaterial(null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "", "a", "-lead", ".lead", "has space", "slash/name", "ünicode", "x\n"})
    void invalidNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> new ContextDefinition(name, null, "tcp://h:2376", false, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "my-remote", "prod_1", "v1.2+build", "0day", "X-Y"})
    void validNamesAreAccepted(String name) {
        assertEquals(name, new ContextDefinition(name, null, "tcp://h:2376", false, null).name());
    }

    private static void assertPermissions(String expected, Path path) throws IOException {
        assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
    }
}
