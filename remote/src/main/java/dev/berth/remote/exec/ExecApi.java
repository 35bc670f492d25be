package dev.berth.remote.exec;

import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Query;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.HijackedConnection;
import java.time.Duration;

/**
 * Typed exec operations of the Engine API: run extra processes in running containers, interactively (a terminal)
 * or to collect their output ({@link #run}).
 *
 * <p>The exit code of an attached exec is only available from {@link #inspect} once its output has ended.
 */
public final class ExecApi {

    private static final ApiVersion V1_42 = new ApiVersion(1, 42);
    /** How long an exec whose output ended may take to be reported as finished. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    private final EngineHttp http;

    public ExecApi(EngineHttp http) {
        this.http = http;
    }

    /** Prepares a process in a running container; 409 if the container is paused or not running. @return its ID */
    public String create(String containerId, ExecCreateRequest request) {
        ExecCreateRequest body = request.consoleSize() != null && !http.version().atLeast(V1_42)
                ? request.withoutConsoleSize() : request;
        IdResponse response = http.post("/containers/" + segment(containerId, "container") + "/exec", Query.of(), body,
                IdResponse.class);
        if (response == null || response.id() == null || response.id().isBlank()) {
            throw new EngineProtocolException("the engine created an exec instance but did not say its ID");
        }
        return response.id();
    }

    /**
     * Starts the exec and connects to its stdio. {@code tty} must be the value given at create: the engine frames
     * the output by the start request's TTY setting while the process gets a PTY from the create request's.
     */
    public HijackedConnection start(String execId, boolean tty) {
        return http.hijack(path(execId, "start"), Query.of(), new ExecStartRequest(false, tty, null), !tty);
    }

    /** Like {@link #start(String, boolean)}, looking up the TTY setting the exec was created with. */
    public HijackedConnection start(String execId) {
        ExecInspect exec = inspect(execId);
        return start(execId, exec.processConfig() != null && Boolean.TRUE.equals(exec.processConfig().tty()));
    }

    /** Starts the exec in the background; its output is discarded. */
    public void startDetached(String execId) {
        http.send("POST", path(execId, "start"), Query.of(), new ExecStartRequest(true, false, null));
    }

    /** Resizes the exec's TTY; works once it has started, and only for execs with a TTY. */
    public void resize(String execId, int rows, int columns) {
        http.send("POST", path(execId, "resize"), Query.of().add("h", rows).add("w", columns), null);
    }

    public ExecInspect inspect(String execId) {
        return http.get(path(execId, "json"), Query.of(), ExecInspect.class);
    }

    /**
     * Polls until the exec is no longer running (its output ending comes a moment before the engine records the exit
     * code). Fails if it still runs after {@code timeout}.
     */
    public ExecInspect awaitExit(String execId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            ExecInspect state = inspect(execId);
            if (!Boolean.TRUE.equals(state.running())) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("exec " + execId + " still runs after " + timeout.toSeconds() + " s");
            }
            sleep(pause);
            pause = Math.min(200, pause * 2);
        }
    }

    /** Runs a command without TTY or stdin and waits for it: {@code run(id, "ls", "-l", "/")}. */
    public ExecResult run(String containerId, String... cmd) {
        return run(containerId, ExecCreateRequest.builder(cmd).build());
    }

    /**
     * Runs a prepared non-TTY request (for env, user or working directory) and collects its output. The call has no
     * timeout: the command's own duration is the caller's business.
     */
    public ExecResult run(String containerId, ExecCreateRequest request) {
        if (request.hasTty() || Boolean.TRUE.equals(request.attachStdin())) {
            throw new IllegalArgumentException("run() is for commands without TTY or stdin; use create() and start()");
        }
        String id = create(containerId, request);
        ContainerOutput.Collected output;
        try (HijackedConnection connection = start(id, false)) {
            output = connection.output().collect();
        }
        ExecInspect state = awaitExit(id, EXIT_GRACE);
        return new ExecResult(state.exitCode() == null ? -1 : state.exitCode(), output.stdout(), output.stderr());
    }

    record IdResponse(String id) {
    }

    private static String path(String execId, String action) {
        return "/exec/" + segment(execId, "exec instance") + "/" + action;
    }

    private static String segment(String ref, String what) {
        if (ref == null) {
            throw new IllegalArgumentException("no " + what + " given");
        }
        String r = what.equals("container") && ref.startsWith("/") ? ref.substring(1) : ref;
        if (r.isEmpty() || r.contains("/") || r.equals(".") || r.equals("..")) {
            throw new IllegalArgumentException("\"" + ref + "\" is not a valid " + what + " reference");
        }
        return r;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for an exec to finish", e);
        }
    }
}
