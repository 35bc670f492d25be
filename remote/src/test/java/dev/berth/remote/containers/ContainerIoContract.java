package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.testing.Dockerd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Logs, attach and TTY resize against a real dockerd. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ContainerIoContract {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    protected abstract EngineClient client();

    private Scratch scratch;
    private ContainersApi containers;

    @BeforeEach
    void setUp() {
        scratch = new Scratch(client());
        containers = client().containers();
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    private String runToEnd(ContainerCreateRequest.Builder builder) {
        String id = scratch.create(builder);
        try (PendingWait wait = containers.beginWait(id, WaitCondition.NEXT_EXIT)) {
            containers.start(id);
            assertEquals(0, wait.await().exitCode());
        }
        return id;
    }

    private ContainerOutput.Collected logs(String id, LogsOptions options) throws IOException {
        try (ContainerOutput out = containers.logs(id, options)) {
            return out.collect();
        }
    }

    @Test
    void logsSeparateStdoutFromStderr() throws IOException {
        String id = runToEnd(scratch.busybox("sh", "-c",
                "echo out1; echo err1 >&2; echo out2; echo err2 >&2; printf 'no newline'"));
        ContainerOutput.Collected both = logs(id, LogsOptions.both());
        assertEquals("out1\nout2\nno newline", both.stdout());
        assertEquals("err1\nerr2\n", both.stderr());
        assertEquals("out1\nout2\nno newline", logs(id, LogsOptions.stdoutOnly()).stdout());
        assertEquals("", logs(id, LogsOptions.stdoutOnly()).stderr());
        assertEquals("err1\nerr2\n", logs(id, LogsOptions.stderrOnly()).stderr());
        assertEquals("", logs(id, LogsOptions.stderrOnly()).stdout());
        // the same answer when the caller already knows there is no TTY (no inspect on old engines)
        assertEquals("err1\nerr2\n", logs(id, LogsOptions.both().knownTty(false)).stderr());
        // cross-check with the real CLI
        var cli = Dockerd.shared().docker("logs", id);
        assertEquals(both.stdout(), cli.stdout());
        assertEquals(both.stderr(), cli.stderr());
    }

    @Test
    void logsTailAndTimestamps() throws IOException {
        String id = runToEnd(scratch.busybox("sh", "-c", "for i in 1 2 3 4 5; do echo line$i; done"));
        assertEquals("line4\nline5\n", logs(id, LogsOptions.stdoutOnly().tail(2)).stdout());
        assertEquals("", logs(id, LogsOptions.stdoutOnly().tail(0)).stdout());
        List<String> stamped = logs(id, LogsOptions.both().withTimestamps()).stdout().lines().toList();
        assertEquals(5, stamped.size());
        for (int i = 0; i < 5; i++) {
            String line = stamped.get(i);
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z line" + (i + 1)), line);
        }
    }

    @Test
    void logsSinceAndUntil() throws IOException {
        String id = runToEnd(scratch.busybox("sh", "-c", "echo early; sleep 2; echo late"));
        List<String> stamped = logs(id, LogsOptions.stdoutOnly().withTimestamps()).stdout().lines().toList();
        Instant early = Instant.parse(stamped.get(0).substring(0, stamped.get(0).indexOf(' ')));
        Instant late = Instant.parse(stamped.get(1).substring(0, stamped.get(1).indexOf(' ')));
        assertTrue(Duration.between(early, late).toMillis() >= 1500, stamped.toString());
        Instant between = early.plusMillis(1000);
        assertEquals("late\n", logs(id, LogsOptions.stdoutOnly().since(between)).stdout());
        assertEquals("early\n", logs(id, LogsOptions.stdoutOnly().until(between)).stdout());
    }

    @Test
    void followDeliversNewOutputAndEndsWithTheContainer() throws IOException {
        String id = scratch.run(scratch.busybox("sh", "-c",
                "echo ready; while [ ! -f /tmp/go ]; do sleep 1; done; echo after-go; echo bye >&2"));
        try (ContainerOutput out = containers.logs(id, LogsOptions.both().following())) {
            OutputCollector collector = new OutputCollector(out);
            collector.awaitStdout("ready\n", PATIENCE);
            assertFalse(collector.stdout().contains("after-go"));
            Dockerd.shared().docker("exec", id, "touch", "/tmp/go").requireSuccess("touch /tmp/go");
            collector.awaitStdout("after-go\n", PATIENCE);
            collector.awaitEnd(PATIENCE);
            assertNull(collector.failure());
            assertEquals("ready\nafter-go\n", collector.stdout());
            assertEquals("bye\n", collector.stderr());
        }
        assertEquals("exited", containers.inspect(id).state().status());
    }

    @Test
    void closingAFollowStreamCancelsIt() throws Exception {
        String id = scratch.sleeper();
        ContainerOutput out = containers.logs(id, LogsOptions.both().following());
        OutputCollector collector = new OutputCollector(out);
        Thread.sleep(300);
        assertFalse(collector.ended(), "an idle container's log stream stays open");
        out.close();
        collector.awaitEnd(Duration.ofSeconds(5));
        assertEquals(Boolean.TRUE, containers.inspect(id).state().running(), "closing the logs does not stop it");
    }

    @Test
    void ttyLogsAreRaw() throws IOException {
        String id = runToEnd(scratch.busybox("sh", "-c", "echo hello; echo oops >&2").tty(true));
        ContainerOutput.Collected raw = logs(id, LogsOptions.both());
        assertEquals("hello\r\noops\r\n", raw.stdout(), "a TTY merges the streams and translates newlines");
        assertEquals("", raw.stderr());
        assertEquals("hello\r\noops\r\n", logs(id, LogsOptions.both().knownTty(true)).stdout());
    }

    @Test
    void attachWithoutTtyRoundTripsStdinAndEndsOnHalfClose() throws IOException {
        String id = scratch.create(scratch.busybox("cat").interactive().attach(true, true, true));
        try (HijackedConnection conn = containers.attach(id, AttachOptions.interactive())) {
            assertTrue(conn.multiplexed());
            OutputCollector collector = new OutputCollector(conn.output());
            try (PendingWait wait = containers.beginWait(id, WaitCondition.NEXT_EXIT)) {
                containers.start(id);
                conn.stdin().write("hello through attach\n".getBytes(StandardCharsets.UTF_8));
                collector.awaitStdout("hello through attach\n", PATIENCE);
                conn.stdin().write("second line\n".getBytes(StandardCharsets.UTF_8));
                conn.closeStdin();
                collector.awaitEnd(PATIENCE);
                assertEquals("hello through attach\nsecond line\n", collector.stdout());
                assertEquals(0, wait.await().exitCode(), "cat saw end of input");
            }
        }
    }

    @Test
    void attachWithoutTtyDemultiplexesStdoutAndStderr() throws IOException {
        String id = scratch.create(scratch.busybox("sh", "-c", "read line; echo \"out:$line\"; echo \"err:$line\" >&2")
                .interactive());
        try (HijackedConnection conn = containers.attach(id, AttachOptions.interactive(), false)) {
            OutputCollector collector = new OutputCollector(conn.output());
            containers.start(id);
            conn.stdin().write("x\n".getBytes(StandardCharsets.UTF_8));
            collector.awaitEnd(PATIENCE);
            assertEquals("out:x\n", collector.stdout());
            assertEquals("err:x\n", collector.stderr());
        }
    }

    @Test
    void attachWithTtyIsRawAndFollowsResize() throws IOException {
        String id = scratch.create(scratch.busybox("sh").tty(true).interactive());
        try (HijackedConnection conn = containers.attach(id, AttachOptions.interactive())) {
            assertFalse(conn.multiplexed());
            OutputCollector collector = new OutputCollector(conn.output());
            try (PendingWait wait = containers.beginWait(id, WaitCondition.NEXT_EXIT)) {
                containers.start(id);
                containers.resize(id, 33, 101);
                conn.stdin().write("echo calc-$((6*7)); echo to-stderr >&2\n".getBytes(StandardCharsets.UTF_8));
                collector.awaitStdout("calc-42\r\n", PATIENCE);
                collector.awaitStdout("to-stderr\r\n", PATIENCE);
                conn.stdin().write("stty size\n".getBytes(StandardCharsets.UTF_8));
                collector.awaitStdout("33 101\r\n", PATIENCE);
                conn.stdin().write("exit 5\n".getBytes(StandardCharsets.UTF_8));
                collector.awaitEnd(PATIENCE);
                assertTrue(collector.onlyStdoutChunks(), "a TTY has one stream");
                assertEquals("", collector.stderr());
                assertEquals(5, wait.await().exitCode());
            }
        }
    }

    @Test
    void attachWithLogsReplaysEarlierOutput() throws IOException {
        String id = scratch.run(scratch.busybox("sh", "-c",
                "echo before-attach; while [ ! -f /tmp/go ]; do sleep 1; done; echo after-attach"));
        awaitLogs(id, "before-attach");
        try (HijackedConnection conn = containers.attach(id, AttachOptions.outputOnly().withLogs(true))) {
            OutputCollector collector = new OutputCollector(conn.output());
            collector.awaitStdout("before-attach\n", PATIENCE);
            Dockerd.shared().docker("exec", id, "touch", "/tmp/go").requireSuccess("touch /tmp/go");
            collector.awaitEnd(PATIENCE);
            assertEquals("before-attach\nafter-attach\n", collector.stdout());
        }
    }

    private void awaitLogs(String id, String text) throws IOException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!logs(id, LogsOptions.both()).stdout().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(text + " never logged");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
