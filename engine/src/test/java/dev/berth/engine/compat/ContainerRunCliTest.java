package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.onBoth;
import static dev.berth.engine.compat.BothEngines.quietly;
import static dev.berth.engine.compat.BothEngines.same;
import static dev.berth.engine.compat.BothEngines.sameFailure;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `docker run` and its flags, on Berth's engine and on dockerd, with the same observable results. */
class ContainerRunCliTest {

    static final String IMAGE = Dockerd.BUSYBOX;

    @Test
    void foregroundRunPrintsOutputAndExitsWithTheContainersCode() {
        assertEquals("hello\n", same("run", "--rm", IMAGE, "echo", "hello").stdout());
        same("run", "--rm", IMAGE, "true");
        assertEquals(3, same("run", "--rm", IMAGE, "sh", "-c", "exit 3").exitCode());
        ProcessResult both = same("run", "--rm", IMAGE, "sh", "-c", "echo out; echo err >&2");
        assertEquals("err\n", both.stderr());
    }

    @Test
    void aMissingExecutableExitsLikeDockerd() {
        sameFailure("", "run", "--rm", IMAGE, "/nonexistent");
    }

    @Test
    void detachedRunPrintsTheIdAndShowsUpInPs() {
        String name = unique("detached");
        try {
            ProcessResult run = berth().docker("run", "-d", "--name", name, IMAGE, "sleep", "60");
            run.requireSuccess("run -d");
            assertTrue(run.stdout().strip().matches("[0-9a-f]{64}"), run.stdout());
            String ps = berth().docker("ps", "--filter", "name=" + name, "--format", "{{.Names}} {{.Status}}")
                    .requireSuccess("ps").stdout();
            assertTrue(ps.startsWith(name + " Up "), ps);
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    @Test
    void environmentWorkdirUserHostnameAndExtraHosts(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("env");
        Files.writeString(envFile, "B=from-file\n# comment\nC=3\n");
        String script = "echo $A $B $C; pwd; id -u; hostname; grep db /etc/hosts";
        ProcessResult out = same("run", "--rm", "-e", "A=1", "--env-file", envFile.toString(), "-w", "/tmp",
                "-u", "nobody", "--hostname", "h1", "--add-host", "db:10.0.0.5", IMAGE, "sh", "-c", script);
        assertEquals("1 from-file 3\n/tmp\n65534\nh1\n10.0.0.5\tdb\n", out.stdout());
    }

    @Test
    void entrypointReplacesTheImagesCommand() {
        assertEquals("hi there\n", same("run", "--rm", "--entrypoint", "echo", IMAGE, "hi", "there").stdout());
    }

    @Test
    void interactiveRunReadsStdin() {
        for (TestEngine engine : List.of(berth(), BothEngines.dockerd())) {
            ProcessResult r = engine.dockerWith(Map.of("DOCKER_HOST", engine.unixEndpoint().uri().toString()),
                    "line one\nline two\n".getBytes(StandardCharsets.UTF_8), "run", "-i", "--rm", IMAGE, "cat");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("line one\nline two\n", r.stdout());
        }
    }

    @Test
    void ttyRunGivesTheProcessATerminal() {
        ProcessResult r = same(s -> s.replace("\r", ""), "run", "--rm", "-t", IMAGE, "sh", "-c",
                "test -t 1 && echo tty");
        assertTrue(r.stdout().contains("tty"), r.stdout());
    }

    @Test
    void interactiveTtyRunWorksUnderARealTerminal() {
        // dockerd 20.10 often loses this first resize (stty then fails); Berth applies the terminal's size
        ProcessResult r = Commands.run(List.of("script", "-qec",
                "stty rows 33 cols 101; docker run -it --rm " + IMAGE + " sh -c 'echo inside; stty size'",
                "/dev/null"), Map.of("DOCKER_HOST", berth().unixEndpoint().uri().toString()), new byte[0], 60);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.stdout().replace("\r", "").contains("inside\n33 101"), r.stdout());
    }

    @Test
    void readOnlyRootfsRefusesWritesButTmpfsAccepts() {
        ProcessResult ro = sameFailure("Read-only file system", "run", "--rm", "--read-only", IMAGE,
                "touch", "/x");
        assertEquals(1, ro.exitCode());
        assertEquals("ok\n", same("run", "--rm", "--read-only", "--tmpfs", "/scratch", IMAGE, "sh", "-c",
                "touch /scratch/x && echo ok").stdout());
    }

    @Test
    void namedVolumesKeepDataAndBindMountsShareHostFiles(@TempDir Path dir) throws Exception {
        String volume = unique("vol");
        try {
            onBoth("run", "--rm", "-v", volume + ":/data", IMAGE, "sh", "-c", "echo kept > /data/f");
            assertEquals("kept\n", same("run", "--rm", "-v", volume + ":/data", IMAGE, "cat", "/data/f").stdout());
        } finally {
            quietly("volume", "rm", "-f", volume);
        }
        Files.writeString(dir.resolve("host.txt"), "from host\n");
        ProcessResult bind = berth().docker("run", "--rm", "-v", dir + ":/mnt", IMAGE, "sh", "-c",
                "cat /mnt/host.txt; echo back > /mnt/out.txt");
        assertEquals("from host\n", bind.requireSuccess("bind mount").stdout());
        assertEquals("back\n", Files.readString(dir.resolve("out.txt")));
    }

    @Test
    void memoryLimitReachesTheCgroup() {
        String name = unique("mem");
        try {
            berth().docker("run", "-d", "--name", name, "--memory", "64m", IMAGE, "sleep", "60")
                    .requireSuccess("run --memory");
            assertEquals("67108864\n", berth().docker("inspect", "-f", "{{.HostConfig.Memory}}", name).stdout());
            String limit = berth().docker("exec", name, "sh", "-c",
                    "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max")
                    .requireSuccess("read cgroup").stdout().strip();
            assertEquals("67108864", limit);
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    @Test
    void aSeccompFilterConfinesContainersUnlessPrivilegedOrUnconfined() {
        assertEquals("Seccomp:\t2\n", same("run", "--rm", IMAGE, "grep", "^Seccomp:", "/proc/self/status").stdout());
        // dockerd 20.10 cannot start --privileged on this host ("unable to apply caps"); Berth grants what it has
        assertEquals("Seccomp:\t0\n", berth().docker("run", "--rm", "--privileged", IMAGE, "grep", "^Seccomp:",
                "/proc/self/status").stdout());
        assertEquals("Seccomp:\t0\n", same("run", "--rm", "--security-opt", "seccomp=unconfined", IMAGE, "grep",
                "^Seccomp:", "/proc/self/status").stdout());
        // new namespaces are refused to root in the container (no CAP_SYS_ADMIN; the filter refuses unshare too)
        ProcessResult keys = berth().docker("run", "--rm", IMAGE, "sh", "-c", "cat /proc/self/status >/dev/null; "
                + "unshare -m true 2>&1; echo unshare=$?");
        assertTrue(keys.stdout().contains("unshare=1"), keys.stdout());
    }

    @Test
    void autoRemoveRemovesTheContainerWhenItExits() {
        String name = unique("rm");
        berth().docker("run", "--rm", "--name", name, IMAGE, "true").requireSuccess("run --rm");
        ProcessResult gone = berth().docker("inspect", name);
        assertEquals(1, gone.exitCode());
        assertTrue(gone.stderr().contains("No such object") || gone.stderr().contains("No such container"),
                gone.stderr());
    }

    @Test
    void createThenStartAttached() {
        String name = unique("created");
        try {
            onBoth("create", "--name", name, IMAGE, "echo", "from create");
            assertEquals("created\n", same("inspect", "-f", "{{.State.Status}}", name).stdout());
            assertEquals("from create\n", same("start", "-a", name).stdout());
            assertEquals("exited 0\n", same("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", name)
                    .stdout());
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void aNameInUseIsAConflict() {
        String name = unique("dup");
        try {
            onBoth("create", "--name", name, IMAGE, "true");
            sameFailure("is already in use", "create", "--name", name, IMAGE, "true");
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void restartPolicyOnFailureRestartsUpToItsLimit() throws Exception {
        String name = unique("onfail");
        try {
            berth().docker("run", "-d", "--name", name, "--restart", "on-failure:2", IMAGE, "sh", "-c", "exit 1")
                    .requireSuccess("run --restart");
            String state = "";
            for (int i = 0; i < 100; i++) {
                state = berth().docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
                        name).stdout().strip();
                if (state.equals("2 exited 1")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("2 exited 1", state);
            assertEquals("on-failure 2\n", berth().docker("inspect", "-f",
                    "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", name)
                    .stdout());
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    @Test
    void restartAlwaysBringsAnExitedProcessBack() throws Exception {
        String name = unique("always");
        try {
            berth().docker("run", "-d", "--name", name, "--restart", "always", IMAGE, "sh", "-c", "sleep 0.2")
                    .requireSuccess("run --restart always");
            int count = 0;
            for (int i = 0; i < 100 && count < 2; i++) {
                count = Integer.parseInt(berth().docker("inspect", "-f", "{{.RestartCount}}", name).stdout().strip());
                Thread.sleep(100);
            }
            assertTrue(count >= 2, "restart count " + count);
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    /** --device and --device-cgroup-rule: the node appears where asked, with the access asked; refusals as dockerd's. */
    @Test
    void devicesAndDeviceRulesAsInDocker() {
        assertEquals("c\nwritten\n", same("run", "--rm", "--device", "/dev/null:/dev/mynull", IMAGE, "sh", "-c",
                "ls -l /dev/mynull | cut -c1; echo hi > /dev/mynull && echo written").stdout());
        // /dev/full (1:7) is not in the default allow list: the mapping with ":r" lets it be read (writing behaves
        // as on dockerd, whatever the host's device cgroup makes of it)
        ProcessResult readOnly = same("run", "--rm", "--device", "/dev/full:/dev/ro:r", IMAGE, "sh", "-c",
                "head -c 1 /dev/ro | od -An -tx1 | tr -d ' '; (echo x > /dev/ro) 2>&1");
        assertTrue(readOnly.stdout().startsWith("00\n"), readOnly.stdout());
        // a node made inside the container, with a rule letting it in (whether the host's device cgroup enforces
        // the default deny differs between hosts; both engines must agree)
        String full = "mknod /tmp/full c 1 7 && head -c 1 /tmp/full | od -An -tx1 | tr -d ' ' || echo denied";
        same("run", "--rm", IMAGE, "sh", "-c", full);
        assertEquals("00\n", same("run", "--rm", "--device-cgroup-rule", "c 1:7 r", IMAGE, "sh", "-c", full)
                .stdout());
        sameFailure("invalid device cgroup format 'c 1 r'", "run", "--rm", "--device-cgroup-rule", "c 1 r", IMAGE,
                "true");
        sameFailure("error gathering device information while adding custom device \"/dev/berth-nope\": no such "
                + "file or directory", "run", "--rm", "--device", "/dev/berth-nope", IMAGE, "true");
        sameFailure("error gathering device information while adding custom device \"/etc/hostname\": not a device "
                + "node", "run", "--rm", "--device", "/etc/hostname", IMAGE, "true");
    }

    @Test
    void logDriverNoneKeepsNothingToRead() {
        String name = unique("nolog");
        try {
            onBoth("run", "-d", "--name", name, "--log-driver", "none", IMAGE, "echo", "hi");
            sameFailure("configured logging driver does not support reading", "logs", name);
            same("inspect", "-f", "{{.HostConfig.LogConfig.Type}}", name);
        } finally {
            quietly("rm", "-f", name);
        }
    }

    @Test
    void execAsAnUnknownUserOwnHostsEntryAndWarningsAsInDocker() {
        String name = unique("exu");
        try {
            onBoth("run", "-d", "--name", name, IMAGE, "sleep", "300");
            ProcessResult unknown = same(s -> s.strip(), "exec", "-u", "nosuchuser", name, "id");
            assertEquals(126, unknown.exitCode());
            assertTrue(unknown.stdout().contains("unable to find user nosuchuser"), unknown.stdout());
        } finally {
            quietly("rm", "-f", name);
        }
        assertEquals("web.example.com web\n", same("run", "--rm", "-h", "web", "--domainname", "example.com", IMAGE,
                "sh", "-c", "grep -w web /etc/hosts | cut -f2").stdout());
        assertEquals("my.host.name my\n", same("run", "--rm", "-h", "my.host.name", IMAGE, "sh", "-c",
                "grep -w my /etc/hosts | cut -f2").stdout());
        ProcessResult warned = same("run", "--rm", "--oom-kill-disable", IMAGE, "true");
        assertTrue(warned.stderr().contains("WARNING: OOM killer is disabled for the container, but no memory limit "
                + "is set"), warned.stderr());
    }

    /** A local image of another architecture is not what --platform asks for: the CLI goes to pull, as with dockerd. */
    @Test
    void platformOfAnotherArchitectureIsNotTheLocalImage() {
        assertEquals(0, same("run", "--rm", "--platform", "linux/amd64", IMAGE, "true").exitCode());
        sameFailure("Unable to find image", "run", "--rm", "--platform", "linux/arm64", IMAGE, "true");
    }
}
