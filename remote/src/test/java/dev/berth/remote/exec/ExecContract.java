package dev.berth.remote.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Query;
import dev.berth.remote.containers.JsonFidelity;
import dev.berth.remote.containers.OutputCollector;
import dev.berth.remote.containers.Scratch;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.transport.TransportOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exec create, start (attached both ways, detached), resize and inspect against a real dockerd. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ExecContract {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    protected abstract EngineClient client();

    private Scratch scratch;
    private ExecApi exec;
    private String container;

    @BeforeEach
    void setUp() {
        scratch = new Scratch(client());
        exec = client().exec();
        container = scratch.sleeper();
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void runCollectsStdoutStderrAndExitCode() {
        ExecResult result = exec.run(container, "sh", "-c", "echo to-out; echo to-err >&2; echo more-out; exit 3");
        assertEquals(3, result.exitCode());
        assertEquals("to-out\nmore-out\n", result.stdout());
        assertEquals("to-err\n", result.stderr());
        assertEquals(new ExecResult(0, "", ""), exec.run(container, "true"));
    }

    @Test
    void inspectReportsTheExitCodeAndProcess() {
        String id = exec.create(container, ExecCreateRequest.builder("sh", "-c", "exit 3").build());
        ExecInspect before = exec.inspect(id);
        assertEquals(id, before.id());
        assertFalse(before.running());
        assertEquals(container, before.containerId());
        assertEquals("sh", before.processConfig().entrypoint());
        assertEquals(List.of("-c", "exit 3"), before.processConfig().arguments());
        assertEquals(Boolean.FALSE, before.processConfig().tty());
        assertEquals(Boolean.TRUE, before.openStdout());
        assertEquals(Boolean.FALSE, before.openStdin());
        JsonFidelity.assertFaithful(client().http().getTree("/exec/" + id + "/json", Query.of()), ExecInspect.class);
        try (HijackedConnection conn = exec.start(id)) {
            assertTrue(conn.multiplexed(), "the TTY setting was looked up: none, so multiplexed");
            new OutputCollector(conn.output()).awaitEnd(PATIENCE);
        }
        ExecInspect after = exec.awaitExit(id, PATIENCE);
        assertEquals(3, after.exitCode());
        assertFalse(after.running());
    }

    @Test
    void nonTtyStdinRoundTripEndsOnHalfClose() throws IOException {
        String id = exec.create(container, ExecCreateRequest.builder("cat").stdin(true).build());
        try (HijackedConnection conn = exec.start(id, false)) {
            assertTrue(conn.multiplexed());
            OutputCollector out = new OutputCollector(conn.output());
            conn.stdin().write("ping over exec\n".getBytes(StandardCharsets.UTF_8));
            out.awaitStdout("ping over exec\n", PATIENCE);
            assertTrue(exec.inspect(id).running(), "cat waits for more input");
            conn.closeStdin();
            out.awaitEnd(PATIENCE);
            assertEquals("ping over exec\n", out.stdout());
        }
        assertEquals(0, exec.awaitExit(id, PATIENCE).exitCode());
    }

    @Test
    void nonTtyOutputIsDemultiplexed() throws IOException {
        String id = exec.create(container, ExecCreateRequest.builder("sh", "-c",
                "read x; echo \"out:$x\"; echo \"err:$x\" >&2").stdin(true).build());
        try (HijackedConnection conn = exec.start(id, false)) {
            OutputCollector out = new OutputCollector(conn.output());
            conn.stdin().write("v\n".getBytes(StandardCharsets.UTF_8));
            out.awaitEnd(PATIENCE);
            assertEquals("out:v\n", out.stdout());
            assertEquals("err:v\n", out.stderr());
        }
    }

    @Test
    void ttyShellEchoesResizesAndExits() throws IOException {
        String id = exec.create(container, ExecCreateRequest.builder("sh").interactiveTty().build());
        try (HijackedConnection conn = exec.start(id, true)) {
            assertFalse(conn.multiplexed());
            OutputCollector out = new OutputCollector(conn.output());
            exec.resize(id, 40, 120);
            conn.stdin().write("echo tty-$((6*7)); echo err-side >&2\n".getBytes(StandardCharsets.UTF_8));
            out.awaitStdout("tty-42\r\n", PATIENCE);
            out.awaitStdout("err-side\r\n", PATIENCE);
            conn.stdin().write("stty size\n".getBytes(StandardCharsets.UTF_8));
            out.awaitStdout("40 120\r\n", PATIENCE);
            exec.resize(id, 25, 81);
            conn.stdin().write("stty size\n".getBytes(StandardCharsets.UTF_8));
            out.awaitStdout("25 81\r\n", PATIENCE);
            conn.stdin().write("exit 4\n".getBytes(StandardCharsets.UTF_8));
            out.awaitEnd(PATIENCE);
            assertTrue(out.onlyStdoutChunks(), "a TTY has one stream");
        }
        assertEquals(4, exec.awaitExit(id, PATIENCE).exitCode());
    }

    @Test
    void consoleSizeIsSentOnlyToEnginesThatHonourIt() throws IOException {
        List<String> execBodies = new CopyOnWriteArrayList<>();
        Interceptor recorder = chain -> {
            Request request = chain.request();
            if (request.url().encodedPath().endsWith("/exec") && request.body() != null) {
                Buffer body = new Buffer();
                request.body().writeTo(body);
                execBodies.add(body.readUtf8());
            }
            return chain.proceed(request);
        };
        try (EngineClient recording = EngineClient.connect(client().endpoint(),
                TransportOptions.DEFAULT.withInterceptor(recorder))) {
            String id = recording.exec().create(container, ExecCreateRequest.builder("stty", "size").interactiveTty()
                    .consoleSize(33, 99).build());
            try (HijackedConnection conn = recording.exec().start(id, true)) {
                OutputCollector out = new OutputCollector(conn.output());
                out.awaitEnd(PATIENCE);
                if (recording.apiVersion().atLeast("1.42")) {
                    assertEquals("33 99\r\n", out.stdout());
                    assertTrue(execBodies.get(0).contains("\"ConsoleSize\":[33,99]"), execBodies.toString());
                } else {
                    assertFalse(out.stdout().contains("33 99"), out.stdout());
                    assertFalse(execBodies.get(0).contains("ConsoleSize"), "left out for API 1.41: " + execBodies);
                }
            }
        }
    }

    @Test
    void envUserAndWorkingDirAreHonoured() {
        ExecResult result = exec.run(container, ExecCreateRequest.builder("sh", "-c", "echo \"$FOO|$BAR\"; id -u; pwd")
                .env("FOO", "foo value").env("BAR", "").user("nobody").workingDir("/etc").build());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals("foo value|\n65534\n/etc\n", result.stdout());
        assertEquals("0\n", exec.run(container, "id", "-u").stdout(), "the container's user otherwise");
    }

    @Test
    void startDetachedRunsInTheBackground() {
        String id = exec.create(container, ExecCreateRequest.builder("sh", "-c", "echo detached > /tmp/detached")
                .stdout(false).stderr(false).build());
        exec.startDetached(id);
        assertEquals(0, exec.awaitExit(id, PATIENCE).exitCode());
        assertEquals("detached\n", Dockerd.shared().docker("exec", container, "cat", "/tmp/detached").stdout());
    }

    @Test
    void missingCommandFailsWithTheEnginesWords() {
        ExecResult result = exec.run(container, "no-such-command-here");
        assertNotEquals(0, result.exitCode());
        assertTrue((result.stdout() + result.stderr()).contains("no-such-command-here"), result.toString());
    }

    @Test
    void errorsAreTyped() {
        String stopped = scratch.create(scratch.busybox("true"));
        EngineApiException.Conflict notRunning = assertThrows(EngineApiException.Conflict.class,
                () -> exec.create(stopped, ExecCreateRequest.builder("true").build()));
        assertTrue(notRunning.engineMessage().contains("not running"), notRunning.engineMessage());
        assertThrows(EngineApiException.NotFound.class,
                () -> exec.create("berth-it-no-such-container", ExecCreateRequest.builder("true").build()));
        assertThrows(EngineApiException.NotFound.class, () -> exec.inspect("0123456789abcdef"));
        assertThrows(EngineApiException.NotFound.class, () -> exec.start("0123456789abcdef", false));
        assertThrows(IllegalArgumentException.class, () -> exec.inspect("../../containers/json"));
        assertThrows(IllegalArgumentException.class,
                () -> exec.run(container, ExecCreateRequest.builder("sh").interactiveTty().build()));
    }
}
