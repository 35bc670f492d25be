package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.JsonStream;
import dev.berth.remote.testing.Dockerd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Container lifecycle, listing, errors, processes, statistics and pruning against a real dockerd. */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ContainersContract {

    private static final long MEMORY = 64L << 20;

    protected abstract EngineClient client();

    @TempDir
    Path hostDir;

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

    @Test
    void fullLifecycle() throws IOException {
        Files.writeString(hostDir.resolve("from-host.txt"), "hello from the host\n");
        // the container runs as nobody, and @TempDir directories are private to their owner
        Files.setPosixFilePermissions(hostDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(hostDir.resolve("from-host.txt"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        String volume = scratch.volume(scratch.name("vol"));
        String name = scratch.name("life");
        // USR1 is reported, USR2 (the stop signal) ends the loop: PID 1 only receives signals it handles
        String script = "trap 'echo got-usr1' USR1; trap 'echo stopping; exit 0' USR2; "
                + "echo started; while true; do sleep 1; done";
        ContainerCreateRequest.Builder builder = scratch.busybox("sh", "-c", script)
                .env("GREETING", "hi there").env("EMPTY", "")
                .label("berth.test.role", "lifecycle")
                .workingDir("/tmp")
                .restartPolicy(RestartPolicy.onFailure(2))
                .memory(MEMORY)
                .tmpfs("/scratch", "size=8m")
                .bind(hostDir + ":/host:ro")
                .mount(Mount.volume(volume, "/data"))
                .stopSignal("SIGUSR2")
                .hostname("lifecycle-host")
                .user("nobody");
        CreateResponse created = containers.create(name, builder.build());
        scratch.track(created.id());
        String id = created.id();
        assertEquals(64, id.length(), "a full container ID");

        ContainerInspect fresh = containers.inspect(id);
        assertEquals(id, fresh.id());
        assertEquals("/" + name, fresh.name());
        assertEquals(name, fresh.plainName());
        assertEquals("created", fresh.state().status());
        assertEquals(Boolean.FALSE, fresh.state().running());
        assertEquals("sh", fresh.path());
        assertEquals(List.of("-c", script), fresh.args());
        ContainerConfig config = fresh.config();
        assertEquals(Dockerd.BUSYBOX, config.image());
        assertEquals("hi there", config.envValue("GREETING"));
        assertEquals("", config.envValue("EMPTY"));
        assertEquals("/bin", config.envValue("PATH"), "the image's environment is merged in");
        assertEquals("lifecycle", config.labels().get("berth.test.role"));
        assertEquals(scratch.tag(), config.labels().get(Scratch.LABEL));
        assertEquals("/tmp", config.workingDir());
        assertEquals("SIGUSR2", config.stopSignal());
        assertEquals("lifecycle-host", config.hostname());
        assertEquals("nobody", config.user());
        assertFalse(config.hasTty());
        HostConfig host = fresh.hostConfig();
        assertEquals(new RestartPolicy("on-failure", 2), host.restartPolicy());
        assertEquals(MEMORY, host.resources().memory());
        assertEquals(Map.of("/scratch", "size=8m"), host.tmpfs());
        assertEquals(List.of(hostDir + ":/host:ro"), host.binds());
        assertEquals(1, host.mounts().size());
        assertEquals(new Mount("/data", volume, "volume", null, null, null, null, null), host.mounts().get(0));

        assertTrue(containers.start(id), "the first start starts");
        assertFalse(containers.start(id), "a second start is a no-op (304)");
        ContainerInspect running = containers.inspect(id);
        assertEquals(Boolean.TRUE, running.state().running());
        assertTrue(running.state().pid() > 0);
        MountPoint bind = mountAt(running, "/host");
        assertEquals("bind", bind.type());
        assertEquals(hostDir.toString(), bind.source());
        assertEquals(Boolean.FALSE, bind.rw());
        MountPoint data = mountAt(running, "/data");
        assertEquals("volume", data.type());
        assertEquals(volume, data.name());
        assertEquals(Boolean.TRUE, data.rw());
        // the settings reach the process, as the real CLI sees them
        assertEquals("lifecycle-host\n65534\n/tmp\nhello from the host\n", Dockerd.shared()
                .docker("exec", id, "sh", "-c", "hostname; id -u; pwd; cat /host/from-host.txt").requireSuccess("exec").stdout());
        assertTrue(Dockerd.shared().docker("exec", id, "sh", "-c", "mount | grep ' /scratch '").stdout().contains("tmpfs"));

        assertListedBy(id, Filters.of("label", Scratch.LABEL + "=" + scratch.tag()));
        assertListedBy(id, Filters.of("label", "berth.test.role=lifecycle").and("status", "running"));
        assertListedBy(id, Filters.of("name", name));
        assertListedBy(id, Filters.of("ancestor", Dockerd.BUSYBOX).and("label", Scratch.LABEL + "=" + scratch.tag()));
        ContainerSummary row = containers.list(ListContainersParams.running()
                .withFilters(Filters.of("id", id))).get(0);
        assertEquals(List.of("/" + name), row.names());
        assertEquals(name, row.name());
        assertEquals(Dockerd.BUSYBOX, row.image());
        assertEquals(running.image(), row.imageId());
        assertEquals("running", row.state());
        assertTrue(row.status().startsWith("Up"), row.status());
        assertTrue(row.created() > 0);
        assertNull(row.sizeRw(), "sizes only when asked");
        assertEquals("default", row.hostConfig().networkMode());
        assertEquals(Set.of("/host", "/data"), row.mounts().stream().map(MountPoint::destination).collect(Collectors.toSet()));

        containers.pause(id);
        assertEquals(Boolean.TRUE, containers.inspect(id).state().paused());
        assertEquals("paused", containers.inspect(id).state().status());
        assertListedBy(id, Filters.of("status", "paused").and("id", id));
        containers.unpause(id);
        assertEquals(Boolean.FALSE, containers.inspect(id).state().paused());

        String startedBefore = containers.inspect(id).state().startedAt();
        containers.restart(id, 5);
        ContainerInspect restarted = containers.inspect(id);
        assertEquals(Boolean.TRUE, restarted.state().running());
        assertNotEquals(startedBefore, restarted.state().startedAt());
        assertEquals(0, restarted.state().exitCode(), "the stop signal ended the first run cleanly");

        containers.kill(id, "SIGUSR1");
        awaitLog(id, "got-usr1");
        assertEquals(Boolean.TRUE, containers.inspect(id).state().running(), "USR1 is handled, not fatal");

        try (PendingWait exit = containers.beginWait(id, WaitCondition.NOT_RUNNING)) {
            containers.kill(id, "SIGKILL");
            assertEquals(137, exit.await().exitCode());
        }
        WaitResponse waited = containers.wait(id, WaitCondition.NOT_RUNNING);
        assertEquals(137L, waited.statusCode(), "waiting on a stopped container answers at once");
        ContainerInspect killed = containers.inspect(id);
        assertEquals("exited", killed.state().status());
        assertEquals(137, killed.state().exitCode());
        assertEquals(0, killed.restartCount(), "a kill is a deliberate stop: no restart");
        assertFalse(containers.stop(id), "stopping a stopped container is a no-op (304)");
        assertTrue(containers.list(ListContainersParams.running().withFilters(Filters.of("id", id))).isEmpty());
        assertEquals(1, containers.list(ListContainersParams.includingStopped().withFilters(Filters.of("id", id))).size());

        String renamed = scratch.name("renamed");
        containers.rename(id, renamed);
        assertEquals("/" + renamed, containers.inspect(renamed).name());
        assertEquals("/" + renamed, Dockerd.shared().docker("inspect", "-f", "{{.Name}}", id).stdout().strip());

        containers.remove(renamed, true, true);
        EngineApiException.NotFound gone = assertThrows(EngineApiException.NotFound.class, () -> containers.inspect(id));
        assertEquals(404, gone.status());
        assertTrue(gone.engineMessage().contains("No such container"), gone.engineMessage());
        assertTrue(Dockerd.shared().docker("volume", "inspect", volume).exitCode() == 0,
                "removing volumes only removes anonymous ones; the named volume stays");
    }

    @Test
    void stopReturnsAfterTheStopSignalAndReportsTheExit() {
        String id = scratch.sleeper();
        assertTrue(containers.stop(id, 5, null));
        ContainerInspect stopped = containers.inspect(id);
        assertEquals("exited", stopped.state().status());
        assertEquals(0, stopped.state().exitCode(), "the TERM trap exits 0");
    }

    @Test
    void stopWithSignalNeedsApi142() {
        String id = scratch.sleeper();
        if (client().apiVersion().atLeast("1.42")) {
            assertTrue(containers.stop(id, 5, "SIGTERM"));
        } else {
            dev.berth.remote.client.EngineException e = assertThrows(dev.berth.remote.client.EngineException.class,
                    () -> containers.stop(id, 5, "SIGTERM"));
            assertTrue(e.getMessage().contains("1.42"), e.getMessage());
            assertEquals(Boolean.TRUE, containers.inspect(id).state().running(), "nothing was sent");
        }
    }

    @Test
    void listingAllShowsCreatedContainersTooAndRespectsLimit() {
        String running = scratch.sleeper();
        String created = scratch.create(scratch.busybox("true"));
        Filters mine = Filters.of("label", Scratch.LABEL + "=" + scratch.tag());
        Set<String> onlyRunning = ids(containers.list(ListContainersParams.running().withFilters(mine)));
        Set<String> all = ids(containers.list(ListContainersParams.includingStopped().withFilters(mine)));
        assertEquals(Set.of(running), onlyRunning);
        assertEquals(Set.of(running, created), all);
        List<ContainerSummary> newest = containers.list(true, 1, false, mine);
        assertEquals(List.of(created), newest.stream().map(ContainerSummary::id).toList(), "limit keeps the newest");
        ContainerSummary sized = containers.list(true, null, true, Filters.of("id", created)).get(0);
        assertNotNull(sized.sizeRootFs(), "size computed when asked");
        assertTrue(sized.sizeRootFs() > 100_000, "busybox is in the root filesystem");
        assertEquals(ids(containers.list(true, null, false, mine)), Set.of(Dockerd.shared()
                .docker("ps", "-aq", "--no-trunc", "--filter", "label=" + Scratch.LABEL + "=" + scratch.tag())
                .stdout().strip().split("\\s+")), "the CLI lists the same containers");
    }

    @Test
    void conflictsAndMissingContainersAreTyped() {
        String name = scratch.name("dup");
        String id = scratch.create(name, scratch.busybox("sh", "-c", "sleep 30"));
        EngineApiException.Conflict duplicate = assertThrows(EngineApiException.Conflict.class,
                () -> containers.create(name, scratch.busybox("true").build()));
        assertTrue(duplicate.engineMessage().contains("already in use"), duplicate.engineMessage());

        containers.start(id);
        EngineApiException.Conflict running = assertThrows(EngineApiException.Conflict.class,
                () -> containers.remove(id, false, false));
        assertEquals(409, running.status());
        assertTrue(running.getMessage().toLowerCase().contains("running"), running.getMessage());

        String missing = "berth-it-missing-" + scratch.tag();
        EngineApiException.NotFound notFound = assertThrows(EngineApiException.NotFound.class, () -> containers.start(missing));
        assertTrue(notFound.engineMessage().contains(missing), notFound.engineMessage());
        assertThrows(EngineApiException.NotFound.class, () -> containers.remove(missing, true, false));
        assertThrows(EngineApiException.NotFound.class,
                () -> containers.create(null, ContainerCreateRequest.builder("berth-it/no-such-image:none").build()));
        assertThrows(IllegalArgumentException.class, () -> containers.inspect("../images/json"),
                "a reference cannot turn into another endpoint");
    }

    @Test
    void killingAStoppedContainerIsAConflict() {
        String id = scratch.create(scratch.busybox("true"));
        assertThrows(EngineApiException.Conflict.class, () -> containers.kill(id, null));
    }

    @Test
    void topListsTheContainersProcesses() {
        String id = scratch.sleeper();
        TopResponse top = containers.top(id, null);
        assertTrue(top.titles().contains("PID"), top.titles().toString());
        assertTrue(top.titles().contains("CMD"), top.titles().toString());
        assertTrue(top.column("CMD").stream().anyMatch(c -> c.contains("while true")), top.processes().toString());
        TopResponse custom = containers.top(id, "-o pid,comm");
        assertEquals(List.of("PID", "COMMAND"), custom.titles());
        assertTrue(custom.column("COMMAND").contains("sh"), custom.processes().toString());
    }

    @Test
    void statsOneShotSampledAndStreamed() throws IOException {
        String id = scratch.run(scratch.busybox("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .memory(MEMORY));
        ContainerStats once = containers.stats(id);
        assertEquals(MEMORY, once.memoryStats().limit(), "the limit set at create");
        assertTrue(once.memoryStats().usage() > 0);
        assertTrue(once.memoryUsedBytes() > 0 && once.memoryUsedBytes() <= MEMORY);
        assertTrue(once.memoryPercent() > 0 && once.memoryPercent() <= 100);
        assertTrue(once.cpuStats().cpuUsage().totalUsage() > 0);
        assertTrue(once.cpuStats().onlineCpus() >= 1);
        assertTrue(once.preread().startsWith("0001-01-01"), "one-shot has no previous sample: " + once.preread());
        assertEquals(0.0, once.cpuPercent());
        assertTrue(once.pidsStats().current() >= 1);
        assertEquals("/" + containers.inspect(id).plainName(), once.name());

        ContainerStats sampled = containers.statsSampled(id);
        assertTrue(sampled.precpuStats().systemCpuUsage() > 0, "a sampled reading carries the previous one");
        assertTrue(sampled.cpuPercent() >= 0);

        try (JsonStream<ContainerStats> stream = containers.statsStream(id)) {
            ContainerStats first = stream.next();
            ContainerStats second = stream.next();
            assertNotNull(first);
            assertNotNull(second);
            assertNotEquals(first.read(), second.read());
            assertEquals(first.read(), second.preread(), "each sample compares with the previous one");
            for (ContainerStats s : List.of(first, second)) {
                assertTrue(s.cpuPercent() >= 0);
                assertTrue(s.memoryUsedBytes() >= 0);
                assertEquals(MEMORY, s.memoryStats().limit());
                assertTrue(s.cpuStats().systemCpuUsage() > 0);
            }
        }
    }

    @Test
    void statsStreamEndsWhenClosedFromAnotherThread() throws Exception {
        String id = scratch.sleeper();
        JsonStream<ContainerStats> stream = containers.statsStream(id);
        assertNotNull(stream.next());
        Thread closer = new Thread(() -> {
            try {
                Thread.sleep(300);
                stream.close();
            } catch (Exception ignored) {
                // test over
            }
        });
        closer.start();
        long start = System.nanoTime();
        try {
            while (stream.next() != null) {
                // samples keep coming until the close lands
            }
        } catch (IOException | RuntimeException expected) {
            // a cancelled read fails; either way it must return promptly
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "close ended the blocked read");
        closer.join();
    }

    @Test
    void pruneRemovesOnlyStoppedContainersItMatches() {
        String exited = scratch.create(scratch.busybox("true"));
        containers.start(exited);
        containers.wait(exited, WaitCondition.NOT_RUNNING);
        String neverStarted = scratch.create(scratch.busybox("true"));
        String running = scratch.sleeper();
        Scratch other = new Scratch(client());
        try {
            String otherStopped = other.create(other.busybox("true"));
            PruneReport report = containers.prune(Filters.of("label", Scratch.LABEL + "=" + scratch.tag()));
            assertEquals(Set.of(exited, neverStarted), Set.copyOf(report.containersDeleted()));
            assertNotNull(report.spaceReclaimed());
            assertEquals(Boolean.TRUE, containers.inspect(running).state().running());
            assertEquals("created", containers.inspect(otherStopped).state().status(), "other labels are untouched");
            assertThrows(EngineApiException.NotFound.class, () -> containers.inspect(exited));
        } finally {
            other.close();
        }
    }

    @Test
    void waitForNextExitSeesAQuickExit() {
        String id = scratch.create(scratch.busybox("sh", "-c", "exit 7"));
        try (PendingWait wait = containers.beginWait(id, WaitCondition.NEXT_EXIT)) {
            containers.start(id);
            WaitResponse response = wait.await();
            assertEquals(7, response.exitCode());
            assertTrue(response.error() == null || response.error().message() == null
                    || response.error().message().isEmpty(), "a normal exit carries no error: " + response.error());
        }
    }

    @Test
    void consoleSizeAndPortsRoundTrip() {
        ContainerCreateRequest request = scratch.busybox("true").tty(true).consoleSize(30, 100)
                .expose("8080").publish("9090/udp", "127.0.0.1", "").build();
        String id = containers.create(scratch.name("ports"), request).id();
        scratch.track(id);
        ContainerInspect inspect = containers.inspect(id);
        assertEquals(Set.of("8080/tcp", "9090/udp"), inspect.config().exposedPorts().keySet());
        assertEquals(List.of(new PortBinding("127.0.0.1", "")), inspect.hostConfig().portBindings().get("9090/udp"));
        if (client().apiVersion().atLeast("1.42")) {
            assertEquals(List.of(30, 100), inspect.hostConfig().consoleSize());
        } else {
            // 20.10 would store what it was sent; [0, 0] shows the client left it out
            assertEquals(List.of(0, 0), inspect.hostConfig().consoleSize());
        }
        assertTrue(inspect.hasTty());
    }

    @Test
    void inspectRawKeepsFieldsWeDoNotModelAndRecordsMatchTheEnginesJson() {
        String id = scratch.run(scratch.busybox("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done")
                .memory(MEMORY).tmpfs("/scratch", "").restartPolicy(RestartPolicy.unlessStopped())
                .mount(Mount.volume(scratch.volume(scratch.name("fid")), "/data")).healthcheck(
                        HealthConfig.shell("true", Duration.ofSeconds(1), Duration.ofSeconds(1), 1)));
        var raw = containers.inspectRaw(id);
        assertEquals(id, raw.get("Id").asText());
        assertTrue(raw.has("ResolvConfPath"));
        assertTrue(raw.get("HostConfig").has("CpuShares"));
        ContainerInspect typed = JsonFidelity.assertFaithful(raw, ContainerInspect.class);
        assertEquals(MEMORY, typed.hostConfig().resources().memory());
        var list = client().http().getTree("/containers/json",
                dev.berth.remote.client.Query.of().filters(Filters.of("id", id)));
        JsonFidelity.assertFaithful(list.get(0), ContainerSummary.class);
        var stats = client().http().getTree("/containers/" + id + "/stats",
                dev.berth.remote.client.Query.of().add("stream", false).add("one-shot", true));
        JsonFidelity.assertFaithful(stats, ContainerStats.class);
        var top = client().http().getTree("/containers/" + id + "/top", dev.berth.remote.client.Query.of());
        JsonFidelity.assertFaithful(top, TopResponse.class);
    }

    private void assertListedBy(String id, Filters filters) {
        Set<String> listed = ids(containers.list(false, null, false, filters));
        assertTrue(listed.contains(id), "listed by " + filters.asMap() + ": " + listed);
    }

    private static Set<String> ids(List<ContainerSummary> list) {
        return list.stream().map(ContainerSummary::id).collect(Collectors.toSet());
    }

    private static MountPoint mountAt(ContainerInspect inspect, String destination) {
        return inspect.mounts().stream().filter(m -> destination.equals(m.destination())).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + destination + ": " + inspect.mounts()));
    }

    private void awaitLog(String id, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (ContainerOutput out = containers.logs(id, LogsOptions.stdoutOnly())) {
                if (out.collect().stdout().contains(text)) {
                    return;
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            sleep(100);
        }
        throw new AssertionError("\"" + text + "\" never appeared in the logs of " + id);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
