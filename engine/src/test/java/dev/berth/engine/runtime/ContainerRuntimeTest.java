package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.host.EngineDirs;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.Ulimit;
import dev.berth.remote.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runtime layer with real runc and conmon on a busybox rootfs: no image store, no API. */
class ContainerRuntimeTest {

    static Path base;
    static EngineDirs dirs;
    static HostFacts facts;
    static ContainerRuntime runtime;
    static ExitWatcher watcher;
    static final Map<String, CompletableFuture<Integer>> exits = new ConcurrentHashMap<>();
    final List<String> created = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        facts = HostFacts.detect();
        assertTrue(facts.problems().isEmpty(), () -> "host cannot run containers: " + facts.problems());
        base = Files.createTempDirectory("brt");
        dirs = new EngineDirs(base.resolve("data"), base.resolve("run")).create();
        runtime = new ContainerRuntime(facts, dirs, ConmonCgroup.none());
        watcher = new ExitWatcher(dirs.exits(), name -> name.length() == 64,
                (id, code, at) -> exits.computeIfAbsent(id, k -> new CompletableFuture<>()).complete(code));
    }

    @AfterAll
    static void tearDown() throws IOException {
        watcher.close();
        TestDirs.delete(base);
        // runc removes each container's cgroup; the parent this test made is ours to remove (rmdir of an empty cgroup)
        List<Path> hierarchies = new ArrayList<>(facts.controllers().values());
        if (facts.unifiedMount() != null) {
            hierarchies.add(facts.unifiedMount());
        }
        for (Path hierarchy : hierarchies) {
            Files.deleteIfExists(hierarchy.resolve("berth-test"));
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : created) {
            Runc.State state = runtime.state(id);
            if (state != null && !state.status().equals("stopped")) {
                runtime.killAll(id, Signals.SIGKILL);
                if (state.status().equals("paused")) {
                    runtime.resume(id);
                }
                exitCode(id);
            }
            runtime.delete(id);
            Path rootfs = base.resolve("rootfs-" + id);
            TestDirs.delete(rootfs);
        }
        for (String id : created) {
            int conmon = runtime.conmonPid(id);
            assertFalse(ContainerRuntime.isConmonOf(conmon, id), "conmon of " + id + " still runs");
        }
    }

    @Test
    void runsToItsExitCodeAndLogsBothStreamsInK8sFormat() throws Exception {
        String id = create(config(List.of("sh", "-c", "echo out; echo err >&2; printf partial; exit 3")),
                host(Map.of()));
        runtime.start(id);
        assertEquals(3, exitCode(id));
        List<String> lines = Files.readAllLines(log(id));
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\S+ stdout F out")), lines::toString);
        assertTrue(lines.stream().anyMatch(l -> l.matches("\\S+ stderr F err")), lines::toString);
        List<ContainerLog.Entry> entries = new ArrayList<>();
        new ContainerLog(log(id)).read(ContainerLog.Query.all(), entries::add, () -> false);
        List<String> texts = entries.stream().map(e -> e.stream() + ":" + new String(e.content(),
                StandardCharsets.UTF_8)).toList();
        assertTrue(texts.contains("STDOUT:out\n"), texts::toString);
        assertTrue(texts.contains("STDERR:err\n"), texts::toString);
        assertTrue(texts.contains("STDOUT:partial"), texts::toString);

        List<ContainerLog.Entry> onlyErr = new ArrayList<>();
        new ContainerLog(log(id)).read(new ContainerLog.Query(false, true, null, null, -1, false), onlyErr::add,
                () -> false);
        assertEquals(1, onlyErr.size());
        List<ContainerLog.Entry> last = new ArrayList<>();
        new ContainerLog(log(id)).read(new ContainerLog.Query(true, true, null, null, 1, false), last::add,
                () -> false);
        assertEquals("partial", new String(last.get(0).content(), StandardCharsets.UTF_8));
        List<ContainerLog.Entry> future = new ArrayList<>();
        new ContainerLog(log(id)).read(new ContainerLog.Query(true, true, Instant.now().plusSeconds(60), null, -1,
                false), future::add, () -> false);
        assertTrue(future.isEmpty());
    }

    @Test
    void runtimeCreateErrorIsTheUsersMessage() throws Exception {
        RuntimeFailure failure = assertThrows(RuntimeFailure.class,
                () -> create(config(List.of("/nonexistent")), host(Map.of())));
        assertTrue(failure.getMessage().contains("exec: \"/nonexistent\": stat /nonexistent: no such file or "
                + "directory"), failure.getMessage());
    }

    @Test
    void attachBeforeStartCarriesStdinAndOutput() throws Exception {
        ContainerConfig config = config(List.of("sh", "-c", "read line; echo got:$line; echo bye >&2"), false,
                true, null, null);
        String id = create(config, host(Map.of()));
        try (AttachSocket socket = runtime.attach(id)) {
            runtime.start(id);
            byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);
            socket.send(hello, 0, hello.length);
            socket.closeStdin();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            AttachSocket.Packet packet;
            while ((packet = socket.receive()) != null) {
                (packet.stream() == AttachSocket.STDERR ? err : out).write(packet.data());
            }
            assertEquals("got:hello\n", out.toString(StandardCharsets.UTF_8));
            assertEquals("bye\n", err.toString(StandardCharsets.UTF_8));
        }
        assertEquals(0, exitCode(id));
    }

    @Test
    void terminalResizeReachesTheContainer() throws Exception {
        ContainerConfig config = config(List.of("sh", "-c", "read x; stty size"), true, true, null, null);
        String id = create(config, host(Map.of()));
        try (AttachSocket socket = runtime.attach(id)) {
            runtime.start(id);
            runtime.resize(id, 50, 132);
            byte[] enter = "\n".getBytes(StandardCharsets.UTF_8);
            socket.send(enter, 0, enter.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AttachSocket.Packet packet;
            while ((packet = socket.receive()) != null) {
                out.write(packet.data());
            }
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("50 132"), out.toString());
        }
        assertEquals(0, exitCode(id));
    }

    @Test
    void execReportsOutputAndExitCodes() throws Exception {
        String id = create(config(List.of("sleep", "1000")), host(Map.of()));
        runtime.start(id);
        OciSpec spec = runtime.readSpec(id);
        OciSpec.Process process = spec.process().with(false, null, spec.process().user(),
                List.of("sh", "-c", "echo in-exec; id -u; exit 7"), spec.process().env(), "/tmp",
                spec.process().capabilities());
        String session = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        try (ExecLaunch exec = runtime.exec(id, session, process, false, true);
             AttachSocket socket = AttachSocket.connect(exec.attachSocket())) {
            exec.proceed();
            assertTrue(exec.awaitPid() > 0);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            AttachSocket.Packet packet;
            while ((packet = socket.receive()) != null) {
                out.write(packet.data());
            }
            assertEquals("in-exec\n0\n", out.toString(StandardCharsets.UTF_8));
            assertEquals(7, exec.awaitExit());
        } finally {
            runtime.deleteExecDir(id, session);
        }
        String missing = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(16));
        try (ExecLaunch exec = runtime.exec(id, missing, process.with(false, null, process.user(),
                List.of("no-such-command"), process.env(), "/", process.capabilities()), false, true)) {
            exec.proceed();
            RuntimeFailure failure = assertThrows(RuntimeFailure.class, exec::awaitPid);
            assertTrue(failure.getMessage().contains("executable file not found"), failure.getMessage());
        } finally {
            runtime.deleteExecDir(id, missing);
        }
    }

    @Test
    void anExitedContainerLeavesNoRuntimeStateNorCgroups() throws Exception {
        String id = create(config(List.of("true")), host(Map.of()));
        List<Path> cgroups = new CgroupStats(facts).cgroupsOf(runtime.state(id).pid()).values().stream()
                .filter(p -> p.toString().contains(id)).toList();
        assertFalse(cgroups.isEmpty());
        runtime.start(id);
        assertEquals(0, exitCode(id));
        runtime.delete(id);
        assertNull(runtime.state(id));
        assertFalse(Files.exists(dirs.runcRoot().resolve(id)));
        for (Path cgroup : cgroups) {
            assertFalse(Files.exists(cgroup), cgroup::toString);
        }
    }

    @Test
    void startingARunningContainerAgainIsRuncsError() throws Exception {
        String id = create(config(List.of("sleep", "1000")), host(Map.of()));
        runtime.start(id);
        assertEquals("running", runtime.state(id).status());
        RuntimeFailure again = assertThrows(RuntimeFailure.class, () -> runtime.start(id));
        assertTrue(again.getMessage().contains("cannot start an already running container"), again.getMessage());
    }

    @Test
    void pauseFreezesAndResumeThaws() throws Exception {
        String id = create(config(List.of("sleep", "1000")), host(Map.of()));
        runtime.start(id);
        runtime.pause(id);
        assertEquals("paused", runtime.state(id).status());
        Path freezer = new CgroupStats(facts).cgroupsOf(runtime.state(id).pid()).get("freezer");
        if (freezer != null) {
            assertEquals("FROZEN", Files.readString(freezer.resolve("freezer.state")).trim());
        }
        runtime.resume(id);
        assertEquals("running", runtime.state(id).status());
    }

    @Test
    void sigtermThroughInitIs143AndSigkillIs137() throws Exception {
        String term = create(config(List.of("sleep", "1000")), host(Map.of("Init", true)));
        runtime.start(term);
        // tini forwards TERM to sleep, which dies of it: 128 + 15
        runtime.kill(term, Signals.SIGTERM);
        assertEquals(143, exitCode(term));

        String kill = create(config(List.of("sleep", "1000")), host(Map.of()));
        runtime.start(kill);
        runtime.kill(kill, Signals.SIGKILL);
        assertEquals(137, exitCode(kill));
    }

    @Test
    void openFilesLimitIsClampedToTheHostsHardLimit() throws Exception {
        String id = create(config(List.of("sh", "-c", "ulimit -n; ulimit -Hn")), host(Map.of()));
        runtime.start(id);
        assertEquals(0, exitCode(id));
        List<ContainerLog.Entry> entries = new ArrayList<>();
        new ContainerLog(log(id)).read(ContainerLog.Query.all(), entries::add, () -> false);
        String expected = Long.toString(facts.defaultNofile());
        assertEquals(List.of(expected + "\n", expected + "\n"), entries.stream()
                .map(e -> new String(e.content(), StandardCharsets.UTF_8)).toList());
        if (!facts.capSysResource() && facts.nofileHardLimit() < HostFacts.DEFAULT_NOFILE) {
            long tooMany = facts.nofileHardLimit() + 1;
            EngineException e = assertThrows(EngineException.class, () -> Rlimits.validate(
                    List.of(new Ulimit("nofile", tooMany, tooMany)), facts));
            assertTrue(e.getMessage().contains(Long.toString(facts.nofileHardLimit())), e.getMessage());
        }
    }

    @Test
    void userComesFromTheContainersPasswdAndGroup() throws Exception {
        Path rootfs = BusyboxRootfs.create(Files.createTempDirectory(base, "users"));
        ContainerUser app = ContainerUser.resolve(rootfs, "app", null);
        assertEquals(new ContainerUser(1000, 1000, List.of(10L)), app);
        assertEquals(new ContainerUser(1000, 65534, List.of()), ContainerUser.resolve(rootfs, "app:nobody", null));
        assertEquals(new ContainerUser(4242, 0, List.of()), ContainerUser.resolve(rootfs, "4242", null));
        EngineException e = assertThrows(EngineException.class, () -> ContainerUser.resolve(rootfs, "ghost", null));
        assertEquals("unable to find user ghost: no matching entries in passwd file", e.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private String create(ContainerConfig config, HostConfig hostConfig) throws IOException {
        String id = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(32));
        created.add(id);
        Path rootfs = BusyboxRootfs.create(base.resolve("rootfs-" + id));
        Path files = base.resolve("files-" + id);
        Files.createDirectories(files);
        Files.writeString(files.resolve("hostname"), id.substring(0, 12) + "\n");
        Files.writeString(files.resolve("hosts"), "127.0.0.1\tlocalhost\n");
        Files.writeString(files.resolve("resolv.conf"), "nameserver 8.8.8.8\n");
        OciSpec spec = new OciSpecBuilder(facts).build(new OciSpecBuilder.Input(id, rootfs, config, hostConfig,
                id.substring(0, 12), List.of(), files.resolve("hostname"), files.resolve("hosts"),
                files.resolve("resolv.conf"), true, "/berth-test"));
        runtime.writeSpec(id, spec);
        Files.createDirectories(dirs.containers().resolve(id));
        runtime.create(id, id, log(id), config.hasTty(), Boolean.TRUE.equals(config.openStdin()),
                config.hasTty());
        return id;
    }

    private static Path log(String id) {
        return dirs.containers().resolve(id).resolve("ctr.log");
    }

    private static int exitCode(String id) throws Exception {
        watcher.check(id);
        int code = exits.computeIfAbsent(id, k -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
        runtime.clearExit(id);
        return code;
    }

    static ContainerConfig config(List<String> cmd) {
        return config(cmd, false, false, null, null);
    }

    static ContainerConfig config(List<String> cmd, boolean tty, boolean stdin, String user, String workingDir) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Cmd", cmd);
        json.put("Tty", tty);
        json.put("OpenStdin", stdin);
        json.put("Env", List.of("PATH=/bin"));
        if (user != null) {
            json.put("User", user);
        }
        if (workingDir != null) {
            json.put("WorkingDir", workingDir);
        }
        return Json.MAPPER.convertValue(json, ContainerConfig.class);
    }

    static HostConfig host(Map<String, Object> fields) {
        return Json.MAPPER.convertValue(fields, HostConfig.class);
    }

    @Test
    void specHasDockersDefaults() throws Exception {
        Path rootfs = BusyboxRootfs.create(Files.createTempDirectory(base, "spec"));
        OciSpec spec = new OciSpecBuilder(facts).build(new OciSpecBuilder.Input("c".repeat(64), rootfs,
                config(List.of("true"), true, false, null, "/srv/dir"), host(Map.of("Memory", 64L << 20,
                        "NanoCpus", 1_500_000_000L, "PidsLimit", 50, "CapDrop", List.of("net_raw"),
                        "CapAdd", List.of("SYS_ADMIN"))), "myhost", List.of(), null, null, null, true, "/berth"));
        assertEquals(14, Capabilities.DOCKER_DEFAULTS.size());
        assertFalse(spec.process().capabilities().bounding().contains("CAP_NET_RAW"));
        assertTrue(spec.process().capabilities().bounding().contains("CAP_SYS_ADMIN"));
        assertEquals(List.of("PATH=/bin", "HOSTNAME=myhost", "TERM=xterm"), spec.process().env());
        assertEquals("/srv/dir", spec.process().cwd());
        assertTrue(Files.isDirectory(rootfs.resolve("srv/dir")));
        assertEquals(64L << 20, spec.linux().resources().memory().limit());
        assertEquals(150_000L, spec.linux().resources().cpu().quota());
        assertEquals(100_000L, spec.linux().resources().cpu().period());
        assertEquals(50L, spec.linux().resources().pids().limit());
        assertEquals(OciSpecBuilder.MASKED_PATHS, spec.linux().maskedPaths());
        assertEquals("/berth/" + "c".repeat(64), spec.linux().cgroupsPath());
        assertNotNull(spec.linux().sysctl().get("net.ipv4.ping_group_range"));
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"),
                spec.mounts().stream().map(OciSpec.Mount::destination).toList());
        assertNull(spec.process().noNewPrivileges());
    }
}
