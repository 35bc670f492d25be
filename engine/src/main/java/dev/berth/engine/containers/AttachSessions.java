package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.AttachSocket;
import dev.berth.engine.runtime.ContainerRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attach sessions waiting for their container to start. {@code docker run} attaches before it starts the
 * container; the session gets its socket between conmon's create and runc's start, so no output is lost.
 * Called with the container's lock held.
 */
final class AttachSessions {

    private final ContainerRuntime runtime;
    private final Map<String, List<CompletableFuture<AttachSocket>>> waiting = new ConcurrentHashMap<>();

    AttachSessions(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    AttachSession open(Container c, boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
            byte[] detachKeys, Path logFile) {
        CompletableFuture<AttachSocket> socket = new CompletableFuture<>();
        if (stream) {
            if (c.running && !c.restarting) {
                try {
                    socket.complete(runtime.attach(c.id));
                } catch (IOException e) {
                    throw EngineException.serverError("cannot attach to " + c.id + ": " + e.getMessage(), e);
                }
            } else {
                List<CompletableFuture<AttachSocket>> list = waiting.computeIfAbsent(c.id, k -> new ArrayList<>());
                synchronized (list) {
                    list.add(socket);
                }
            }
        }
        return new AttachSession(c.config, stdin, stdout, stderr, logs, stream, detachKeys, socket, logFile,
                () -> forget(c.id, socket));
    }

    /** The container was created under conmon and is about to start: connect everyone waiting. */
    void connectWaiting(Container c) {
        List<CompletableFuture<AttachSocket>> list = waiting.remove(c.id);
        if (list == null) {
            return;
        }
        synchronized (list) {
            for (CompletableFuture<AttachSocket> f : list) {
                if (f.isDone()) {
                    continue;
                }
                try {
                    AttachSocket s = runtime.attach(c.id);
                    if (!f.complete(s)) {
                        s.close();
                    }
                } catch (IOException e) {
                    f.completeExceptionally(e);
                }
            }
        }
    }

    /** The start failed or the container is gone: end the waiting sessions. */
    void failWaiting(Container c) {
        List<CompletableFuture<AttachSocket>> list = waiting.remove(c.id);
        if (list != null) {
            synchronized (list) {
                list.forEach(f -> f.cancel(false));
            }
        }
    }

    private void forget(String id, CompletableFuture<AttachSocket> socket) {
        List<CompletableFuture<AttachSocket>> list = waiting.get(id);
        if (list != null) {
            synchronized (list) {
                list.remove(socket);
            }
        }
    }
}
