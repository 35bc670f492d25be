package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.ContainerLog;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.Signals;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.containers.RestartPolicy;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.system.EventMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container service itself: recovery, restart policies, TTY sessions, volumes, events, inspect's shape. */
class ContainerServiceTest {

    static ContainerFixture f;
    static final String IMAGE = ContainerFixture.BUSYBOX;

    @BeforeAll
    static void setUp() throws Exception {
        f = new ContainerFixture();
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    private static String run(ContainerCreateRequest.Builder request, String name) {
        String id = f.containers.create(name, request.build()).id();
        f.containers.start(id);
        return id;
    }

    private static ContainerInspect inspect(String id) {
        return f.containers.inspect(id, false);
    }

    /** Waits for the container's current run to end; returns its exit code. */
    private static int exitOf(String id) throws Exception {
        return f.containers.waitFor(id, "not-running").get(60, TimeUnit.SECONDS);
    }

    private static String logs(String id) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.containers.logs(id, new ContainerLog.Query(true, true, null, null, -1, false), false, out, () -> false);
        return demux(out.toByteArray());
    }

    /** Strips Docker's 8-byte frame headers. */
    static String demux(byte[] framed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i + 8 <= framed.length) {
            int size = ((framed[i + 4] & 0xff) << 24) | ((framed[i + 5] & 0xff) << 16) | ((framed[i + 6] & 0xff) << 8)
                    | (framed[i + 7] & 0xff);
            // a frame may still be arriving (header written, payload not yet): take what is there
            out.write(framed, i + 8, Math.min(size, framed.length - i - 8));
            i += 8 + size;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void engineCrashLeavesContainersRunningAndTheNextEngineAdoptsThem() throws Exception {
        String running = run(ContainerCreateRequest.builder(IMAGE).cmd("sh", "-c", "echo before; exec sleep 1000"),
                "survivor");
        String dies = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000"), "dies-while-down");
        String always = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000")
                .restartPolicy(RestartPolicy.always()), "comes-back");
        String orphan = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000"), "monitor-lost");
        int runningPid = inspect(running).state().pid();
        int orphanConmon = f.runtime.conmonPid(orphan);
        while (!logs(running).equals("before\n")) {
            Thread.onSpinWait();
        }

        f.containers.close(); // the engine is gone; conmon and the containers are not
        f.runtime.kill(dies, Signals.SIGKILL);
        f.runtime.kill(always, Signals.SIGKILL);
        ProcessHandle.of(orphanConmon).ifPresent(ProcessHandle::destroyForcibly);
        while (f.runtime.exitCode(dies) == null || f.runtime.exitCode(always) == null
                || ContainerRuntime.isConmonOf(orphanConmon, orphan)) {
            Thread.onSpinWait();
        }
        f.crash();

        ContainerInspect adopted = inspect(running);
        assertEquals("running", adopted.state().status());
        assertEquals(runningPid, adopted.state().pid());
        assertEquals("before\n", logs(running));
        ContainerInspect died = inspect(dies);
        assertEquals("exited", died.state().status());
        assertEquals(137, died.state().exitCode());
        assertEquals(255, inspect(orphan).state().exitCode());
        assertEquals("exited", inspect(orphan).state().status());
        // always comes back (moby restores it at daemon start)
        while (!inspect(always).state().status().equals("running")) {
            Thread.onSpinWait();
        }
        // the adopted container is fully managed: stop reaches it and its exit is recorded
        f.containers.stop(running, 0, null);
        assertEquals(137, inspect(running).state().exitCode());
        for (String id : List.of(running, dies, always, orphan)) {
            f.containers.remove(id, true, true);
        }
    }

    @Test
    void onFailureRestartsWithBackoffUpToItsLimit() throws Exception {
        String id = run(ContainerCreateRequest.builder(IMAGE).cmd("sh", "-c", "echo run; exit 3")
                .restartPolicy(RestartPolicy.onFailure(2)), "flaky");
        // three runs: the first and two restarts, 100 ms and 200 ms apart
        while (true) {
            ContainerInspect i = inspect(id);
            if (!i.state().running() && i.restartCount() == 2) {
                break;
            }
            Thread.onSpinWait();
        }
        assertEquals("run\nrun\nrun\n", logs(id));
        assertEquals(3, inspect(id).state().exitCode());
        long dies = f.events.recent().stream().filter(e -> id.equals(e.actorId()) && e.action().equals("die"))
                .count();
        assertEquals(3, dies);
        f.containers.remove(id, false, false);
    }

    @Test
    void stopCancelsAnAlwaysRestartAndAutoRemoveCompletesRemovedWaits() throws Exception {
        String id = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000")
                .restartPolicy(RestartPolicy.always()), "always");
        f.containers.stop(id, 0, null);
        ContainerInspect stopped = inspect(id);
        assertEquals("exited", stopped.state().status());
        assertEquals(0, stopped.restartCount());
        assertEquals(Boolean.FALSE, stopped.state().restarting());
        f.containers.remove(id, false, false);

        String auto = f.containers.create("auto", ContainerCreateRequest.builder(IMAGE).cmd("sh", "-c", "exit 4")
                .autoRemove(true).build()).id();
        CompletableFuture<Integer> removed = f.containers.waitFor(auto, "removed");
        f.containers.start(auto);
        assertEquals(4, removed.get(60, TimeUnit.SECONDS));
        EngineException gone = assertThrows(EngineException.class, () -> inspect(auto));
        assertEquals("No such container: " + auto, gone.getMessage());
        assertTrue(f.events.recent().stream().anyMatch(e -> auto.equals(e.actorId())
                && e.action().equals("destroy")));
    }

    @Test
    void ttyAttachBeforeStartCarriesInputOutputAndResize() throws Exception {
        String id = f.containers.create("tty", ContainerCreateRequest.builder(IMAGE)
                .cmd("sh", "-c", "read x; echo got:$x; stty size").tty(true).interactive().build()).id();
        AttachSession attach = f.containers.attach(id, true, true, true, false, true, null);
        PipedOutputStream typing = new PipedOutputStream();
        InputStream in = new PipedInputStream(typing);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> session = CompletableFuture.runAsync(() -> {
            try {
                attach.run(in, out);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        f.containers.start(id);
        f.containers.resize(id, 40, 100);
        typing.write("hello\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        session.get(60, TimeUnit.SECONDS);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("got:hello\r\n"), text);
        assertTrue(text.contains("40 100"), text);
        assertEquals(0, exitOf(id));
        f.containers.remove(id, false, false);
    }

    @Test
    void detachKeysLeaveTheContainerRunning() throws Exception {
        String id = run(ContainerCreateRequest.builder(IMAGE).cmd("cat").keepStdinOpen(), "detachable");
        AttachSession attach = f.containers.attach(id, true, true, true, false, true, "ctrl-x,x");
        PipedOutputStream typing = new PipedOutputStream();
        InputStream in = new PipedInputStream(typing);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        CompletableFuture<Void> session = CompletableFuture.runAsync(() -> {
            try {
                attach.run(in, framed);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        typing.write("echoed\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        while (!demux(framed.toByteArray()).equals("echoed\n")) {
            Thread.onSpinWait();
        }
        typing.write(new byte[] {24, 'x'});
        typing.flush();
        session.get(60, TimeUnit.SECONDS);
        assertTrue(f.containers.isRunning(id));
        f.containers.remove(id, true, false);
    }

    @Test
    void execWithTtyAndExitCodeInInspect() throws Exception {
        String id = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000"), "exec-tty");
        String exec = f.containers.execs().create(id, ExecCreateRequest.builder("sh", "-c", "stty size; exit 9")
                .tty(true).consoleSize(33, 77).build());
        ExecSessions.Exec prepared = f.containers.execs().prepareStart(exec);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.containers.execs().run(prepared, true, InputStream.nullInputStream(), out);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("33 77"), out.toString());
        var state = f.containers.execs().inspect(exec);
        assertEquals(9, state.exitCode());
        assertEquals(Boolean.FALSE, state.running());
        assertEquals(List.of(exec), inspect(id).execIds());
        EngineException again = assertThrows(EngineException.class, () -> f.containers.execs().prepareStart(exec));
        assertEquals(409, again.status());
        assertTrue(f.events.recent().stream().anyMatch(e -> id.equals(e.actorId())
                && e.action().equals("exec_die") && "9".equals(e.actor().attribute("exitCode"))));
        f.containers.remove(id, true, false);
    }

    @Test
    void imageVolumesAreSeededAndRemovedWithTheContainer() throws Exception {
        f.importBusybox("berth-test/with-volume:latest", List.of("CMD [\"sh\"]", "ENV PATH=/bin", "VOLUME /data"),
                true);
        String id = run(ContainerCreateRequest.builder("berth-test/with-volume:latest").cmd("cat", "/data/seed"),
                "seeded");
        assertEquals(0, exitOf(id));
        assertEquals("from the image\n", logs(id));
        var mount = inspect(id).mounts().get(0);
        assertEquals("volume", mount.type());
        assertEquals("/data", mount.destination());
        assertEquals(64, mount.name().length());
        assertTrue(f.volumes.exists(mount.name()));
        assertEquals(List.of(id), f.containers.containersUsing(mount.name()));
        f.containers.remove(id, false, true);
        assertFalse(f.volumes.exists(mount.name()));
    }

    @Test
    void inspectAndEventsAreDockerShaped() throws Exception {
        String id = f.containers.create("shaped", ContainerCreateRequest.builder(IMAGE).cmd("sh", "-c", "exit 2")
                .label("team", "blue").build()).id();
        ContainerInspect created = inspect(id);
        assertEquals("/shaped", created.name());
        assertEquals("created", created.state().status());
        assertEquals("0001-01-01T00:00:00Z", created.state().startedAt());
        assertEquals("0001-01-01T00:00:00Z", created.state().finishedAt());
        assertEquals("sh", created.path());
        assertEquals(List.of("-c", "exit 2"), created.args());
        assertEquals("overlay2", created.driver());
        assertEquals("linux", created.platform());
        assertEquals("default", created.hostConfig().networkMode());
        assertEquals(id.substring(0, 12), created.config().hostname());
        assertEquals(List.of("PATH=/bin"), created.config().env());
        assertTrue(created.networkSettings().networks().containsKey("bridge"));
        assertTrue(Files.exists(Path.of(created.hostsPath())));
        Map<?, ?> raw = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(created), Map.class);
        assertTrue(((Map<?, ?>) raw.get("State")).containsKey("OOMKilled"));

        f.containers.start(id);
        assertEquals(2, exitOf(id));
        ContainerInspect exited = inspect(id);
        assertEquals("exited", exited.state().status());
        assertFalse(exited.state().finishedAt().startsWith("0001"));
        assertTrue(Files.exists(Path.of(exited.logPath())));
        List<EventMessage> mine = f.events.recent().stream().filter(e -> id.equals(e.actorId())).toList();
        assertEquals(List.of("create", "start", "die"), mine.stream().map(EventMessage::action).toList());
        EventMessage die = mine.get(2);
        assertEquals("2", die.actor().attribute("exitCode"));
        assertEquals("shaped", die.actor().attribute("name"));
        assertEquals(IMAGE, die.actor().attribute("image"));
        assertEquals("blue", die.actor().attribute("team"));
        f.containers.remove(id, false, false);
    }

    @Test
    void statsAndTopOfARunningContainer() throws Exception {
        String id = run(ContainerCreateRequest.builder(IMAGE).cmd("sleep", "1000").memory(32L << 20), "measured");
        ContainerStats first = f.containers.stats(id, null);
        ContainerStats second = f.containers.stats(id, first);
        assertEquals("/measured", second.name());
        assertNotNull(second.cpuStats().cpuUsage().totalUsage());
        assertEquals(first.cpuStats().cpuUsage().totalUsage(), second.precpuStats().cpuUsage().totalUsage());
        assertEquals(32L << 20, second.memoryStats().limit());
        assertTrue(second.memoryStats().usage() > 0);
        assertEquals(1L, second.pidsStats().current());
        var top = f.containers.top(id, "");
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), top.titles());
        assertEquals(List.of("sleep 1000"), top.column("CMD"));
        f.containers.remove(id, true, false);
        String stopped = run(ContainerCreateRequest.builder(IMAGE).cmd("true"), "short");
        exitOf(stopped);
        assertEquals("0001-01-01T00:00:00Z", f.containers.stats(stopped, null).read());
        f.containers.remove(stopped, false, false);
    }
}
