package dev.berth.engine.runtime;

import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.storage.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The low-level runtime the container service drives: OCI bundles under the engine's run root, runc for the
 * lifecycle, conmon for monitoring, attach and exec. It knows nothing of Docker's API; it runs what it is given.
 */
public final class ContainerRuntime {

    private final HostFacts facts;
    private final EngineDirs dirs;
    private final Runc runc;
    private final Conmon conmon;
    private final CgroupStats stats;

    public ContainerRuntime(HostFacts facts, EngineDirs dirs) {
        this(facts, dirs, new ConmonCgroup(facts, "berth/conmon"));
    }

    public ContainerRuntime(HostFacts facts, EngineDirs dirs, ConmonCgroup conmonCgroup) {
        this.facts = facts;
        this.dirs = dirs;
        this.runc = new Runc(facts.runc(), dirs.runcRoot());
        this.conmon = new Conmon(facts.conmon(), runc, dirs.exits(), conmonCgroup);
        this.stats = new CgroupStats(facts);
    }

    /** Releases what the runtime keeps ready for the next start (a spare shell); containers keep running. */
    public void close() {
        conmon.close();
    }

    public HostFacts facts() {
        return facts;
    }

    public Runc runc() {
        return runc;
    }

    /** The container's bundle: config.json and every runtime file of conmon and runc (on the run root's tmpfs). */
    public Path bundle(String id) {
        return dirs.runContainers().resolve(id);
    }

    public Path exitsDir() {
        return dirs.exits();
    }

    /** Writes config.json (atomically) into a fresh bundle directory. */
    public void writeSpec(String id, OciSpec spec) {
        Path bundle = bundle(id);
        try {
            createBundle(bundle);
            Path tmp = bundle.resolve("config.json.tmp");
            Files.write(tmp, OciSpec.MAPPER.writeValueAsBytes(spec));
            Files.move(tmp, bundle.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle of " + id + ": " + e.getMessage(), e);
        }
    }

    private static void createBundle(Path bundle) throws IOException {
        Files.createDirectories(bundle);
        Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rwx------"));
    }

    /** The spec the container was created with, or null. */
    public OciSpec readSpec(String id) {
        Path file = bundle(id).resolve("config.json");
        try {
            return Files.exists(file) ? OciSpec.MAPPER.readValue(file.toFile(), OciSpec.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Creates the container (runc create under a new conmon). It exists but has not run anything until
     * {@link #start}; attach in between to miss no output.
     */
    public Conmon.Created create(String id, String name, Path logFile, boolean terminal, boolean stdin,
            boolean leaveStdinOpen) {
        return create(id, name, logFile, terminal, stdin, leaveStdinOpen, () -> { });
    }

    /**
     * As the other create, with {@code writeBundle} (which must leave config.json in the bundle, e.g. through
     * {@link #writeSpec}) running while conmon starts up; its exceptions reach the caller unchanged.
     */
    public Conmon.Created create(String id, String name, Path logFile, boolean terminal, boolean stdin,
            boolean leaveStdinOpen, Runnable writeBundle) {
        // a previous run may have left runc state behind (engine killed before cleaning up)
        runc.delete(id, true);
        try {
            createBundle(bundle(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bundle of " + id + ": " + e.getMessage(), e);
        }
        return conmon.create(new Conmon.CreateRequest(id, name, bundle(id), logFile, terminal, stdin,
                leaveStdinOpen), writeBundle);
    }

    public void start(String id) {
        runc.start(id);
    }

    public void kill(String id, int signal) {
        runc.kill(id, Integer.toString(signal), false);
    }

    /** Signals every process of the container; used when init is gone but others linger. */
    public void killAll(String id, int signal) {
        runc.kill(id, Integer.toString(signal), true);
    }

    public void pause(String id) {
        runc.pause(id);
    }

    public void resume(String id) {
        runc.resume(id);
    }

    /** New cgroup limits for a running container ({@code runc update}). */
    public void update(String id, OciSpec.Resources resources) {
        try {
            runc.update(id, OciSpec.MAPPER.writeValueAsString(resources));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Runc.State state(String id) {
        return runc.state(id);
    }

    public List<Integer> processes(String id) {
        return runc.ps(id);
    }

    /** Forgets the container in runc and removes its bundle; safe to repeat. */
    public void delete(String id) {
        try {
            runc.delete(id, true);
        } finally {
            DirectoryTrees.deleteQuietly(bundle(id));
        }
    }

    /** Connects to conmon's attach socket; the container must have been created. */
    public AttachSocket attach(String id) throws IOException {
        return AttachSocket.connect(Conmon.attachSocket(bundle(id)));
    }

    public void resize(String id, int rows, int columns) {
        ConmonCtl.resize(Conmon.ctlFifo(bundle(id)), rows, columns);
    }

    /** The conmon PID recorded for a container, or -1. */
    public int conmonPid(String id) {
        return Conmon.readPidQuietly(Conmon.conmonPidFile(bundle(id)));
    }

    /**
     * Whether {@code pid} is still the conmon of container {@code id}: alive, and its command line names the ID
     * (a PID reused by an unrelated process after a reboot or a long downtime does not).
     */
    public static boolean isConmonOf(int pid, String id) {
        if (pid <= 0) {
            return false;
        }
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            String text = new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
            return text.contains("conmon") && text.contains(" " + id + " ");
        } catch (IOException e) {
            return false;
        }
    }

    public CgroupStats stats() {
        return stats;
    }

    /** Exit code conmon recorded for the container, or null while it runs (or if it never ran). */
    public Integer exitCode(String id) {
        Path file = dirs.exits().resolve(id);
        return Files.exists(file) ? ExitWatcher.read(file) : null;
    }

    /** Forgets a handled exit file. */
    public void clearExit(String id) {
        try {
            Files.deleteIfExists(dirs.exits().resolve(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether conmon saw the kernel OOM-kill the container. */
    public boolean oomKilled(String id) {
        return Files.exists(bundle(id).resolve("oom"));
    }

    /**
     * Starts an exec session: {@code process} runs in container {@code containerId} under its own conmon. With
     * {@code attach}, the process waits for {@link ExecLaunch#proceed()}.
     */
    public ExecLaunch exec(String containerId, String sessionId, OciSpec.Process process, boolean stdin,
            boolean attach) {
        Path dir = execDir(containerId, sessionId);
        try {
            DirectoryTrees.deleteQuietly(dir);
            Files.createDirectories(dir);
            Path spec = dir.resolve("process.json");
            Files.write(spec, OciSpec.MAPPER.writeValueAsBytes(process));
            return conmon.exec(new Conmon.ExecRequest(containerId, sessionId, dir, spec,
                    Boolean.TRUE.equals(process.terminal()), stdin, attach));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the exec: " + e.getMessage(), e);
        }
    }

    /** The session's directory; short IDs keep the attach socket path well under 108 bytes. */
    public Path execDir(String containerId, String sessionId) {
        return dirs.runRoot().resolve("x").resolve(sessionId.substring(0, Math.min(16, sessionId.length())));
    }

    /** Exec sessions do not survive the engine (as in Docker): their leftover directories go at startup. */
    public void forgetExecSessions() {
        DirectoryTrees.deleteQuietly(dirs.runRoot().resolve("x"));
    }

    public void deleteExecDir(String containerId, String sessionId) {
        DirectoryTrees.deleteQuietly(execDir(containerId, sessionId));
    }
}
