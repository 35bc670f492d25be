package dev.berth.engine.containers;

import dev.berth.engine.api.Response;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.host.LibC;
import dev.berth.engine.runtime.AttachSocket;
import dev.berth.engine.runtime.ConmonCtl;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.ContainerUser;
import dev.berth.engine.runtime.ExecLaunch;
import dev.berth.engine.runtime.OciSpec;
import dev.berth.engine.runtime.RuntimeFailure;
import dev.berth.engine.runtime.RuntimeThreads;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.exec.ExecInspect;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code docker exec}: extra processes in running containers, each under its own conmon ({@code runc exec}),
 * attached through conmon's socket, with the exit code recorded for {@code GET /exec/{id}/json}.
 */
final class ExecSessions {

    private static final Logger LOG = LoggerFactory.getLogger(ExecSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One exec instance; fields guarded by its monitor. */
    static final class Exec {
        final String id;
        final String containerId;
        final ExecCreateRequest request;
        boolean started;
        boolean running;
        Integer exitCode;
        int pid;
        ExecLaunch launch;
        int[] pendingSize;

        Exec(String id, String containerId, ExecCreateRequest request) {
            this.id = id;
            this.containerId = containerId;
            this.request = request;
        }

        String commandLine() {
            return String.join(" ", request.cmd());
        }
    }

    private final ContainerService containers;
    private final ContainerRuntime runtime;
    private final Map<String, Exec> execs = new ConcurrentHashMap<>();

    ExecSessions(ContainerService containers, ContainerRuntime runtime) {
        this.containers = containers;
        this.runtime = runtime;
    }

    String create(String containerRef, ExecCreateRequest request) {
        if (request == null || request.cmd() == null || request.cmd().isEmpty()) {
            throw EngineException.badRequest("No exec command specified");
        }
        if (request.detachKeys() != null && !request.detachKeys().isEmpty()) {
            DetachKeys.parse(request.detachKeys());
        }
        Container c = containers.find(containerRef);
        c.lock.lock();
        try {
            requireRunning(c);
            String id = HexFormat.of().formatHex(RANDOM.generateSeed(32));
            execs.put(id, new Exec(id, c.id, request));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("execID", id);
            containers.event(c, "exec_create: " + String.join(" ", request.cmd()), attrs);
            return id;
        } finally {
            c.lock.unlock();
        }
    }

    private static void requireRunning(Container c) {
        if (!c.running || c.restarting) {
            throw EngineException.conflict(c.restarting ? "Container " + c.id
                    + " is restarting, wait until the container is running" : "Container " + c.id
                    + " is not running");
        }
        if (c.paused) {
            throw EngineException.conflict("Container " + c.id + " is paused, unpause the container before exec");
        }
    }

    Exec find(String id) {
        Exec exec = execs.get(id);
        if (exec == null) {
            throw EngineException.notFound("No such exec instance: " + id);
        }
        return exec;
    }

    List<String> idsOf(String containerId) {
        List<String> ids = new ArrayList<>();
        for (Exec e : execs.values()) {
            if (e.containerId.equals(containerId)) {
                ids.add(e.id);
            }
        }
        return ids;
    }

    void forget(String containerId) {
        execs.values().removeIf(e -> e.containerId.equals(containerId));
    }

    ExecInspect inspect(String id) {
        Exec e = find(id);
        synchronized (e) {
            List<String> cmd = e.request.cmd();
            ExecInspect.ProcessConfig process = new ExecInspect.ProcessConfig(
                    Boolean.TRUE.equals(e.request.privileged()), e.request.user() == null ? "" : e.request.user(),
                    e.request.hasTty(), cmd.get(0), cmd.subList(1, cmd.size()));
            return new ExecInspect(e.id, e.running, e.exitCode, process, Boolean.TRUE.equals(e.request.attachStdin()),
                    Boolean.TRUE.equals(e.request.attachStderr()), Boolean.TRUE.equals(e.request.attachStdout()),
                    false, e.containerId, e.request.detachKeys() == null ? "" : e.request.detachKeys(),
                    e.running ? e.pid : 0);
        }
    }

    /** Checks an exec can start and marks it started; the process launches in {@link #run}. */
    Exec prepareStart(String id) {
        Exec e = find(id);
        Container c = containers.findById(e.containerId);
        c.lock.lock();
        try {
            requireRunning(c);
        } finally {
            c.lock.unlock();
        }
        synchronized (e) {
            if (e.started) {
                throw EngineException.conflict("Error: Exec command " + id + (e.running ? " is already running"
                        : " has already run"));
            }
            e.started = true;
        }
        return e;
    }

    /**
     * Runs a prepared exec attached to a hijacked connection; returns once its output has ended and its exit code
     * is recorded (the CLI reads the code right after the stream ends).
     */
    void run(Exec e, boolean raw, InputStream in, OutputStream out) throws IOException {
        ExecCreateRequest r = e.request;
        boolean stdin = Boolean.TRUE.equals(r.attachStdin());
        ExecLaunch launch;
        try {
            launch = launch(e, stdin, true);
        } catch (EngineException ex) {
            // after the upgrade the stream is all the client reads: the reason goes there, with Docker's 126
            fail(e, ex.getMessage(), raw, out);
            return;
        }
        AttachSocket socket;
        try {
            socket = AttachSocket.connect(launch.attachSocket());
        } catch (IOException ex) {
            launch.close();
            fail(e, "cannot attach to the exec: " + ex.getMessage(), raw, out);
            return;
        }
        launch.proceed();
        if (!awaitStart(e, launch, raw, out)) {
            socket.close();
            return;
        }
        StreamPump pump = new StreamPump(socket, raw, !Boolean.FALSE.equals(r.attachStdout()),
                !Boolean.FALSE.equals(r.attachStderr()));
        StreamPump.End end = pump.run(stdin ? in : null, out,
                DetachKeys.parse(r.detachKeys()), true);
        if (end == StreamPump.End.OUTPUT_ENDED) {
            finish(e, launch);
        } else {
            RuntimeThreads.start("berth-exec-wait", () -> finish(e, launch));
        }
    }

    /** {@code Detach: true}: starts the process and returns; its exit is recorded in the background. */
    void runDetached(Exec e) {
        ExecLaunch launch = launch(e, false, false);
        java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        if (!awaitStart(e, launch, true, message)) {
            throw EngineException.badRequest(message.toString(StandardCharsets.UTF_8).trim());
        }
        RuntimeThreads.start("berth-exec-wait", () -> finish(e, launch));
    }

    /** Resizes the exec's TTY; before the process runs, the size is kept and applied once it does. */
    void resize(String id, int rows, int columns) {
        Exec e = find(id);
        ExecLaunch launch;
        synchronized (e) {
            if (e.exitCode != null) {
                throw EngineException.conflict("Exec " + id + " is not running");
            }
            if (!e.running || e.launch == null) {
                e.pendingSize = new int[] {rows, columns};
                return;
            }
            launch = e.launch;
        }
        if (e.request.hasTty()) {
            ConmonCtl.resize(launch.ctlFifo(), rows, columns);
        }
    }

    private ExecLaunch launch(Exec e, boolean stdin, boolean attach) {
        Container c = containers.findById(e.containerId);
        OciSpec spec = runtime.readSpec(c.id);
        if (spec == null) {
            throw EngineException.conflict("Container " + c.id + " is not running");
        }
        OciSpec.Process process = process(c, spec, e.request);
        try {
            ExecLaunch launch = runtime.exec(c.id, e.id, process, stdin, attach);
            synchronized (e) {
                e.launch = launch;
            }
            return launch;
        } catch (RuntimeFailure f) {
            throw EngineException.serverError("OCI runtime exec failed: " + f.getMessage(), f);
        }
    }

    private OciSpec.Process process(Container c, OciSpec spec, ExecCreateRequest r) {
        OciSpec.Process base = spec.process();
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : base.env()) {
            env.put(kv.split("=", 2)[0], kv);
        }
        if (r.env() != null) {
            for (String kv : r.env()) {
                env.put(kv.split("=", 2)[0], kv);
            }
        }
        OciSpec.User user = base.user();
        if (r.user() != null && !r.user().isEmpty()) {
            ContainerUser u = ContainerUser.resolve(Path.of(spec.root().path()), r.user(), null);
            user = new OciSpec.User(u.uid(), u.gid(), u.additionalGids());
        }
        String cwd = r.workingDir() != null && !r.workingDir().isEmpty() ? r.workingDir() : base.cwd();
        OciSpec.ConsoleSize size = null;
        if (r.hasTty() && r.consoleSize() != null && r.consoleSize().size() == 2 && r.consoleSize().get(0) > 0) {
            size = new OciSpec.ConsoleSize(r.consoleSize().get(0), r.consoleSize().get(1));
        }
        OciSpec.Capabilities caps = Boolean.TRUE.equals(r.privileged())
                ? OciSpec.Capabilities.of(runtime.facts().capabilities()) : base.capabilities();
        return base.with(r.hasTty(), size, user, r.cmd(), new ArrayList<>(env.values()), cwd, caps);
    }

    /** Waits for the PID; a runtime failure is written to the stream and recorded as Docker does (126/127). */
    private boolean awaitStart(Exec e, ExecLaunch launch, boolean raw, OutputStream out) {
        try {
            int pid = launch.awaitPid();
            int[] size;
            synchronized (e) {
                e.pid = pid;
                e.running = true;
                size = e.pendingSize;
            }
            if (size != null && e.request.hasTty()) {
                try {
                    ConmonCtl.resize(launch.ctlFifo(), size[0], size[1]);
                } catch (RuntimeFailure f) {
                    LOG.debug("resize of exec {}: {}", e.id, f.getMessage());
                }
            }
            Container c = containers.findById(e.containerId);
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("execID", e.id);
            containers.event(c, "exec_start: " + e.commandLine(), attrs);
            return true;
        } catch (RuntimeFailure f) {
            launch.close();
            runtime.deleteExecDir(e.containerId, e.id);
            fail(e, "OCI runtime exec failed: " + f.getMessage() + ": unknown", raw, out);
            return false;
        }
    }

    private void fail(Exec e, String message, boolean raw, OutputStream out) {
        String lower = message.toLowerCase();
        int code = lower.contains("permission denied") ? 126
                : lower.contains("executable file not found") || lower.contains("no such file or directory") ? 127
                : 126;
        synchronized (e) {
            e.running = false;
            e.exitCode = code;
        }
        try {
            StdStreams.write(out, raw, StdStreams.STDOUT, (message + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException ignored) {
            // the client left already
        }
    }

    private void finish(Exec e, ExecLaunch launch) {
        int code = launch.awaitExit();
        launch.close();
        runtime.deleteExecDir(e.containerId, e.id);
        synchronized (e) {
            e.running = false;
            e.exitCode = code;
            e.pid = 0;
        }
        Container c = containers.findOrNull(e.containerId);
        if (c != null) {
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("execID", e.id);
            attrs.put("exitCode", Integer.toString(code));
            containers.event(c, "exec_die", attrs);
        }
    }

    /** What one health probe gave: the exit code (-1 when it could not run or ran out of time) and its output. */
    record ProbeResult(Instant start, Instant end, int exitCode, String output) {
    }

    /**
     * Runs a health probe as moby's cmdProbe does: an exec with stdout and stderr together, as the container's user
     * in its working directory, its exec events included; killed when it outlives {@code timeout}. The exec is
     * forgotten afterwards.
     */
    ProbeResult probe(String containerId, List<String> cmd, Duration timeout, String timeoutText) {
        Instant start = Instant.now();
        Container c = containers.findById(containerId);
        ExecCreateRequest request = new ExecCreateRequest(false, true, true, null, false, null, null, false,
                c.config.user(), c.config.workingDir(), cmd);
        String id;
        Exec e;
        try {
            id = create(containerId, request);
            e = prepareStart(id);
        } catch (EngineException ex) {
            return new ProbeResult(start, Instant.now(), -1, ex.getMessage());
        }
        ProbeOutput out = new ProbeOutput();
        try {
            Future<?> running = RuntimeThreads.IO.submit(() -> {
                run(e, true, InputStream.nullInputStream(), out);
                return null;
            });
            try {
                running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException late) {
                int pid;
                synchronized (e) {
                    pid = e.running ? e.pid : 0;
                }
                if (pid > 0) {
                    quietlyKill(pid);
                }
                return new ProbeResult(start, Instant.now(), -1, "Health check exceeded timeout (" + timeoutText
                        + ")");
            } catch (ExecutionException failed) {
                return new ProbeResult(start, Instant.now(), -1, String.valueOf(failed.getCause().getMessage()));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new ProbeResult(start, Instant.now(), -1, "health check interrupted");
            }
            Integer code;
            synchronized (e) {
                code = e.exitCode;
            }
            return new ProbeResult(start, Instant.now(), code == null ? -1 : code, out.text());
        } finally {
            execs.remove(id);
        }
    }

    private static void quietlyKill(int pid) {
        try {
            LibC.INSTANCE.kill(pid, LibC.SIGKILL);
        } catch (RuntimeException gone) {
            // it ended meanwhile
        }
    }

    /** moby's limitedBuffer: the first 4 KiB of a probe's output, "..." marking the cut. */
    static final class ProbeOutput extends OutputStream {
        private static final int LIMIT = 4096;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private boolean truncated;

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int room = LIMIT - kept.size();
            if (len > room) {
                truncated = true;
            }
            kept.write(b, off, Math.max(0, Math.min(len, room)));
        }

        synchronized String text() {
            String text = kept.toString(StandardCharsets.UTF_8);
            return truncated ? text + "..." : text;
        }
    }

    /** The content type of an exec stream. */
    static String contentType(boolean tty, boolean api142) {
        return StdStreams.contentType(tty, api142);
    }

    /** For routes: the hijack response of an exec start. */
    Response hijack(Exec e, boolean tty, boolean api142) {
        boolean raw = tty;
        return Response.hijack(contentType(tty, api142), (in, out) -> run(e, raw, in, out));
    }
}
