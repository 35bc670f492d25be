package dev.berth.remote.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What we write, the real docker CLI reads, and the other way round. Skipped where no docker CLI is installed. */
class DockerCliInteropTest {

    @TempDir
    Path temp;

    private Path configDir;
    private DockerContexts contexts;
    private TestCertificates certs;

    @BeforeEach
    void setUp() {
        assumeTrue(cliAvailable(), "the docker CLI is not installed");
        configDir = temp.resolve("docker-config");
        contexts = new DockerContexts(new DockerConfigDir(configDir));
        certs = TestCertificates.selfSigned("berth-interop");
    }

    @Test
    void cliListsAndInspectsContextsWeWrote() throws Exception {
        contexts.create(new ContextDefinition("berth-tls", "Written by Berth", "tcp://127.0.0.1:1", false,
                new ContextTlsMaterial(certs.certPem, certs.certPem, certs.keyPem)));
        contexts.create(new ContextDefinition("berth-plain", null, "tcp://[::1]:2375/base", false, null));
        contexts.create(new ContextDefinition("berth-sock", null, "/run/user/1000/docker.sock", false, null));

        Result list = docker("context", "ls", "--format", "{{.Name}} {{.DockerEndpoint}}");
        assertEquals(0, list.exit, list.stderr);
        // The CLI sorts "default" in among the others by name.
        assertEquals(List.of("berth-plain tcp://[::1]:2375/base", "berth-sock unix:///run/user/1000/docker.sock",
                "berth-tls tcp://127.0.0.1:1", "default unix:///var/run/docker.sock"), list.lines());

        Result inspect = docker("context", "inspect", "berth-tls");
        assertEquals(0, inspect.exit, inspect.stderr);
        JsonNode context = new ObjectMapper().readTree(inspect.stdout).get(0);
        assertEquals("berth-tls", context.get("Name").asText());
        assertEquals("Written by Berth", context.at("/Metadata/Description").asText());
        assertEquals("tcp://127.0.0.1:1", context.at("/Endpoints/docker/Host").asText());
        assertFalse(context.at("/Endpoints/docker/SkipTLSVerify").asBoolean());
        List<String> tlsFiles = new ArrayList<>();
        context.at("/TLSMaterial/docker").forEach(f -> tlsFiles.add(f.asText()));
        assertEquals(List.of("ca.pem", "cert.pem", "key.pem"), tlsFiles);
        assertEquals(configDir.resolve("contexts/tls").resolve(DockerContexts.contextDirName("berth-tls")).toString(),
                context.at("/Storage/TLSPath").asText());
    }

    @Test
    void cliLoadsTheTlsMaterialWeWrote() throws Exception {
        contexts.create(new ContextDefinition("berth-tls", null, "tcp://127.0.0.1:1", false,
                new ContextTlsMaterial(certs.certPem, certs.certPem, certs.keyPem)));

        // Nothing listens on port 1: the CLI gets as far as dialing, which it only does after loading ca/cert/key.
        Result version = docker("--context", "berth-tls", "version", "--format", "{{.Server.Version}}");
        assertTrue(version.exit != 0);
        assertFalse(version.stderr.contains("Failed to initialize"), version.stderr);
        assertFalse(version.stderr.contains("tls info"), version.stderr);
        assertTrue(version.stderr.contains("127.0.0.1:1"), version.stderr);
    }

    @Test
    void weReadContextsTheCliCreatedAndFollowContextUse() throws Exception {
        Files.createDirectories(temp.resolve("pem"));
        Path ca = Files.writeString(temp.resolve("pem/ca.pem"), certs.certPem);
        Path cert = Files.writeString(temp.resolve("pem/cert.pem"), certs.certPem);
        Path key = Files.writeString(temp.resolve("pem/key.pem"), certs.keyPem);
        Result create = docker("context", "create", "cli-made", "--description", "made by the CLI", "--docker",
                "host=tcp://10.9.8.7:2376,ca=" + ca + ",cert=" + cert + ",key=" + key);
        assertEquals(0, create.exit, create.stderr);
        Result use = docker("context", "use", "cli-made");
        assertEquals(0, use.exit, use.stderr);

        DockerContext context = contexts.find("cli-made").orElseThrow();
        assertEquals("made by the CLI", context.description());
        assertEquals(contexts.tlsDir("cli-made"), context.tlsDir());

        EndpointResolver resolver = new EndpointResolver(Map.of("DOCKER_CONFIG", configDir.toString()),
                temp.resolve("unused-home"));
        EngineEndpoint endpoint = resolver.resolve();
        assertEquals(URI.create("tcp://10.9.8.7:2376"), endpoint.uri());
        assertEquals("config.json currentContext \"cli-made\"", endpoint.source());
        assertEquals(certs.keyPem, Files.readString(endpoint.tls().clientKey()));
        assertTrue(endpoint.tls().verifyServer());
        assertEquals(List.of("default", "cli-made"),
                resolver.listAll().stream().map(DiscoveredEngine::name).toList());
        assertTrue(resolver.listAll().get(1).isCurrent());
    }

    @Test
    void cliSeesRemovalAndReplacement() throws Exception {
        contexts.create(new ContextDefinition("berth-x", null, "tcp://127.0.0.1:1", false,
                new ContextTlsMaterial(certs.certPem, certs.certPem, certs.keyPem)));
        contexts.save(new ContextDefinition("berth-x", null, "tcp://127.0.0.1:2", true, null));
        Result inspect = docker("context", "inspect", "berth-x");
        JsonNode context = new ObjectMapper().readTree(inspect.stdout).get(0);
        assertEquals("tcp://127.0.0.1:2", context.at("/Endpoints/docker/Host").asText());
        assertTrue(context.at("/Endpoints/docker/SkipTLSVerify").asBoolean());
        assertTrue(context.at("/TLSMaterial").isEmpty(), context.toString());

        contexts.remove("berth-x");
        assertEquals(List.of("default"), docker("context", "ls", "--format", "{{.Name}}").lines());
    }

    @ParameterizedTest(name = "DOCKER_HOST={0} DOCKER_TLS_VERIFY={1} DOCKER_TLS={2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-                      | -  | -",
            "tcp://                 | -  | -",
            "tcp://h                | -  | -",
            "127.0.0.1:2376         | -  | -",
            "tcp://[::1]:2376       | -  | -",
            "unix://                | -  | -",
            "unix:///run/d.sock     | -  | -",
            "tcp://h:2376/base      | -  | -",
            "-                      | 0  | -",
            "-                      | -  | 1",
            "tcp://h                | 1  | -",
            "tcp://h:2376           | -  | 1",
    })
    void defaultContextMatchesTheCli(String dockerHost, String tlsVerify, String tls) throws Exception {
        Files.createDirectories(configDir);
        Files.writeString(configDir.resolve("ca.pem"), certs.certPem); // the CLI insists on it once TLS is on
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_CONFIG", configDir.toString());
        putIfNotNull(env, "DOCKER_HOST", dockerHost);
        putIfNotNull(env, "DOCKER_TLS_VERIFY", tlsVerify);
        putIfNotNull(env, "DOCKER_TLS", tls);

        Result cli = docker(env, "context", "inspect", "default", "--format",
                "{{.Endpoints.docker.Host}} {{.Endpoints.docker.SkipTLSVerify}}");
        assertEquals(0, cli.exit, cli.stderr);

        EngineEndpoint ours = new EndpointResolver(env, temp.resolve("unused-home")).resolve();
        boolean skipVerify = ours.isTls() && !ours.tls().verifyServer();
        assertEquals(cli.stdout.strip(), ours.uri() + " " + skipVerify);
        assertEquals((tlsVerify != null || tls != null) && !ours.isUnix(), ours.isTls());
    }

    @ParameterizedTest(name = "DOCKER_HOST={0} DOCKER_CONTEXT={1} currentContext={2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-            | -        | -",
            "-            | -        | from-cfg",
            "-            | from-env | from-cfg",
            "tcp://h:2375 | from-env | from-cfg",
            "tcp://h:2375 | -        | from-cfg",
            "-            | default  | from-cfg",
    })
    void currentContextMatchesDockerContextShow(String dockerHost, String dockerContext, String currentContext)
            throws Exception {
        contexts.create(new ContextDefinition("from-env", null, "tcp://env:2375", false, null));
        contexts.create(new ContextDefinition("from-cfg", null, "tcp://cfg:2375", false, null));
        if (currentContext != null) {
            Files.writeString(configDir.resolve("config.json"), "{\"currentContext\":\"" + currentContext + "\"}");
        }
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_CONFIG", configDir.toString());
        putIfNotNull(env, "DOCKER_HOST", dockerHost);
        putIfNotNull(env, "DOCKER_CONTEXT", dockerContext);

        Result cli = docker(env, "context", "show");
        assertEquals(0, cli.exit, cli.stderr);
        assertEquals(cli.stdout.strip(), new EndpointResolver(env, temp.resolve("unused-home")).currentContextName());
    }

    private static void putIfNotNull(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        List<String> lines() {
            return stdout.lines().toList();
        }
    }

    private Result docker(String... args) throws IOException, InterruptedException {
        return docker(Map.of("DOCKER_CONFIG", configDir.toString()), args);
    }

    private Result docker(Map<String, String> dockerEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("DOCKER_"));
        env.putAll(dockerEnv);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("docker " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean cliAvailable() {
        try {
            Process process = new ProcessBuilder("docker", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
