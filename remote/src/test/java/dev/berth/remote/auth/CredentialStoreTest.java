package dev.berth.remote.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.endpoint.DockerConfigDir;
import dev.berth.remote.endpoint.DockerConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialStoreTest {

    private static final String HUB = RegistryHosts.DOCKER_HUB;

    @TempDir
    Path temp;

    private Path configDir;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        configDir = Files.createDirectories(temp.resolve("docker"));
    }

    private void configJson(String json) throws IOException {
        Files.writeString(configDir.resolve("config.json"), json, StandardCharsets.UTF_8);
    }

    private CredentialStore store() {
        return new CredentialStore(new DockerConfigDir(configDir), env);
    }

    // --- auths in config.json ----------------------------------------------------------------------------------

    @Test
    void nothingStoredIsEmpty() {
        assertEquals(Optional.empty(), store().lookup("registry.example.com"));
        assertEquals(Optional.empty(), store().lookupForImage("busybox"));
    }

    @Test
    void authIsStandardBase64OfUserColonPassword() throws IOException {
        // "dXNlcjo/Pz8+Pj4=" has '/' and '+': it must go through the standard alphabet, not the URL-safe one.
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"dXNlcjo/Pz8+Pj4=\"}}}");
        assertEquals(Optional.of(AuthConfig.basic("user", "???>>>", "registry.example.com")),
                store().lookup("registry.example.com"));
    }

    @Test
    void passwordMayContainColons() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"cm9ib3QkY2k6cGE6c3M=\"}}}");
        AuthConfig auth = store().lookup("registry.example.com").orElseThrow();
        assertEquals("robot$ci", auth.username());
        assertEquals("pa:ss", auth.password());
    }

    @Test
    void hubImagesFindTheHubKey() throws IOException {
        configJson("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        AuthConfig auth = store().lookupForImage("library/busybox:latest").orElseThrow();
        assertEquals("hub", auth.username());
        assertEquals(HUB, auth.serverAddress());
        assertEquals(auth, store().lookupForImage("docker.io/library/busybox").orElseThrow());
    }

    @Test
    void hubCredentialsStoredUnderAnAliasAreFound() throws IOException {
        configJson("{\"auths\":{\"docker.io\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        assertEquals("hub", store().lookupForImage("busybox").orElseThrow().username());
    }

    @Test
    void entriesStoredWithSchemeOrVersionPathMatch() throws IOException {
        configJson("{\"auths\":{"
                + "\"https://registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"},"
                + "\"http://other.example.com:5000/v2/\":{\"auth\":\"cm9ib3QkY2k6cGE6c3M=\"},"
                + "\"legacy.example.com/v1/\":{\"auth\":\"dXNlcjo/Pz8+Pj4=\"}}}");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
        AuthConfig other = store().lookupForImage("other.example.com:5000/team/app:1").orElseThrow();
        assertEquals("robot$ci", other.username());
        assertEquals("other.example.com:5000", other.serverAddress());
        assertEquals("user", store().lookup("https://legacy.example.com/v1/").orElseThrow().username());
    }

    @Test
    void exactKeyWinsOverALooserMatch() throws IOException {
        configJson("{\"auths\":{"
                + "\"https://registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"},"
                + "\"registry.example.com\":{\"auth\":\"dXNlcjo/Pz8+Pj4=\"}}}");
        assertEquals("user", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void identityTokenIsKept() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"identitytoken\":\"refresh\",\"email\":\"me@x\"}}}");
        assertEquals(Optional.of(new AuthConfig(null, null, "registry.example.com", "refresh", "me@x")),
                store().lookup("registry.example.com"));
    }

    @Test
    void separateUsernameAndPasswordAreUsedWithoutAuth() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"username\":\"u\",\"password\":\"p\"}}}");
        assertEquals(Optional.of(AuthConfig.basic("u", "p", "registry.example.com")),
                store().lookup("registry.example.com"));
    }

    @Test
    void emptyPlaceholderEntryIsNothing() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{}}}");
        assertEquals(Optional.empty(), store().lookup("registry.example.com"));
    }

    @Test
    void corruptAuthIsAClearErrorWithoutTheSecret() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"bm9jb2xvbg==\"}}}"); // "nocolon"
        CredentialLookupException e = assertThrows(CredentialLookupException.class,
                () -> store().lookup("registry.example.com"));
        assertEquals(CredentialLookupException.Kind.BAD_AUTH_ENTRY, e.kind());
        assertTrue(e.getMessage().contains("registry.example.com"), e.getMessage());
        assertTrue(e.getMessage().contains(configDir.resolve("config.json").toString()), e.getMessage());
        assertFalse(e.getMessage().contains("nocolon"), e.getMessage());

        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"%%%\"}}}");
        assertEquals(CredentialLookupException.Kind.BAD_AUTH_ENTRY,
                assertThrows(CredentialLookupException.class, () -> store().lookup("registry.example.com")).kind());
    }

    @Test
    void malformedConfigJsonIsReported() throws IOException {
        configJson("{\"auths\":");
        assertThrows(DockerConfigException.class, () -> store().lookup("registry.example.com"));
    }

    // --- DOCKER_AUTH_CONFIG ------------------------------------------------------------------------------------

    @Test
    void dockerAuthConfigWinsOverTheFile() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        env.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"registry.example.com\":{\"auth\":\"dXNlcjo/Pz8+Pj4=\"}}}");
        assertEquals("user", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void dockerAuthConfigWinsOverCredentialHelpers() throws IOException {
        configJson("{\"credsStore\":\"not-installed\"}");
        env.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"https://registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void dockerAuthConfigFallsBackToTheFileForOtherRegistries() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        env.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"elsewhere.example.com\":{\"auth\":\"dXNlcjo/Pz8+Pj4=\"}}}");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void unusableDockerAuthConfigIsIgnoredLikeTheCliDoes() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}}}");
        env.put("DOCKER_AUTH_CONFIG", "{not json");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
        env.put("DOCKER_AUTH_CONFIG", "{\"auths\":{\"registry.example.com\":{\"auth\":\"%%%\"}}}");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
    }
}
