package dev.berth.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.testing.BerthEngine;
import dev.berth.engine.testing.BusyboxImage;
import dev.berth.engine.testing.DockerCli;
import dev.berth.engine.testing.EngineLogOnFailure;
import dev.berth.remote.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's crash-recovery promise, through the docker CLI: the engine is killed with SIGKILL while containers
 * run; they keep running without it; the next engine on the same directories adopts them with the same IDs and
 * their whole logs, reports the real exit codes of those that ended before or during the outage, resumes restart
 * policies (but not for a container stopped by hand under unless-stopped), and keeps volumes and images.
 *
 * <p>Uses a private engine: a kill -9 of the shared one would disturb every other suite.
 */
@ExtendWith(EngineLogOnFailure.class)
class CrashRecoveryCliTest {

    private static final String IMAGE = BerthEngine.BUSYBOX;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void containersSurviveAKilledEngineAndAreAdoptedByTheNextOne(@TempDir Path signals) throws Exception {
        try (BerthEngine engine = BerthEngine.startNew()) {
            try {
                survivesTheCrash(engine, signals);
            } catch (AssertionError | RuntimeException e) {
                // this engine is not the shared one the extension shows: its log goes with the failure
                throw new AssertionError(e.getMessage() + "\n---- the test engine's log ----\n" + engine.logTail(80),
                        e);
            }
        }
    }

    private static void survivesTheCrash(BerthEngine engine, Path signals) throws Exception {
        DockerCli docker = engine.cli();
        docker.run(BusyboxImage.importArgs()).requireSuccess("import busybox");
        docker.run("tag", IMAGE, "berth-test/kept:v1").requireSuccess("tag");
        docker.run("volume", "create", "kept-data").requireSuccess("volume create");
        docker.run("run", "--rm", "-v", "kept-data:/data", IMAGE, "sh", "-c", "echo persisted > /data/f")
                .requireSuccess("write to the volume");

        String printer = id(docker.run("run", "-d", "--name", "printer", IMAGE, "sh", "-c",
                "i=0; while :; do echo line$i; i=$((i+1)); sleep 0.1; done"));
        String failed = id(docker.run("run", "-d", "--name", "failed", IMAGE, "sh", "-c", "echo failing; exit 3"));
        String always = id(docker.run("run", "-d", "--name", "always", "--restart", "always", IMAGE, "sh", "-c",
                "echo tick; sleep 1"));
        String manual = id(docker.run("run", "-d", "--name", "manual", "--restart", "unless-stopped", IMAGE,
                "sleep", "300"));
        docker.run("stop", "-t", "1", "manual").requireSuccess("stop manual");
        // ends only when told to, through a bind mount: the test tells it while no engine is running
        String late = id(docker.run("run", "-d", "--name", "late", "-v", signals + ":/signal", IMAGE, "sh", "-c",
                "echo waiting; while [ ! -e /signal/go ]; do sleep 0.1; done; echo leaving; exit 42"));

        await("`failed` exited", () -> inspect(docker, "{{.State.Status}}", "failed").equals("exited"));
        await("`always` restarted once", () -> Integer.parseInt(inspect(docker, "{{.RestartCount}}", "always")) >= 1
                && inspect(docker, "{{.State.Running}}", "always").equals("true"));
        await("`printer` printed", () -> docker.run("logs", "printer").stdout().lines().count() >= 5);
        await("`late` waits", () -> docker.run("logs", "late").stdout().equals("waiting\n"));

        List<String> images = images(docker);
        long printerPid = pid(docker, "printer");
        long latePid = pid(docker, "late");
        // `always` runs a second at a time: its pid, restart count and start time from one moment it runs
        String[] alwaysNow = new String[1];
        await("`always` runs", () -> {
            alwaysNow[0] = inspect(docker, "{{.State.Running}} {{.State.Pid}} {{.RestartCount}} {{.State.StartedAt}}",
                    "always");
            String[] parts = alwaysNow[0].split(" ");
            return parts[0].equals("true") && alive(Long.parseLong(parts[1]));
        });
        long alwaysPid = Long.parseLong(alwaysNow[0].split(" ")[1]);
        int alwaysRestarts = Integer.parseInt(alwaysNow[0].split(" ")[2]);
        String alwaysStartedAt = alwaysNow[0].split(" ")[3];
        String logsBeforeCrash = docker.run("logs", "printer").requireSuccess("logs before").stdout();

        engine.kill9();

        // no engine now: the containers run on under conmon
        assertTrue(docker.run("ps").exitCode() != 0, "nobody serves the socket after kill -9");
        assertTrue(alive(printerPid), "printer still runs while the engine is down");
        assertTrue(alive(latePid), "late still runs while the engine is down");
        Files.createFile(signals.resolve("go"));
        // conmon writes the exit file and then exits: once it is gone, the exit is on disk for the next engine
        await("`late` exits while the engine is down", () -> !alive(latePid) && !conmonRunsFor(late));
        // `always` runs `sleep 1`: it ends during the outage too, and nobody restarts it until the engine is back
        await("`always` exits while the engine is down", () -> !alive(alwaysPid) && !conmonRunsFor(always));
        assertTrue(alive(printerPid), "printer still runs while the engine is down");

        engine.restart();

        // running containers adopted: same full IDs, same processes, whole logs and new output
        String ps = docker.run("ps", "--no-trunc", "--format", "{{.ID}} {{.Names}}").requireSuccess("ps").stdout();
        assertTrue(ps.lines().anyMatch(l -> l.equals(printer + " printer")), ps);
        assertEquals("true " + printerPid, inspect(docker, "{{.State.Running}} {{.State.Pid}}", "printer"));
        await("`printer` keeps printing after the restart", () -> {
            String logs = docker.run("logs", "printer").stdout();
            return logs.lines().count() > logsBeforeCrash.lines().count() + 5;
        });
        String logs = docker.run("logs", "printer").requireSuccess("logs after").stdout();
        assertTrue(logs.startsWith(logsBeforeCrash), "everything logged before the crash is still there");
        List<String> lines = logs.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            assertEquals("line" + i, lines.get(i), "no line lost around the outage");
        }
        assertEquals("hi\n", docker.run("exec", "printer", "echo", "hi").requireSuccess("exec into adopted").stdout());

        // exited before the crash: its code kept
        String failedStatus = docker.run("ps", "-a", "--filter", "name=failed", "--format", "{{.ID}} {{.Status}}")
                .requireSuccess("ps -a").stdout();
        assertTrue(failedStatus.startsWith(failed.substring(0, 12) + " Exited (3) "), failedStatus);
        assertEquals("exited 3", inspect(docker, "{{.State.Status}} {{.State.ExitCode}}", "failed"));
        assertEquals("failing\n", docker.run("logs", "failed").stdout());

        // exited while no engine watched: the real code, from conmon's exit file, and its last words
        assertEquals("exited false 42", inspect(docker, "{{.State.Status}} {{.State.Running}} {{.State.ExitCode}}",
                "late"));
        assertEquals("waiting\nleaving\n", docker.run("logs", "late").stdout());
        assertEquals("42\n", docker.run("wait", "late").stdout());
        assertEquals(late, inspect(docker, "{{.Id}}", "late"));

        // --restart always comes back; the next exits restart it as before
        await("`always` runs again after the restart", () ->
                inspect(docker, "{{.State.Running}}", "always").equals("true")
                        && !inspect(docker, "{{.State.StartedAt}}", "always").equals(alwaysStartedAt));
        assertEquals(always, inspect(docker, "{{.Id}}", "always"));
        int restartsNow = Integer.parseInt(inspect(docker, "{{.RestartCount}}", "always"));
        assertTrue(restartsNow >= alwaysRestarts, "RestartCount kept: " + alwaysRestarts + " → " + restartsNow);
        await("`always` keeps restarting under the new engine", () ->
                Integer.parseInt(inspect(docker, "{{.RestartCount}}", "always")) > restartsNow);

        // unless-stopped, stopped by hand: the engine's restore (done by now: `always` is back) leaves it stopped
        assertEquals("exited false", inspect(docker, "{{.State.Status}} {{.State.Running}}", "manual"));
        assertEquals(manual, inspect(docker, "{{.Id}}", "manual"));
        assertFalse(docker.run("ps", "--format", "{{.Names}}").stdout().contains("manual"));

        // nothing lost: images, tags, volume data
        assertEquals(images, images(docker));
        assertEquals("persisted\n", docker.run("run", "--rm", "-v", "kept-data:/data", IMAGE, "cat", "/data/f")
                .requireSuccess("read the volume").stdout());

        // adopted containers can be removed like any other
        docker.run("rm", "-f", "printer", "always").requireSuccess("rm -f adopted");
        await("the adopted printer's process is gone", () -> !alive(printerPid));
        String left = docker.run("ps", "-a", "--format", "{{.Names}}").requireSuccess("ps -a").stdout();
        assertFalse(left.contains("printer") || left.contains("always"), left);
    }

    private static String id(ProcessResult run) {
        String id = run.requireSuccess("docker run -d").stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        return id;
    }

    /** "repo:tag id" of every image, sorted: the CLI prints an image's repositories in Go's random map order. */
    private static List<String> images(DockerCli docker) {
        return docker.run("images", "--no-trunc", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}")
                .requireSuccess("images").stdout().lines().sorted().toList();
    }

    private static String inspect(DockerCli docker, String format, String name) {
        return docker.run("inspect", "-f", format, name).requireSuccess("inspect " + name).stdout().strip();
    }

    private static long pid(DockerCli docker, String name) {
        long pid = Long.parseLong(inspect(docker, "{{.State.Pid}}", name));
        assertTrue(pid > 0 && alive(pid), name + " has a live host pid: " + pid);
        return pid;
    }

    /** A live process (not a zombie waiting for its parent). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Whether a conmon monitoring container {@code id} still runs (its command line names the ID). */
    private static boolean conmonRunsFor(String id) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/conmon"))
                .anyMatch(p -> List.of(p.info().arguments().orElse(new String[0])).contains(id));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }
}
