package dev.berth.remote.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.remote.endpoint.DockerConfigDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credential helper protocol, against a real {@code docker-credential-berthtest} shell script on the PATH. */
class CredentialHelperProtocolTest {

    private static final String HUB = RegistryHosts.DOCKER_HUB;

    @TempDir
    Path temp;

    private Path configDir;
    private final Map<String, String> env = new HashMap<>();
    private Path stdinLog;

    @BeforeEach
    void installHelper() throws IOException {
        configDir = Files.createDirectories(temp.resolve("docker"));
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path bin = Files.createDirectories(temp.resolve("bin"));
        stdinLog = temp.resolve("helper-stdin");
        Path helper = bin.resolve("docker-credential-berthtest");
        Files.writeString(helper, String.join("\n",
                "#!/bin/sh",
                "[ \"$1\" = get ] || { echo \"unexpected action $1\"; exit 2; }",
                "cat > \"$BERTH_STDIN_LOG\"",
                "url=$(cat \"$BERTH_STDIN_LOG\")",
                "case \"$url\" in",
                "  registry.example.com) printf '{\"ServerURL\":\"%s\",\"Username\":\"helper-user\","
                        + "\"Secret\":\"helper-pass\"}' \"$url\" ;;",
                "  token.example.com) printf '{\"ServerURL\":\"%s\",\"Username\":\"<token>\","
                        + "\"Secret\":\"refresh-token\"}' \"$url\" ;;",
                "  https://index.docker.io/v1/) printf '{\"serverurl\":\"%s\",\"username\":\"hub-user\","
                        + "\"secret\":\"hub-pass\"}' \"$url\" ;;",
                "  empty.example.com) printf '{\"ServerURL\":\"\",\"Username\":\"\",\"Secret\":\"\"}' ;;",
                "  broken.example.com) echo 'error talking to the keychain: it is locked'; exit 1 ;;",
                "  garbage.example.com) echo 'super-secret-value not json' ;;",
                "  slow.example.com) sleep 30 ;;",
                "  *) echo 'credentials not found in native keychain'; exit 1 ;;",
                "esac",
                ""));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("BERTH_STDIN_LOG", stdinLog.toString());
    }

    @Test
    void credsStoreHelperAnswers() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{}},\"credsStore\":\"berthtest\"}");
        assertEquals(Optional.of(AuthConfig.basic("helper-user", "helper-pass", "registry.example.com")),
                store().lookup("registry.example.com"));
        assertEquals("registry.example.com", Files.readString(stdinLog), "server URL on stdin, no newline");
    }

    @Test
    void tokenUserMeansIdentityToken() throws IOException {
        configJson("{\"credsStore\":\"berthtest\"}");
        AuthConfig auth = store().lookup("token.example.com").orElseThrow();
        assertNull(auth.username());
        assertNull(auth.password());
        assertEquals("refresh-token", auth.identityToken());
        assertEquals("token.example.com", auth.serverAddress());
    }

    @Test
    void hubIsAskedForWithTheHubKey() throws IOException {
        configJson("{\"credsStore\":\"berthtest\"}");
        AuthConfig auth = store().lookupForImage("busybox").orElseThrow();
        assertEquals("hub-user", auth.username());
        assertEquals(HUB, Files.readString(stdinLog));
    }

    @Test
    void notFoundInTheHelperIsEmptyAndDoesNotFallBackToAuths() throws IOException {
        configJson("{\"auths\":{\"unknown.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}},"
                + "\"credsStore\":\"berthtest\"}");
        assertEquals(Optional.empty(), store().lookup("unknown.example.com"));
        assertEquals(Optional.empty(), store().lookup("empty.example.com"));
    }

    @Test
    void credHelpersWinOverCredsStore() throws IOException {
        configJson("{\"credsStore\":\"not-installed\",\"credHelpers\":{\"registry.example.com\":\"berthtest\"}}");
        assertEquals("helper-user", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void credHelpersMatchKeysWithScheme() throws IOException {
        configJson("{\"credHelpers\":{\"https://registry.example.com\":\"berthtest\"}}");
        assertEquals("helper-user", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void credHelpersForOtherRegistriesDoNotApply() throws IOException {
        configJson("{\"auths\":{\"registry.example.com\":{\"auth\":\"aHViOmh1YnBhc3M=\"}},"
                + "\"credHelpers\":{\"gcr.io\":\"berthtest\"}}");
        assertEquals("hub", store().lookup("registry.example.com").orElseThrow().username());
    }

    @Test
    void failingHelperIsASpecificError() throws IOException {
        configJson("{\"credsStore\":\"berthtest\"}");
        CredentialLookupException e = assertThrows(CredentialLookupException.class,
                () -> store().lookup("broken.example.com"));
        assertEquals(CredentialLookupException.Kind.HELPER_FAILED, e.kind());
        assertEquals("berthtest", e.helperName());
        assertEquals("broken.example.com", e.registry());
        assertTrue(e.getMessage().contains("docker-credential-berthtest"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("it is locked"), e.getMessage());
    }

    @Test
    void nonJsonAnswerIsReportedWithoutQuotingIt() throws IOException {
        configJson("{\"credsStore\":\"berthtest\"}");
        CredentialLookupException e = assertThrows(CredentialLookupException.class,
                () -> store().lookup("garbage.example.com"));
        assertEquals(CredentialLookupException.Kind.HELPER_BAD_OUTPUT, e.kind());
        assertFalse(e.getMessage().contains("super-secret-value"), e.getMessage());
    }

    @Test
    void missingHelperNamesItAndWhereItWasConfigured() throws IOException {
        configJson("{\"credsStore\":\"not-installed\"}");
        CredentialLookupException e = assertThrows(CredentialLookupException.class,
                () -> store().lookup("registry.example.com"));
        assertEquals(CredentialLookupException.Kind.HELPER_NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("docker-credential-not-installed"), e.getMessage());
        assertTrue(e.getMessage().contains("credsStore in " + configDir.resolve("config.json")), e.getMessage());
    }

    @Test
    void helperNamesCannotEscapeThePath() throws IOException {
        configJson("{\"credsStore\":\"../../bin/sh\"}");
        assertEquals(CredentialLookupException.Kind.HELPER_NOT_FOUND,
                assertThrows(CredentialLookupException.class, () -> store().lookup("registry.example.com")).kind());
    }

    @Test
    void slowHelperIsKilledAfterTheTimeout() throws IOException {
        configJson("{\"credsStore\":\"berthtest\"}");
        CredentialStore store = new CredentialStore(new DockerConfigDir(configDir), env, Duration.ofSeconds(1));
        long start = System.nanoTime();
        CredentialLookupException e = assertThrows(CredentialLookupException.class,
                () -> store.lookup("slow.example.com"));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertEquals(CredentialLookupException.Kind.HELPER_TIMED_OUT, e.kind());
        assertTrue(seconds < 8, "took " + seconds + " s");
        assertTrue(e.getMessage().contains("did not answer within 1 s"), e.getMessage());
    }

    @Test
    void defaultTimeoutIsTenSeconds() {
        assertEquals(Duration.ofSeconds(10), CredentialStore.DEFAULT_HELPER_TIMEOUT);
    }

    private void configJson(String json) throws IOException {
        Files.writeString(configDir.resolve("config.json"), json, StandardCharsets.UTF_8);
    }

    private CredentialStore store() {
        return new CredentialStore(new DockerConfigDir(configDir), env);
    }
}
