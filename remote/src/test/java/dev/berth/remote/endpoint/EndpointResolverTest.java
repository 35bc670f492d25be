package dev.berth.remote.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointResolverTest {

    @TempDir
    Path temp;

    private DockerConfigFixture docker;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() {
        docker = DockerConfigFixture.in(temp);
        docker.context("ctx-env", "from env", "tcp://env.example.com:2376", false);
        docker.context("ctx-config", "from config", "tcp://config.example.com:2376", false);
        docker.context("ctx-flag", "from flag", "tcp://flag.example.com:2376", false);
    }

    private EndpointResolver resolver() {
        return new EndpointResolver(env, docker.home);
    }

    private EngineEndpoint resolve() {
        return resolver().resolve();
    }

    // --- precedence -------------------------------------------------------------------------------------------

    @Test
    void nothingConfiguredIsTheDefaultSocket() {
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("unix:///var/run/docker.sock"), endpoint.uri());
        assertEquals("default", endpoint.source());
        assertEquals("default", endpoint.contextName());
        assertNull(endpoint.tls());
        assertEquals("default", resolver().currentContextName());
    }

    @Test
    void currentContextFromConfigJson() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("tcp://config.example.com:2376"), endpoint.uri());
        assertEquals("config.json currentContext \"ctx-config\"", endpoint.source());
        assertEquals("ctx-config", endpoint.contextName());
    }

    @Test
    void dockerContextBeatsConfigJson() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        env.put("DOCKER_CONTEXT", "ctx-env");
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("tcp://env.example.com:2376"), endpoint.uri());
        assertEquals("DOCKER_CONTEXT \"ctx-env\"", endpoint.source());
        assertEquals("ctx-env", resolver().currentContextName());
    }

    @Test
    void dockerHostBeatsDockerContextAndConfigJson() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        env.put("DOCKER_CONTEXT", "ctx-env");
        env.put("DOCKER_HOST", "tcp://host.example.com:2375");
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("tcp://host.example.com:2375"), endpoint.uri());
        assertEquals("DOCKER_HOST", endpoint.source());
        assertEquals("default", endpoint.contextName());
        assertEquals("default", resolver().currentContextName());
    }

    @Test
    void explicitHostBeatsDockerHost() {
        env.put("DOCKER_HOST", "tcp://host.example.com:2375");
        env.put("DOCKER_CONTEXT", "ctx-env");
        EngineEndpoint endpoint = resolver().resolve("tcp://flag-host:2375", null);
        assertEquals(URI.create("tcp://flag-host:2375"), endpoint.uri());
        assertEquals("explicit", endpoint.source());
    }

    @Test
    void explicitContextBeatsEverything() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        env.put("DOCKER_CONTEXT", "ctx-env");
        env.put("DOCKER_HOST", "tcp://host.example.com:2375");
        EngineEndpoint endpoint = resolver().resolve(null, "ctx-flag");
        assertEquals(URI.create("tcp://flag.example.com:2376"), endpoint.uri());
        assertEquals("context \"ctx-flag\"", endpoint.source());
        assertEquals("ctx-flag", endpoint.contextName());
    }

    @Test
    void explicitHostAndContextTogetherAreAnError() {
        DockerConfigException e = assertThrows(DockerConfigException.class,
                () -> resolver().resolve("tcp://h:2375", "ctx-flag"));
        assertTrue(e.getMessage().contains("either a host or a context"), e.getMessage());
    }

    @Test
    void blankExplicitValuesCountAsAbsent() {
        env.put("DOCKER_HOST", "tcp://host.example.com:2375");
        assertEquals(URI.create("tcp://host.example.com:2375"), resolver().resolve(" ", "").uri());
    }

    @Test
    void emptyDockerHostDoesNotCount() {
        env.put("DOCKER_HOST", "");
        env.put("DOCKER_CONTEXT", "ctx-env");
        assertEquals(URI.create("tcp://env.example.com:2376"), resolve().uri());
    }

    @Test
    void blankDockerHostSelectsTheDefaultContextWithTheDefaultHost() {
        env.put("DOCKER_HOST", "   ");
        env.put("DOCKER_CONTEXT", "ctx-env");
        assertEquals(URI.create("unix:///var/run/docker.sock"), resolve().uri());
    }

    @Test
    void contextNamedDefaultIsTheEnvironment() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        env.put("DOCKER_CONTEXT", "default");
        assertEquals(URI.create("unix:///var/run/docker.sock"), resolve().uri());
        assertEquals(URI.create("unix:///var/run/docker.sock"), resolver().resolve(null, "default").uri());
    }

    @Test
    void explicitDefaultContextStillUsesDockerHost() {
        env.put("DOCKER_HOST", "tcp://host.example.com:2375");
        EngineEndpoint endpoint = resolver().resolve(null, "default");
        assertEquals(URI.create("tcp://host.example.com:2375"), endpoint.uri());
        assertEquals("DOCKER_HOST", endpoint.source());
    }

    @Test
    void unknownContextSaysWhereItLooked() {
        env.put("DOCKER_CONTEXT", "nope");
        DockerConfigException e = assertThrows(DockerConfigException.class, this::resolve);
        assertTrue(e.getMessage().contains("context \"nope\" not found (looked in "), e.getMessage());
        assertTrue(e.getMessage().contains(DockerContexts.contextDirName("nope")), e.getMessage());
        assertTrue(e.getMessage().contains("DOCKER_CONTEXT"), e.getMessage());
        assertTrue(e.getMessage().contains("Known contexts: default, ctx-config, ctx-env, ctx-flag."), e.getMessage());
    }

    @Test
    void unknownCurrentContextFromConfigJsonIsAnError() {
        docker.configJson("{\"currentContext\":\"gone\"}");
        DockerConfigException e = assertThrows(DockerConfigException.class, this::resolve);
        assertTrue(e.getMessage().contains("context \"gone\" not found"), e.getMessage());
        assertTrue(e.getMessage().contains("config.json currentContext"), e.getMessage());
    }

    // --- TLS from the environment ------------------------------------------------------------------------------

    @Test
    void tlsVerifyZeroStillMeansTlsWithVerification() {
        env.put("DOCKER_TLS_VERIFY", "0");
        EngineEndpoint endpoint = resolve();
        assertTrue(endpoint.isTls());
        assertTrue(endpoint.tls().verifyServer());
    }

    @Test
    void tlsVerifyFalseStillMeansTlsWithVerification() {
        env.put("DOCKER_TLS_VERIFY", "false");
        assertTrue(resolve().tls().verifyServer());
    }

    @Test
    void emptyTlsVerifyMeansNoTls() {
        env.put("DOCKER_TLS_VERIFY", "");
        env.put("DOCKER_HOST", "tcp://h:2375");
        assertNull(resolve().tls());
    }

    @Test
    void tlsWithoutHostDefaultsToLocalhost2376() {
        env.put("DOCKER_TLS_VERIFY", "1");
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("tcp://localhost:2376"), endpoint.uri());
        assertEquals("default", endpoint.source());
    }

    @Test
    void dockerTlsAloneMeansTlsWithoutVerification() {
        env.put("DOCKER_TLS", "1");
        env.put("DOCKER_HOST", "tcp://h:2376");
        EngineEndpoint endpoint = resolve();
        assertTrue(endpoint.isTls());
        assertFalse(endpoint.tls().verifyServer());
    }

    @Test
    void tlsVerifyWinsOverDockerTls() {
        env.put("DOCKER_TLS", "1");
        env.put("DOCKER_TLS_VERIFY", "1");
        assertTrue(resolve().tls().verifyServer());
    }

    @Test
    void certPathDefaultsToTheConfigDirAndClientCertOnlyIfPresent() {
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_HOST", "tcp://h:2376");
        TlsSettings tls = resolve().tls();
        assertEquals(docker.configDir.resolve("ca.pem"), tls.caCert());
        assertNull(tls.clientCert());
        assertNull(tls.clientKey());

        DockerConfigFixture.write(docker.configDir.resolve("cert.pem"), "c");
        DockerConfigFixture.write(docker.configDir.resolve("key.pem"), "k");
        tls = resolve().tls();
        assertEquals(docker.configDir.resolve("cert.pem"), tls.clientCert());
        assertEquals(docker.configDir.resolve("key.pem"), tls.clientKey());
        assertTrue(tls.hasClientCertificate());
    }

    @Test
    void dockerCertPathIsUsed() {
        Path certs = temp.resolve("certs");
        DockerConfigFixture.write(certs.resolve("cert.pem"), "c");
        DockerConfigFixture.write(certs.resolve("key.pem"), "k");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs.toString());
        env.put("DOCKER_HOST", "tcp://h:2376");
        TlsSettings tls = resolve().tls();
        assertEquals(certs.resolve("ca.pem"), tls.caCert());
        assertEquals(certs.resolve("cert.pem"), tls.clientCert());
        assertEquals(certs.resolve("key.pem"), tls.clientKey());
    }

    @Test
    void hostWithoutPortStays2375UnderTls() {
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_HOST", "tcp://h");
        EngineEndpoint endpoint = resolve();
        assertEquals(URI.create("tcp://h:2375"), endpoint.uri());
        assertTrue(endpoint.isTls());
    }

    @Test
    void tlsEnvironmentAppliesToAnExplicitHost() {
        env.put("DOCKER_TLS_VERIFY", "1");
        EngineEndpoint endpoint = resolver().resolve("tcp://flag-host:2376", null);
        assertTrue(endpoint.isTls());
        assertEquals(docker.configDir.resolve("ca.pem"), endpoint.tls().caCert());
    }

    @Test
    void tlsEnvironmentIsIgnoredForSockets() {
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_HOST", "unix:///run/docker.sock");
        assertNull(resolve().tls());
    }

    @Test
    void tlsEnvironmentDoesNotApplyToStoredContexts() {
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CONTEXT", "ctx-env");
        assertNull(resolve().tls());
    }

    @Test
    void dockerConfigMovesConfigContextsAndCerts() {
        DockerConfigFixture other = DockerConfigFixture.in(temp.resolve("elsewhere"));
        other.context("moved", "", "tcp://moved:2376", false);
        other.configJson("{\"currentContext\":\"moved\"}");
        env.put("DOCKER_CONFIG", other.configDir.toString());
        EndpointResolver resolver = resolver();
        assertEquals(other.configDir, resolver.configDir().path());
        assertEquals(URI.create("tcp://moved:2376"), resolver.resolve().uri());

        env.remove("DOCKER_CONFIG");
        env.put("DOCKER_CONFIG", other.configDir.toString());
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_HOST", "tcp://h:2376");
        assertEquals(other.configDir.resolve("ca.pem"), resolver().resolve().tls().caCert());
    }

    // --- contexts with TLS -------------------------------------------------------------------------------------

    @Test
    void contextTlsFolderIsUsed() {
        docker.context("secure", "", "tcp://secure.example.com:2376", false);
        Path tlsDir = docker.contextTls("secure", "ca.pem", "cert.pem", "key.pem");
        TlsSettings tls = resolver().resolve(null, "secure").tls();
        assertNotNull(tls);
        assertTrue(tls.verifyServer());
        assertEquals(tlsDir.resolve("ca.pem"), tls.caCert());
        assertEquals(tlsDir.resolve("cert.pem"), tls.clientCert());
        assertEquals(tlsDir.resolve("key.pem"), tls.clientKey());
    }

    @Test
    void contextWithoutCaUsesTheSystemTrustStore() {
        docker.context("public-ca", "", "tcp://docker.example.com:2376", false);
        docker.contextTls("public-ca", "cert.pem", "key.pem");
        TlsSettings tls = resolver().resolve(null, "public-ca").tls();
        assertTrue(tls.verifyServer());
        assertNull(tls.caCert());
        assertTrue(tls.hasClientCertificate());
    }

    @Test
    void contextSkipTlsVerifyWithTlsFolder() {
        docker.context("lab", "", "tcp://lab:2376", true);
        docker.contextTls("lab", "ca.pem");
        TlsSettings tls = resolver().resolve(null, "lab").tls();
        assertFalse(tls.verifyServer());
    }

    @Test
    void contextSkipTlsVerifyWithoutTlsFolderStillMeansTls() {
        docker.context("lab", "", "tcp://lab:2376", true);
        TlsSettings tls = resolver().resolve(null, "lab").tls();
        assertNotNull(tls);
        assertFalse(tls.verifyServer());
    }

    @Test
    void contextWithoutTlsIsPlain() {
        assertNull(resolver().resolve(null, "ctx-flag").tls());
    }

    @Test
    void unixContextIgnoresTls() {
        docker.context("rootless", "", "unix:///run/user/1000/docker.sock", true);
        docker.contextTls("rootless", "ca.pem");
        EngineEndpoint endpoint = resolver().resolve(null, "rootless");
        assertTrue(endpoint.isUnix());
        assertNull(endpoint.tls());
    }

    @Test
    void sshContextIsRejectedClearly() {
        docker.context("remote", "", "ssh://me@server", false);
        DockerConfigException e = assertThrows(DockerConfigException.class, () -> resolver().resolve(null, "remote"));
        assertTrue(e.getMessage().contains("ssh:// endpoints are not supported yet"), e.getMessage());
        assertTrue(e.getMessage().contains("\"remote\""), e.getMessage());
    }

    // --- broken configuration ----------------------------------------------------------------------------------

    @Test
    void malformedConfigJsonNamesTheFile() {
        docker.configJson("{\"currentContext\": ");
        DockerConfigException e = assertThrows(DockerConfigException.class, this::resolve);
        assertTrue(e.getMessage().contains(docker.configDir.resolve("config.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void malformedConfigJsonDoesNotMatterWhenDockerHostDecides() {
        docker.configJson("not json");
        env.put("DOCKER_HOST", "tcp://h:2375");
        assertEquals(URI.create("tcp://h:2375"), resolve().uri());
    }

    @Test
    void malformedMetaJsonNamesTheFile() {
        Path meta = docker.rawMeta(DockerContexts.contextDirName("broken"), "{\"Name\":\"broken\",");
        env.put("DOCKER_CONTEXT", "broken");
        DockerConfigException e = assertThrows(DockerConfigException.class, this::resolve);
        assertTrue(e.getMessage().contains(meta.toString()), e.getMessage());
    }

    @Test
    void badDockerHostNamesTheVariableAndValue() {
        env.put("DOCKER_HOST", "foo://bar");
        DockerConfigException e = assertThrows(DockerConfigException.class, this::resolve);
        assertTrue(e.getMessage().startsWith("DOCKER_HOST cannot be used"), e.getMessage());
        assertTrue(e.getMessage().contains("\"foo://bar\""), e.getMessage());
    }

    @Test
    void badExplicitHostIsReported() {
        DockerConfigException e = assertThrows(DockerConfigException.class,
                () -> resolver().resolve("ssh://me@h", null));
        assertTrue(e.getMessage().contains("ssh:// endpoints are not supported yet"), e.getMessage());
    }

    // --- listing -----------------------------------------------------------------------------------------------

    @Test
    void listAllShowsDefaultThenContextsAndMarksTheCurrentOne() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        docker.context("ctx10", "", "tcp://ten:2376", false);
        docker.context("ctx9", "", "tcp://nine:2376", false);
        docker.context("over-ssh", "remote box", "ssh://me@box", false);

        List<DiscoveredEngine> engines = resolver().listAll();

        assertEquals(List.of("default", "ctx-config", "ctx-env", "ctx-flag", "ctx9", "ctx10", "over-ssh"),
                engines.stream().map(DiscoveredEngine::name).toList());
        assertEquals(List.of("ctx-config"),
                engines.stream().filter(DiscoveredEngine::isCurrent).map(DiscoveredEngine::name).toList());
        DiscoveredEngine defaults = engines.get(0);
        assertEquals(URI.create("unix:///var/run/docker.sock"), defaults.endpoint().uri());
        DiscoveredEngine ssh = engines.get(6);
        assertFalse(ssh.isUsable());
        assertEquals("remote box", ssh.description());
        assertTrue(ssh.problem().contains("ssh://"), ssh.problem());
        assertEquals("from config", engines.get(1).description());
        assertEquals("context \"ctx-config\"", engines.get(1).endpoint().source());
    }

    @Test
    void listAllMarksDefaultWhenDockerHostIsSet() {
        docker.configJson("{\"currentContext\":\"ctx-config\"}");
        env.put("DOCKER_HOST", "tcp://h:2375");
        List<DiscoveredEngine> engines = resolver().listAll();
        assertTrue(engines.get(0).isCurrent());
        assertEquals(URI.create("tcp://h:2375"), engines.get(0).endpoint().uri());
        assertEquals(1, engines.stream().filter(DiscoveredEngine::isCurrent).count());
    }

    @Test
    void listAllKeepsABrokenDockerHostVisible() {
        env.put("DOCKER_HOST", "npipe:////./pipe/docker_engine");
        DiscoveredEngine defaults = resolver().listAll().get(0);
        assertFalse(defaults.isUsable());
        assertTrue(defaults.problem().contains("npipe is Windows-only"), defaults.problem());
    }

    @Test
    void listAllWithNothingOnDisk() {
        Path emptyHome = temp.resolve("empty-home");
        List<DiscoveredEngine> engines = new EndpointResolver(Map.of(), emptyHome).listAll();
        assertEquals(1, engines.size());
        assertTrue(engines.get(0).isCurrent());
    }
}
