package dev.berth.engine.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container service behind the API server, driven by the real docker CLI. */
class ContainerCliTest {

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

    private static String ok(String... args) throws Exception {
        return f.docker(args).requireSuccess(String.join(" ", args)).stdout().trim();
    }

    @Test
    void runAttachesBeforeStartAndExitsWithTheContainersCode() throws Exception {
        ProcessResult r = f.docker("run", "--rm", IMAGE, "sh", "-c", "echo hello; echo oops >&2; exit 3");
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("hello\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertEquals("", ok("ps", "-aq", "--filter", "ancestor=" + IMAGE, "--filter", "status=exited",
                "--filter", "exited=3"));
    }

    @Test
    void missingOrForbiddenExecutablesAre127And126() throws Exception {
        ProcessResult r = f.docker("run", "--name", "missing", IMAGE, "/nonexistent");
        assertEquals(127, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("exec: \"/nonexistent\": stat /nonexistent: no such file or directory"),
                r.stderr());
        assertEquals("Created", ok("ps", "-a", "--filter", "name=missing", "--format", "{{.Status}}"));
        ok("rm", "missing");
        ProcessResult denied = f.docker("run", "--rm", IMAGE, "/etc/passwd");
        assertEquals(126, denied.exitCode(), denied.stderr());
        assertTrue(denied.stderr().contains("permission denied"), denied.stderr());
    }

    @Test
    void stdinIsPipedWithInteractive() throws Exception {
        ProcessResult r = f.dockerWithInput("one\ntwo\n", "run", "-i", "--rm", IMAGE, "sh", "-c", "cat; echo end");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("one\ntwo\nend\n", r.stdout());
    }

    @Test
    void runOptionsReachTheProcess() throws Exception {
        Path envFile = f.base.resolve("env.list");
        Files.writeString(envFile, "FROM_FILE=yes\n");
        Path hostDir = Files.createTempDirectory(f.base, "bind");
        Files.writeString(hostDir.resolve("in.txt"), "from host\n");
        ProcessResult r = f.docker("run", "--rm", "-e", "A=1", "--env-file", envFile.toString(), "-w", "/srv",
                "--hostname", "box", "--add-host", "db.local:10.1.2.3", "-v", hostDir + ":/mnt/host:ro",
                "-v", "named-vol:/vol", "--tmpfs", "/scratch", "--read-only", "--memory", "64m", IMAGE, "sh", "-c",
                "echo $A $FROM_FILE; pwd; id -u; hostname; grep db.local /etc/hosts; cat /mnt/host/in.txt;"
                        + " touch /vol/ok && echo vol-ok; touch /scratch/ok && echo tmpfs-ok;"
                        + " touch /rootfs-file 2>/dev/null || echo read-only; touch /mnt/host/x 2>/dev/null || echo ro-bind;"
                        + " cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of("1 yes", "/srv", "0", "box", "10.1.2.3\tdb.local", "from host", "vol-ok",
                "tmpfs-ok", "read-only", "ro-bind", Long.toString(64L << 20)), r.stdout().lines().toList());
        assertEquals("named-vol", ok("volume", "ls", "-q", "--filter", "name=named-vol"));
    }

    @Test
    void entrypointAndInitAndStopSignals() throws Exception {
        assertEquals("via-entrypoint x", ok("run", "--rm", "--entrypoint", "echo", IMAGE, "via-entrypoint", "x"));
        ok("run", "-d", "--name", "term", "--init", IMAGE, "sleep", "1000");
        ok("stop", "term");
        assertEquals("143", ok("inspect", "-f", "{{.State.ExitCode}}", "term"));
        ok("run", "-d", "--name", "stubborn", IMAGE, "sleep", "1000");
        ok("stop", "-t", "1", "stubborn");
        assertEquals("137 exited", ok("inspect", "-f", "{{.State.ExitCode}} {{.State.Status}}", "stubborn"));
        ok("rm", "term", "stubborn");
    }

    @Test
    void lifecycleStatusesAsDockerShowsThem() throws Exception {
        String id = ok("run", "-d", "--name", "life", IMAGE, "sleep", "1000");
        assertEquals(64, id.length());
        assertTrue(ok("ps", "--filter", "name=life", "--format", "{{.Status}}").startsWith("Up "));
        ok("pause", "life");
        assertTrue(ok("ps", "--filter", "name=life", "--format", "{{.Status}}").endsWith("(Paused)"));
        assertEquals("paused true", ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "life"));
        ok("unpause", "life");
        ProcessResult rm = f.docker("rm", "life");
        assertNotEquals(0, rm.exitCode());
        assertTrue(rm.stderr().contains("You cannot remove a running container " + id + ". Stop the container "
                + "before attempting removal or force remove"), rm.stderr());
        String started = ok("inspect", "-f", "{{.State.StartedAt}}", "life");
        ok("restart", "-t", "0", "life");
        assertNotEquals(started, ok("inspect", "-f", "{{.State.StartedAt}}", "life"));
        ok("kill", "life");
        assertEquals("137", ok("wait", "life"));
        assertTrue(ok("ps", "-a", "--filter", "name=life", "--format", "{{.Status}}").startsWith("Exited (137) "));
        ProcessResult kill = f.docker("kill", "life");
        assertTrue(kill.stderr().contains("is not running"), kill.stderr());
        ok("rename", "life", "life2");
        assertEquals("/life2", ok("inspect", "-f", "{{.Name}}", id));
        ok("create", "--name", "taken", IMAGE, "true");
        ProcessResult conflict = f.docker("rename", "life2", "taken");
        assertTrue(conflict.stderr().contains("Conflict. The container name \"/taken\" is already in use"),
                conflict.stderr());
        ProcessResult invalid = f.docker("create", "--name", "bad name!", IMAGE);
        assertTrue(invalid.stderr().contains("Invalid container name (bad name!)"), invalid.stderr());
        ok("start", "-a", "taken");
        ok("rm", "-f", "life2", "taken");
        assertEquals("", ok("ps", "-aq", "--filter", "name=life2"));
    }

    @Test
    void logsFollowTailAndTimestamps() throws Exception {
        ok("run", "--name", "logger", IMAGE, "sh", "-c", "echo one; echo two >&2; echo three");
        assertEquals("one\nthree", ok("logs", "logger"));
        ProcessResult both = f.docker("logs", "logger");
        assertEquals("two\n", both.stderr());
        ok("run", "--name", "lines", IMAGE, "sh", "-c", "echo one; echo two; echo three");
        assertEquals("two\nthree", ok("logs", "--tail", "2", "lines"));
        String stamped = ok("logs", "-t", "--tail", "1", "lines");
        assertTrue(stamped.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z three"), stamped);
        ok("run", "-d", "--name", "follower", IMAGE, "sh", "-c", "echo a; exec sleep 1000");
        while (!ok("logs", "follower").equals("a")) {
            Thread.onSpinWait();
        }
        // follow keeps the stream open while the container runs and ends when it stops
        java.util.concurrent.CompletableFuture<ProcessResult> followed = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return f.docker("logs", "-f", "follower");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
        ok("kill", "follower");
        assertEquals("a\n", followed.get().stdout());
        ok("rm", "logger", "lines", "follower");
    }

    @Test
    void execRunsWithEnvUserWorkdirAndExitCodes() throws Exception {
        ok("run", "-d", "--name", "ex", IMAGE, "sleep", "1000");
        assertEquals(5, f.docker("exec", "ex", "sh", "-c", "exit 5").exitCode());
        assertEquals("v /tmp 1000", ok("exec", "-e", "X=v", "-w", "/tmp", "-u", "app", "ex", "sh", "-c",
                "echo $X $(pwd) $(id -u)"));
        ProcessResult piped = f.dockerWithInput("typed\n", "exec", "-i", "ex", "cat");
        assertEquals("typed\n", piped.stdout());
        ProcessResult missing = f.docker("exec", "ex", "no-such-command");
        assertEquals(127, missing.exitCode(), missing.stderr() + missing.stdout());
        ok("exec", "-d", "ex", "sh", "-c", "echo detached > /tmp/d");
        String top = ok("top", "ex");
        assertTrue(top.lines().findFirst().orElseThrow().matches("UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD"),
                top);
        assertTrue(top.contains("sleep 1000"), top);
        String stats = ok("stats", "--no-stream", "--format", "{{.Name}} {{.PIDs}}", "ex");
        assertTrue(stats.startsWith("ex "), stats);
        ok("rm", "-f", "ex");
    }

    @Test
    void copyDiffExportAndCommit() throws Exception {
        ok("run", "--name", "files", IMAGE, "sh", "-c", "mkdir -p /out && echo made > /out/file && rm /bin/vi");
        Path local = Files.createTempDirectory(f.base, "cp");
        ok("cp", "files:/out/file", local.resolve("copied").toString());
        assertEquals("made\n", Files.readString(local.resolve("copied")));
        Files.writeString(local.resolve("up.txt"), "uploaded\n");
        ok("cp", local.resolve("up.txt").toString(), "files:/out/");
        String diff = ok("diff", "files");
        assertTrue(diff.contains("A /out/up.txt") && diff.contains("D /bin/vi") && diff.contains("C /bin"), diff);
        Path tar = local.resolve("export.tar");
        ok("export", "-o", tar.toString(), "files");
        assertTrue(Files.size(tar) > 100_000);
        String image = ok("commit", "-a", "Ann Author", "-m", "a message", "files", "berth-test/committed:1");
        assertTrue(image.startsWith("sha256:"), image);
        assertEquals("Ann Author|a message", ok("image", "inspect", "-f", "{{.Author}}|{{.Comment}}",
                "berth-test/committed:1"));
        assertEquals("uploaded", ok("run", "--rm", "berth-test/committed:1", "cat", "/out/up.txt"));
        ok("rm", "files");
        ok("rmi", "berth-test/committed:1");
    }

    @Test
    void pruneRemovesStoppedContainersOnly() throws Exception {
        ok("create", "--name", "prune-me", "--label", "prune=yes", IMAGE, "true");
        ok("run", "-d", "--name", "keep-running", IMAGE, "sleep", "1000");
        String out = ok("container", "prune", "-f", "--filter", "label=prune=yes");
        assertTrue(out.contains("Total reclaimed space"), out);
        assertEquals("", ok("ps", "-aq", "--filter", "name=prune-me"));
        assertFalse(ok("ps", "-q", "--filter", "name=keep-running").isEmpty());
        ok("rm", "-f", "keep-running");
    }

    @Test
    void attachToARunningContainerAndStopWhilePaused() throws Exception {
        ok("run", "-d", "-i", "--name", "att", IMAGE, "cat");
        java.util.concurrent.CompletableFuture<ProcessResult> attached = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return f.dockerWithInput("through attach\n", "attach", "att");
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
        while (!ok("logs", "att").equals("through attach")) {
            Thread.onSpinWait();
        }
        ok("pause", "att");
        ok("stop", "-t", "0", "att");
        ProcessResult a = attached.get();
        assertEquals("through attach\n", a.stdout());
        assertEquals(137, a.exitCode(), a.stderr());
        assertEquals("exited false", ok("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "att"));
        ok("rm", "att");
    }

    @Test
    void killSendsTheNamedSignal() throws Exception {
        ok("run", "-d", "--name", "sig", IMAGE, "sh", "-c",
                "trap 'echo got-usr1; exit 7' USR1; while true; do sleep 0.1; done");
        while (!f.docker("exec", "sig", "true").stdout().isEmpty() || !ok("top", "sig").contains("sleep")) {
            Thread.onSpinWait();
        }
        ok("kill", "-s", "USR1", "sig");
        assertEquals("7", ok("wait", "sig"));
        assertEquals("got-usr1", ok("logs", "sig"));
        ok("rm", "sig");
    }

    @Test
    void resourcesCapabilitiesAndNetworkModes() throws Exception {
        String cgroups = ok("run", "--rm", "--pids-limit", "50", "--cpus", "0.5", "--cpu-shares", "512", IMAGE,
                "sh", "-c", "cat /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/cpu/cpu.cfs_quota_us"
                        + " /sys/fs/cgroup/cpu/cpu.shares 2>/dev/null || cat /sys/fs/cgroup/pids.max /sys/fs/cgroup/cpu.max");
        if (f.facts.cgroupMode() != dev.berth.engine.runtime.CgroupMode.V2) {
            assertEquals(List.of("50", "50000", "512"), cgroups.lines().toList());
        }
        ProcessResult noCaps = f.docker("run", "--rm", "--cap-drop", "ALL", IMAGE, "sh", "-c",
                "touch /tmp/x && chown 1 /tmp/x");
        assertEquals(1, noCaps.exitCode());
        assertTrue(noCaps.stderr().contains("Operation not permitted"), noCaps.stderr());
        String capEff = ok("run", "--rm", IMAGE, "grep", "CapEff", "/proc/self/status");
        assertEquals("CapEff:\t00000000a80425fb", capEff);
        String privileged = ok("run", "--rm", "--privileged", IMAGE, "grep", "CapEff", "/proc/self/status");
        assertNotEquals(capEff, privileged);
        assertEquals("lo", ok("run", "--rm", "--network", "none", IMAGE, "ls", "/sys/class/net"));
        assertEquals("lo", ok("run", "--rm", IMAGE, "ls", "/sys/class/net"));
        assertEquals("UP", ok("run", "--rm", IMAGE, "sh", "-c", "ip link show lo | grep -o UP | head -1"));
        String hostNet = ok("run", "--rm", "--network", "host", IMAGE, "ls", "/sys/class/net");
        assertEquals(Files.list(Path.of("/sys/class/net")).map(p -> p.getFileName().toString()).sorted().toList(),
                hostNet.lines().sorted().toList());
        ProcessResult tooMany = f.docker("run", "--rm", "--ulimit", "nofile=1048577:1048577", IMAGE, "true");
        if (!f.facts.capSysResource()) {
            assertEquals(125, tooMany.exitCode());
            assertTrue(tooMany.stderr().contains("hard limit for open files (RLIMIT_NOFILE) is "
                    + f.facts.nofileHardLimit()), tooMany.stderr());
        }
    }
}
