package dev.berth.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts conmon, the small per-container monitor that owns a container's stdio, writes its k8s-file log and exit
 * file, serves its attach socket and outlives the engine. The JVM cannot hand conmon extra file descriptors, so
 * its sync and start pipes are named FIFOs opened by {@code /bin/sh} on the way to {@code exec conmon}
 * ({@link ConmonLauncher}).
 *
 * <p>Every runtime file of a container lives in its bundle directory: config.json, the FIFOs, pid files, conmon's
 * attach socket, ctl and winsz FIFOs, runc's JSON log and conmon's persisted exit file.
 */
public final class Conmon {

    private static final Logger LOG = LoggerFactory.getLogger(Conmon.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CREATE_TIMEOUT_SECONDS = 120;

    private final Runc runc;
    private final Path exitsDir;
    private final ConmonLauncher launcher;

    public Conmon(Path binary, Runc runc, Path exitsDir, ConmonCgroup cgroup) {
        this.runc = runc;
        this.exitsDir = exitsDir;
        this.launcher = new ConmonLauncher(binary, cgroup);
    }

    /**
     * A container to create.
     *
     * @param bundle         holds config.json; conmon's runtime files go here too
     * @param logFile        the k8s-file log
     * @param stdin          give the container a stdin pipe (OpenStdin)
     * @param leaveStdinOpen keep it open when an attached client goes (everything but StdinOnce)
     */
    public record CreateRequest(String id, String name, Path bundle, Path logFile, boolean terminal, boolean stdin,
                                boolean leaveStdinOpen) {
    }

    /** A created (not yet started) container: its init PID and the PID of its conmon. */
    public record Created(int containerPid, int conmonPid) {
    }

    /** Files conmon and runc keep for a container, all in its bundle directory. */
    public static Path pidFile(Path bundle) {
        return bundle.resolve("pidfile");
    }

    public static Path conmonPidFile(Path bundle) {
        return bundle.resolve("conmon.pid");
    }

    public static Path attachSocket(Path bundle) {
        return bundle.resolve("attach");
    }

    public static Path ctlFifo(Path bundle) {
        return bundle.resolve("ctl");
    }

    /** Releases the spare shell kept for the next launch; running conmons are not affected. */
    public void close() {
        launcher.close();
    }

    /** Runs {@code runc create} under a new conmon and waits until the container exists (or failed to). */
    public Created create(CreateRequest request) {
        return create(request, () -> { });
    }

    /**
     * As {@link #create(CreateRequest)}, running {@code whileLaunching} (which writes the bundle) while conmon starts
     * up: conmon waits on its start FIFO before it reads anything of the bundle. If it throws, conmon is killed
     * before it did anything, and the exception goes to the caller as it is.
     */
    public Created create(CreateRequest request, Runnable whileLaunching) {
        StepTimes times = new StepTimes();
        Path bundle = request.bundle();
        try {
            for (String stale : List.of("pidfile", "conmon.pid", "attach", "ctl", "winsz", "exit", "oom",
                    "oci-log")) {
                Files.deleteIfExists(bundle.resolve(stale));
            }
            Files.deleteIfExists(exitsDir.resolve(request.id()));
        } catch (IOException e) {
            throw new RuntimeFailure("cannot prepare " + bundle + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(List.of("--api-version", "1", "-c", request.id(), "-u", request.id(),
                "-r", runc.binary().toString(), "-b", bundle.toString(), "-p", pidFile(bundle).toString(),
                "-n", request.name(), "--exit-dir", exitsDir.toString(), "--persist-dir", bundle.toString(),
                "--full-attach", "-l", "k8s-file:" + request.logFile(), "--log-level", "info",
                "--conmon-pidfile", conmonPidFile(bundle).toString()));
        if (request.terminal()) {
            args.add("-t");
        }
        if (request.stdin()) {
            args.add("-i");
        }
        if (request.leaveStdinOpen()) {
            args.add("--leave-stdin-open");
        }
        addRuntimeArgs(args, bundle);
        times.lap("prepare");
        try (Fifo sync = Fifo.create(bundle.resolve("sync")); Fifo start = Fifo.create(bundle.resolve("start"))) {
            times.lap("fifos");
            Process first = launcher.launch(args, bundle, sync.path(), start.path(), null);
            times.lap("launch");
            try {
                whileLaunching.run();
            } catch (RuntimeException | Error e) {
                first.destroyForcibly();
                throw e;
            }
            times.lap("bundle");
            start.signal();
            waitForFork(first, bundle);
            times.lap("fork");
            SyncMessage message = awaitMessage(sync, bundle, request.id());
            times.lap("runc-create");
            if (message.data() < 0) {
                throw new RuntimeFailure(createError(message.message(), bundle));
            }
            Created created = new Created(message.data(), readPid(conmonPidFile(bundle)));
            if (LOG.isDebugEnabled()) {
                LOG.debug("conmon created {} in {} ms: {}", request.id(), times.total(), times);
            }
            return created;
        } catch (IOException e) {
            throw new RuntimeFailure("cannot start conmon for " + request.id() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while creating " + request.id(), e);
        }
    }

    /**
     * An exec session to launch.
     *
     * @param sessionDir  the session's own bundle: process.json, FIFOs, attach socket, exit dir, log
     * @param attach      hold the process until {@link ExecLaunch#proceed()}, so an attach loses no output
     */
    public record ExecRequest(String containerId, String sessionId, Path sessionDir, Path processSpec,
                              boolean terminal, boolean stdin, boolean attach) {
    }

    /** Launches {@code runc exec} under its own conmon. The process starts once {@link ExecLaunch#proceed()} runs. */
    public ExecLaunch exec(ExecRequest request) {
        Path dir = request.sessionDir();
        Path exitDir = dir.resolve("exits");
        try {
            Files.createDirectories(exitDir);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(List.of("--api-version", "1", "-c", request.containerId(), "-u",
                request.sessionId(), "-r", runc.binary().toString(), "-b", dir.toString(), "-p",
                dir.resolve("exec_pid").toString(), "-n", request.sessionId(), "--exit-dir", exitDir.toString(),
                "--full-attach", "-l", "k8s-file:" + dir.resolve("exec_log"), "--log-level", "info",
                "--conmon-pidfile", conmonPidFile(dir).toString(), "-e", "--exec-process-spec",
                request.processSpec().toString()));
        if (request.attach()) {
            args.add("--exec-attach");
        }
        if (request.terminal()) {
            args.add("-t");
        }
        if (request.stdin()) {
            args.add("-i");
        }
        addRuntimeArgs(args, dir);
        Fifo sync = null;
        Fifo start = null;
        Fifo attach = null;
        try {
            sync = Fifo.create(dir.resolve("sync"));
            start = Fifo.create(dir.resolve("start"));
            attach = request.attach() ? Fifo.create(dir.resolve("attachpipe")) : null;
            Process first = launcher.launch(args, dir, sync.path(), start.path(),
                    attach == null ? null : attach.path());
            start.signal();
            waitForFork(first, dir);
            if (attach != null) {
                SyncMessage ready = awaitMessage(attach, dir, request.sessionId());
                if (ready.data() < 0) {
                    throw new RuntimeFailure(ready.message());
                }
            }
            return new ExecLaunch(this, sync, start, attach, dir, request.sessionId());
        } catch (IOException | RuntimeException e) {
            closeQuietly(sync);
            closeQuietly(start);
            closeQuietly(attach);
            if (e instanceof RuntimeFailure f) {
                throw f;
            }
            throw new RuntimeFailure("cannot start conmon for an exec in " + request.containerId() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(sync);
            closeQuietly(start);
            closeQuietly(attach);
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while starting an exec", e);
        }
    }

    private void addRuntimeArgs(List<String> args, Path bundle) {
        List<String> runtimeArgs = new ArrayList<>(runc.globalArgs());
        runtimeArgs.add("--log");
        runtimeArgs.add(bundle.resolve("oci-log").toString());
        for (String a : runtimeArgs) {
            args.add("--runtime-arg");
            args.add(a);
        }
    }

    /** conmon forks into the background right after its start pipe says go; the first process then exits. */
    private static void waitForFork(Process first, Path dir) throws InterruptedException {
        if (!first.waitFor(CREATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            first.destroyForcibly();
            throw new RuntimeFailure("conmon did not start within " + CREATE_TIMEOUT_SECONDS + " s");
        }
        if (first.exitValue() != 0) {
            throw new RuntimeFailure("conmon failed: " + tail(dir.resolve("conmon.out")));
        }
    }

    /** One {"data": N, "message": …} line from conmon. */
    record SyncMessage(int data, String message) {
    }

    /** Waits for conmon's next message, checking all along that it is still alive. */
    SyncMessage awaitMessage(Fifo fifo, Path dir, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CREATE_TIMEOUT_SECONDS);
        int deadChecks = 0;
        while (System.nanoTime() < deadline) {
            String line = fifo.readLine(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (line.isBlank()) {
                    continue;
                }
                return parse(line);
            }
            int pid = readPidQuietly(conmonPidFile(dir));
            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                deadChecks = 0;
            } else if (pid > 0 && ++deadChecks > 2) {
                // conmon is gone without a word; one more look in case the line is in flight
                String last = fifo.readLine(200, TimeUnit.MILLISECONDS);
                if (last != null && !last.isBlank()) {
                    return parse(last);
                }
                throw new RuntimeFailure("conmon exited before reporting on " + id + ": "
                        + orElse(Runc.errorMessage(read(dir.resolve("oci-log"))), tail(dir.resolve("conmon.out"))));
            }
        }
        throw new RuntimeFailure("the runtime did not report on " + id + " within " + CREATE_TIMEOUT_SECONDS + " s");
    }

    static SyncMessage parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return new SyncMessage(node.path("data").asInt(-1), node.path("message").asText(""));
        } catch (IOException e) {
            return new SyncMessage(-1, "conmon sent an unreadable message: " + line);
        }
    }

    /** The runtime's own words: conmon relays runc's stderr; runc's JSON log has the same error, cleaner. */
    private static String createError(String message, Path bundle) {
        String logged = Runc.errorMessage(read(bundle.resolve("oci-log")));
        String text = !logged.isEmpty() ? logged : message == null ? "" : message.trim();
        String extracted = Runc.errorMessage(text);
        return extracted.isEmpty() ? "the runtime failed without a message" : extracted;
    }

    static int readPid(Path file) throws IOException {
        return Integer.parseInt(Files.readString(file).trim());
    }

    static int readPidQuietly(Path file) {
        try {
            return readPid(file);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path file) {
        String text = read(file).trim();
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static String orElse(String a, String b) {
        return a == null || a.isEmpty() ? b : a;
    }

    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing {}: {}", c, e.toString());
            }
        }
    }
}
