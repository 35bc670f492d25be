package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.onBoth;
import static dev.berth.engine.compat.BothEngines.quietly;
import static dev.berth.engine.compat.BothEngines.same;
import static dev.berth.engine.compat.BothEngines.sameFailure;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ps, logs, exec, attach, stop/kill/pause/restart/rename/wait/rm/prune, inspect, top, stats, cp, diff, commit, export. */
class ContainerLifecycleCliTest {

    static final String IMAGE = Dockerd.BUSYBOX;

    static String sleeper(String name) {
        onBoth("run", "-d", "--name", name, IMAGE, "sleep", "300");
        return name;
    }

    static void awaitExit(TestEngine engine, String name) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (engine.docker("inspect", "-f", "{{.State.Status}}", name).stdout().strip().equals("exited")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not exit");
    }

    @Test
    void psListsFiltersAndLimits() {
        String running = sleeper(unique("ps-run"));
        String exited = unique("ps-exit");
        try {
            onBoth("run", "--name", exited, "--label", "berth.test=ps", IMAGE, "true");
            String ps = berth().docker("ps", "--format", "{{.Names}}").requireSuccess("ps").stdout();
            assertTrue(ps.contains(running) && !ps.contains(exited), ps);
            String all = berth().docker("ps", "-a", "--format", "{{.Names}}").requireSuccess("ps -a").stdout();
            assertTrue(all.contains(running) && all.contains(exited), all);
            same("ps", "-a", "--filter", "name=" + exited, "--format", "{{.Names}} {{.Status}}");
            same("ps", "-a", "--filter", "label=berth.test=ps", "--filter", "status=exited", "--format",
                    "{{.Names}}");
            assertEquals(1, berth().docker("ps", "-a", "-n", "1", "-q").stdout().strip().lines().count());
            String quiet = berth().docker("ps", "-q", "--filter", "name=" + running).stdout().strip();
            assertTrue(quiet.matches("[0-9a-f]{12}"), quiet);
            same("ps", "-a", "--filter", "ancestor=" + IMAGE, "--filter", "name=" + exited, "--format", "{{.Image}}");
        } finally {
            quietly("rm", "-f", running, exited);
        }
    }

    @Test
    void logsSplitStreamsTailAndTimestamps() throws Exception {
        String name = unique("logs");
        try {
            // stdout and stderr reach the log through separate pipes, so only lines of one stream keep their order
            onBoth("run", "--name", name, IMAGE, "sh", "-c", "echo one; echo two >&2; sleep 0.2; echo three");
            ProcessResult logs = same("logs", name);
            assertEquals("one\nthree\n", logs.stdout());
            assertEquals("two\n", logs.stderr());
            assertEquals("three\n", same("logs", "--tail", "1", name).stdout());
            String stamped = berth().docker("logs", "-t", name).requireSuccess("logs -t").stdout();
            assertTrue(stamped.lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z .*")),
                    stamped);
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void logsFollowStreamsUntilTheContainerExits() {
        String name = unique("follow");
        try {
            berth().docker("run", "-d", "--name", name, IMAGE, "sh", "-c",
                    "for i in 1 2 3; do echo line$i; sleep 0.3; done").requireSuccess("run");
            ProcessResult follow = berth().docker("logs", "-f", name);
            assertEquals(0, follow.exitCode(), follow.toString());
            assertEquals("line1\nline2\nline3\n", follow.stdout());
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    @Test
    void execRunsCommandsWithEnvStdinTtyAndExitCodes() {
        String name = sleeper(unique("exec"));
        try {
            assertEquals("v1\n", same("exec", "-e", "X=v1", name, "sh", "-c", "echo $X").stdout());
            assertEquals(5, same("exec", name, "sh", "-c", "exit 5").exitCode());
            ProcessResult stdin = berth().dockerWith(Map.of("DOCKER_HOST", berth().unixEndpoint().uri().toString()),
                    "piped\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", name, "cat");
            assertEquals("piped\n", stdin.stdout());
            assertTrue(same(s -> s.replace("\r", ""), "exec", "-t", name, "sh", "-c", "test -t 0 && echo tty")
                    .stdout().contains("tty"));
            assertEquals("/tmp nobody\n", same("exec", "-w", "/tmp", "-u", "nobody", name, "sh", "-c",
                    "echo $(pwd) $(whoami)").stdout());
            ProcessResult it = Commands.run(List.of("script", "-qec",
                    "docker exec -it " + name + " sh -c 'echo interactive'", "/dev/null"),
                    Map.of("DOCKER_HOST", berth().unixEndpoint().uri().toString()), new byte[0], 60);
            assertTrue(it.stdout().contains("interactive"), it.toString());
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void attachConnectsToTheMainProcess() {
        String name = unique("attach");
        try {
            berth().docker("run", "-d", "-i", "--name", name, IMAGE, "sh", "-c", "read l; echo got $l")
                    .requireSuccess("run -di");
            ProcessResult attach = berth().dockerWith(Map.of("DOCKER_HOST", berth().unixEndpoint().uri().toString()),
                    "hello\n".getBytes(StandardCharsets.UTF_8), "attach", name);
            assertEquals("got hello\n", attach.stdout(), attach.toString());
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    @Test
    void stopSendsTermThenKillAndExitCodesMatchDockerd() throws Exception {
        String trapping = unique("stop-trap");
        String stubborn = unique("stop-kill");
        try {
            onBoth("run", "-d", "--name", trapping, IMAGE, "sh", "-c", "trap 'exit 143' TERM; sleep 300 & wait");
            onBoth("run", "-d", "--name", stubborn, IMAGE, "sleep", "300");
            Thread.sleep(300);
            onBoth("stop", "-t", "1", trapping, stubborn);
            assertEquals("143\n", same("inspect", "-f", "{{.State.ExitCode}}", trapping).stdout());
            assertEquals("137\n", same("inspect", "-f", "{{.State.ExitCode}}", stubborn).stdout());
            same("stop", trapping);
        } finally {
            quietly("rm", "-f", trapping, stubborn);
        }
    }

    @Test
    void killSendsTheSignalAsked() throws Exception {
        String name = unique("kill");
        try {
            onBoth("run", "-d", "--name", name, IMAGE, "sh", "-c", "trap 'exit 10' USR1; sleep 300 & wait");
            Thread.sleep(300);
            onBoth("kill", "-s", "USR1", name);
            awaitExit(berth(), name);
            awaitExit(BothEngines.dockerd(), name);
            assertEquals("10\n", same("inspect", "-f", "{{.State.ExitCode}}", name).stdout());
            sameFailure("is not running", "kill", name);
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void pauseUnpauseRestartRenameAndWait() throws Exception {
        String name = sleeper(unique("pause"));
        String renamed = name + "-renamed";
        try {
            onBoth("pause", name);
            assertEquals("paused true\n", same("inspect", "-f", "{{.State.Status}} {{.State.Paused}}", name).stdout());
            assertTrue(berth().docker("ps", "--filter", "name=" + name, "--format", "{{.Status}}").stdout()
                    .contains("(Paused)"));
            onBoth("unpause", name);
            assertEquals("running\n", same("inspect", "-f", "{{.State.Status}}", name).stdout());
            String startedBefore = berth().docker("inspect", "-f", "{{.State.StartedAt}}", name).stdout();
            onBoth("restart", "-t", "0", name);
            assertNotEquals(startedBefore, berth().docker("inspect", "-f", "{{.State.StartedAt}}", name).stdout());
            // dockerd's rename fails on its --bridge=none test setup ("sandbox not found"), so Berth alone here
            berth().docker("rename", name, renamed).requireSuccess("rename");
            assertEquals("/" + renamed + "\n", berth().docker("inspect", "-f", "{{.Name}}", renamed).stdout());
            ProcessResult old = berth().docker("inspect", "--type", "container", name);
            assertEquals(1, old.exitCode());
            assertTrue(old.stderr().contains("No such container"), old.stderr());
        } finally {
            quietly("rm", "-f", name, renamed);
        }
        String waiter = unique("wait");
        try {
            onBoth("run", "-d", "--name", waiter, IMAGE, "sh", "-c", "sleep 0.5; exit 7");
            assertEquals("7\n", same("wait", waiter).stdout());
        } finally {
            quietly("rm", "-f", waiter);
        }
    }

    @Test
    void removeRefusesRunningContainersUnlessForcedAndPruneRemovesStopped() {
        String running = sleeper(unique("rm-run"));
        String stopped = unique("rm-stopped");
        try {
            sameFailure("cannot remove", "rm", running);
            same("rm", "-f", running);
            onBoth("create", "--name", stopped, IMAGE, "true");
            BothEngines.dockerd().docker("container", "prune", "-f").requireSuccess("dockerd prune");
            ProcessResult prune = berth().docker("container", "prune", "-f").requireSuccess("prune");
            assertTrue(prune.stdout().contains("Deleted Containers") || prune.stdout().contains("Total reclaimed"),
                    prune.stdout());
            sameFailure("No such container", "rm", stopped);
        } finally {
            quietly("rm", "-f", running, stopped);
            BothEngines.dockerd().docker("container", "prune", "-f");
        }
    }

    @Test
    void inspectFormatsTopAndStats() {
        String name = sleeper(unique("inspect"));
        try {
            same("inspect", "-f", "{{.State.Status}} {{.State.Running}} {{.Config.Image}} {{.Name}} "
                    + "{{.Path}} {{.Args}} {{.HostConfig.RestartPolicy.Name}}", name);
            String pid = berth().docker("inspect", "-f", "{{.State.Pid}}", name).stdout().strip();
            assertTrue(Integer.parseInt(pid) > 0, pid);
            assertTrue(Files.exists(Path.of("/proc", pid)), "container pid is a host pid");
            String top = berth().docker("top", name).requireSuccess("top").stdout();
            assertTrue(top.startsWith("UID") && top.contains("sleep 300"), top);
            String stats = berth().docker("stats", "--no-stream", "--format", "{{.Name}} {{.MemUsage}}", name)
                    .requireSuccess("stats").stdout();
            assertTrue(stats.startsWith(name + " "), stats);
            assertFalse(stats.contains("0B / 0B"), stats);
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void copyBothWaysDiffCommitAndExport(@TempDir Path dir) throws Exception {
        String name = unique("cp");
        String committed = "berth-test/committed-" + name + ":v1";
        try {
            onBoth("run", "--name", name, IMAGE, "sh", "-c", "mkdir /srv && echo x > /srv/new; rm /etc/group");
            String diff = same(s -> Arrays.stream(s.split("\n")).sorted().reduce("", (a, b) -> a + b + "\n"),
                    "diff", name).stdout();
            assertTrue(diff.contains("A /srv/new") && diff.contains("D /etc/group") && diff.contains("C /etc"), diff);

            Files.writeString(dir.resolve("in.txt"), "uploaded\n");
            berth().docker("cp", dir.resolve("in.txt").toString(), name + ":/srv/in.txt").requireSuccess("cp in");
            berth().docker("cp", name + ":/srv", dir.resolve("out").toString()).requireSuccess("cp out");
            assertEquals("x\n", Files.readString(dir.resolve("out/new")));
            assertEquals("uploaded\n", Files.readString(dir.resolve("out/in.txt")));
            sameFailure("Could not find the file", "cp", name + ":/nope", dir.toString());

            berth().docker("commit", "-a", "Berth Tests", "-m", "adds /srv", name, committed)
                    .requireSuccess("commit");
            assertEquals("Berth Tests adds /srv\n", berth().docker("image", "inspect", "-f",
                    "{{.Author}} {{.Comment}}", committed).stdout());
            assertEquals("uploaded\n", berth().docker("run", "--rm", committed, "cat", "/srv/in.txt").stdout());

            Path tar = dir.resolve("export.tar");
            berth().docker("export", "-o", tar.toString(), name).requireSuccess("export");
            String listing = Commands.run(List.of("tar", "-tf", tar.toString()), Map.of(), null, 30).stdout();
            assertTrue(listing.contains("bin/busybox") && listing.contains("srv/new"), listing);
        } finally {
            quietly("rm", "-f", name);
            berth().docker("rmi", "-f", committed);
        }
    }

    /** docker cp sees a container's volumes and binds, running or never started, and honours their read-only flag. */
    @Test
    void copyReachesVolumesAndBindsAsInDocker(@TempDir Path dir) throws Exception {
        String created = unique("cpvol-created");
        String running = unique("cpvol-running");
        String readOnly = unique("cpvol-ro");
        String volume = unique("cpvol");
        Path host = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(host.resolve("app.conf"), "from the host\n");
        Files.writeString(dir.resolve("in.txt"), "uploaded\n");
        try {
            onBoth("volume", "create", volume);
            onBoth("create", "--name", created, "-v", volume + ":/data", "-v", host + ":/conf:ro", IMAGE, "true");

            // never started: copy into the volume, read it back through another container
            same("cp", dir.resolve("in.txt").toString(), created + ":/data/in.txt");
            assertEquals("uploaded\n", berth().docker("run", "--rm", "-v", volume + ":/v", IMAGE, "cat", "/v/in.txt")
                    .requireSuccess("read the volume").stdout());
            String conf = berth().docker("cp", created + ":/conf/app.conf", "-").stdout();
            assertTrue(conf.contains("from the host"), conf);
            sameFailure("mounted volume is marked read-only", "cp", dir.resolve("in.txt").toString(),
                    created + ":/conf/");
            assertFalse(Files.exists(host.resolve("in.txt")), "nothing written through a read-only bind");

            // running: what the container wrote to its volume comes out, what is copied in is seen inside
            onBoth("run", "-d", "--name", running, "-v", volume + ":/data", IMAGE, "sh", "-c",
                    "echo inside > /data/mine; exec sleep 300");
            ContainerLifecycleCliTest.awaitFile(running, "/data/mine");
            assertTrue(berth().docker("cp", running + ":/data/mine", "-").stdout().contains("inside"));
            Files.writeString(dir.resolve("late.txt"), "copied while running\n");
            same("cp", dir.resolve("late.txt").toString(), running + ":/data/late.txt");
            assertEquals("copied while running\n", berth().docker("exec", running, "cat", "/data/late.txt")
                    .requireSuccess("exec cat").stdout());
            assertEquals("1\n", berth().docker("exec", running, "grep", "-c", " /data ", "/proc/mounts").stdout(),
                    "the copy mounted nothing more into the running container");

            // a read-only rootfs still takes files into a writable volume, and refuses them elsewhere
            onBoth("create", "--name", readOnly, "--read-only", "-v", volume + ":/data", IMAGE, "true");
            same("cp", dir.resolve("in.txt").toString(), readOnly + ":/data/again.txt");
            sameFailure("container rootfs is marked read-only", "cp", dir.resolve("in.txt").toString(),
                    readOnly + ":/tmp/");
        } finally {
            quietly("rm", "-f", created, running, readOnly);
            quietly("volume", "rm", "-f", volume);
        }
    }

    /** Waits until the container has written {@code path} (on Berth). */
    static void awaitFile(String container, String path) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (berth().docker("exec", container, "test", "-e", path).exitCode() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never appeared in " + container);
    }

    /** docker update: limits reach the running container's cgroup, the restart policy the next exit; refusals. */
    @Test
    void updateChangesLimitsAndRestartPolicyAsInDocker() throws Exception {
        String up = sleeper(unique("upd"));
        String flaky = unique("upd-flaky");
        String gone = unique("upd-rm");
        try {
            sameFailure("Memory limit should be smaller than already set memoryswap limit, update the memoryswap at "
                    + "the same time", "update", "--memory", "64m", up);
            same("update", "--memory", "64m", "--memory-swap", "128m", up);
            same("update", "--cpus", "0.5", "--cpu-shares", "512", "--pids-limit", "50", "--restart", "on-failure:3",
                    up);
            same("inspect", "-f", "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} "
                    + "{{.HostConfig.CpuShares}} {{.HostConfig.PidsLimit}} {{.HostConfig.RestartPolicy.Name}} "
                    + "{{.HostConfig.RestartPolicy.MaximumRetryCount}}", up);
            assertEquals("67108864", cgroupValue(up, "memory", "memory.limit_in_bytes"));
            assertEquals("50000", cgroupValue(up, "cpu", "cpu.cfs_quota_us"));
            assertEquals("512", cgroupValue(up, "cpu", "cpu.shares"));
            assertEquals("50", cgroupValue(up, "pids", "pids.max"));
            Thread.sleep(1100); // the CLI sends --until in whole seconds: this second's events come after it
            String events = berth().docker("events", "--since", "5m", "--until", "0s", "--filter", "container=" + up,
                    "--filter", "event=update", "--format", "{{.Action}}").stdout();
            assertEquals("update\nupdate\n", events);

            sameFailure("Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set",
                    "update", "--cpu-quota", "20000", up);
            sameFailure("Minimum memory limit allowed is 6MB", "update", "--memory", "1m", up);
            sameFailure("No such container", "update", "--cpus", "1", unique("upd-none"));
            onBoth("run", "-d", "--rm", "--name", gone, IMAGE, "sleep", "300");
            sameFailure("Restart policy cannot be updated because AutoRemove is enabled for the container", "update",
                    "--restart", "always", gone);

            // a new policy decides what happens at the next exit
            berth().docker("run", "-d", "--name", flaky, IMAGE, "sh", "-c", "sleep 2; exit 3")
                    .requireSuccess("run flaky");
            berth().docker("update", "--restart", "on-failure:2", flaky).requireSuccess("update flaky");
            for (int i = 0; i < 200 && !berth().docker("inspect", "-f", "{{.RestartCount}}", flaky).stdout().strip()
                    .equals("2"); i++) {
                Thread.sleep(100);
            }
            assertEquals("2", berth().docker("inspect", "-f", "{{.RestartCount}}", flaky).stdout().strip());
        } finally {
            quietly("rm", "-f", up, gone);
            berth().docker("rm", "-f", flaky);
        }
    }

    /** A limit as the kernel holds it for the container's init process (the cgroup v1 hierarchy of controller). */
    private static String cgroupValue(String container, String controller, String file) throws Exception {
        String pid = berth().docker("inspect", "-f", "{{.State.Pid}}", container).stdout().strip();
        for (String line : Files.readAllLines(Path.of("/proc", pid, "cgroup"))) {
            String[] parts = line.split(":", 3);
            if (Arrays.asList(parts[1].split(",")).contains(controller)) {
                return Files.readString(Path.of("/sys/fs/cgroup", parts[1], parts[2], file)).strip();
            }
        }
        throw new AssertionError("no " + controller + " cgroup for " + container);
    }
}
