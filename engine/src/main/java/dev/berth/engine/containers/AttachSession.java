package dev.berth.engine.containers;

import dev.berth.engine.runtime.AttachSocket;
import dev.berth.engine.runtime.ContainerLog;
import dev.berth.remote.containers.ContainerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** One {@code POST /containers/{id}/attach}: checked and registered before the hijack answer goes out. */
public final class AttachSession {

    private final ContainerConfig config;
    private final boolean stdin;
    private final boolean stdout;
    private final boolean stderr;
    private final boolean logs;
    private final boolean stream;
    private final byte[] detachKeys;
    private final CompletableFuture<AttachSocket> socket;
    private final Path logFile;
    private final Runnable forget;
    private volatile StreamPump pump;

    AttachSession(ContainerConfig config, boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
            byte[] detachKeys, CompletableFuture<AttachSocket> socket, Path logFile, Runnable forget) {
        this.config = config;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.logs = logs;
        this.stream = stream;
        this.detachKeys = detachKeys;
        this.socket = socket;
        this.logFile = logFile;
        this.forget = forget;
    }

    /** Raw output (TTY) or multiplexed frames. */
    public boolean tty() {
        return config.hasTty();
    }

    /** Runs the session on the hijacked connection: the log first if asked, then the live streams. */
    public void run(InputStream in, OutputStream out) throws Exception {
        boolean raw = tty();
        if (logs) {
            new ContainerLog(logFile).read(new ContainerLog.Query(stdout, stderr, null, null, -1, false),
                    e -> StdStreams.write(out, raw, e.stream() == ContainerLog.Stream.STDERR ? StdStreams.STDERR
                            : StdStreams.STDOUT, e.content()), () -> false);
            out.flush();
        }
        if (!stream) {
            return;
        }
        AttachSocket s;
        try {
            s = socket.get();
        } catch (CancellationException | ExecutionException e) {
            return;
        }
        StreamPump p = new StreamPump(s, raw, stdout, stderr);
        pump = p;
        // StdinOnce: the client's end of input is the container's (conmon closes it, being told not to keep it)
        p.run(stdin && Boolean.TRUE.equals(config.openStdin()) ? in : null, out, detachKeys,
                Boolean.TRUE.equals(config.stdinOnce()));
    }

    /** The client went away: stop waiting and streaming. */
    public void cancel() {
        socket.cancel(false);
        forget.run();
        StreamPump p = pump;
        if (p != null) {
            p.cancel();
        }
        AttachSocket s = socket.getNow(null);
        if (s != null) {
            s.close();
        }
    }
}
