package dev.berth.remote.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code berth monitor}: engine chosen like the docker CLI, one line per request, socket removed on stop. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MonitorCommandTest {

    private Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-moncmd-");
    }

    @AfterEach
    void tearDown() throws IOException {
        TestDirs.delete(dir);
    }

    private MonitorCommand command(Map<String, String> env) {
        return new MonitorCommand(env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneLinePerRequestForTheEngineDockerHostNames() throws IOException {
        Dockerd dockerd = Dockerd.shared();
        Path socket = dir.resolve("dockerapi.sock");
        MonitorCommand monitor = command(Map.of("DOCKER_HOST", "unix://" + dockerd.socket()));
        try (MonitoringProxy proxy = monitor.start(new String[] {"--listen", "unix://" + socket})) {
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("export DOCKER_HOST=unix://" + socket),
                    err.toString(StandardCharsets.UTF_8));
            ProcessResult ps = dockerd.dockerWith(Map.of("DOCKER_HOST", proxy.dockerHost()), null, "ps");
            assertEquals(0, ps.exitCode(), ps.toString());
            awaitPrinted("/containers/json");
        }
        assertFalse(Files.exists(socket), "stopping removes the socket");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ GET /v1\\.\\d+/containers/json\\S* 200 \\d+ms \\d+(\\.\\d)?[k]?B")),
                String.join("\n", lines));
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.matches("\\S+ HEAD /_ping 200 \\d+ms 0B")), String.join("\n", lines));
    }

    @Test
    void theEngineOptionTakesAnAddressAndAHijackIsPrintedAsSuch() throws IOException {
        Dockerd dockerd = Dockerd.shared();
        MonitorCommand monitor = command(Map.of());
        try (MonitoringProxy proxy = monitor.start(new String[] {"--listen", "tcp://127.0.0.1:0",
                "--engine", "unix://" + dockerd.socket()})) {
            ProcessResult run = dockerd.dockerWith(Map.of("DOCKER_HOST", proxy.dockerHost()), null,
                    "run", "--rm", Dockerd.BUSYBOX, "echo", "hi");
            assertEquals("hi\n", run.stdout(), run.toString());
            awaitPrinted("hijacked");
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.lines().anyMatch(l -> l.matches("\\S+ POST /v1\\.\\d+/containers/create\\S* 201 \\d+ms \\S+B")),
                printed);
        assertTrue(printed.lines().anyMatch(l -> l.matches("\\S+ POST /v1\\.\\d+/containers/\\w+/attach\\S* 101 hijacked \\d+\\.\\ds \\S+B")),
                printed);
    }

    /** The client may see the end of a response a moment before the line is printed. */
    private void awaitPrinted(String text) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!out.toString(StandardCharsets.UTF_8).contains(text) && java.time.Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        MonitorCommand monitor = command(Map.of());
        assertEquals(MonitorCommand.USAGE, monitor.runUntilStopped(new String[] {}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--listen is required"));
        assertEquals(MonitorCommand.USAGE, monitor.runUntilStopped(new String[] {"--listen", "tcp://0.0.0.0:2399"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("loopback"), err.toString(StandardCharsets.UTF_8));
        assertEquals(MonitorCommand.USAGE, monitor.runUntilStopped(new String[] {"--listen", "unix://" + dir.resolve("a.sock"),
                "--engine", "no-such-context"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-context"), err.toString(StandardCharsets.UTF_8));
        assertEquals(MonitorCommand.OK, monitor.runUntilStopped(new String[] {"--help"}));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: berth monitor"));
    }
}
