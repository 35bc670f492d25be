package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A launched exec session: its conmon is waiting for {@link #proceed()} (when attaching) and then reports the
 * process's PID and, when it ends, its exit code over the sync FIFO.
 */
public final class ExecLaunch implements AutoCloseable {

    private final Conmon conmon;
    private final Fifo sync;
    private final Fifo start;
    private final Fifo attach;
    private final Path dir;
    private final String sessionId;

    ExecLaunch(Conmon conmon, Fifo sync, Fifo start, Fifo attach, Path dir, String sessionId) {
        this.conmon = conmon;
        this.sync = sync;
        this.start = start;
        this.attach = attach;
        this.dir = dir;
        this.sessionId = sessionId;
    }

    /** conmon's attach socket for this session (SOCK_SEQPACKET). */
    public Path attachSocket() {
        return Conmon.attachSocket(dir);
    }

    public Path ctlFifo() {
        return Conmon.ctlFifo(dir);
    }

    /** Lets the held process start; call after attaching. */
    public void proceed() {
        if (attach != null) {
            try {
                start.signal();
            } catch (IOException e) {
                throw new RuntimeFailure("cannot start the exec: " + e.getMessage(), e);
            }
        }
    }

    /** The process's host PID once runc exec'd it; a runtime error (no such executable …) is thrown. */
    public int awaitPid() {
        try {
            Conmon.SyncMessage message = conmon.awaitMessage(sync, dir, sessionId);
            if (message.data() < 0 || !message.message().isEmpty()) {
                throw new RuntimeFailure(Runc.errorMessage(message.message().trim()).isEmpty()
                        ? "exec failed" : Runc.errorMessage(message.message().trim()));
            }
            return message.data();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailure("interrupted while starting an exec", e);
        }
    }

    /** Blocks until the process exits; its exit code (128+signal when killed), or -1 if conmon vanished. */
    public int awaitExit() {
        try {
            while (true) {
                String line = sync.readLine(500, TimeUnit.MILLISECONDS);
                if (line != null && !line.isBlank()) {
                    return Conmon.parse(line).data();
                }
                int pid = Conmon.readPidQuietly(Conmon.conmonPidFile(dir));
                if (pid <= 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    String last = sync.readLine(200, TimeUnit.MILLISECONDS);
                    if (last != null && !last.isBlank()) {
                        return Conmon.parse(last).data();
                    }
                    return exitFile();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int exitFile() {
        try (var files = Files.list(dir.resolve("exits"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                return Integer.parseInt(Files.readString(f).trim());
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        Conmon.closeQuietly(sync);
        Conmon.closeQuietly(start);
        Conmon.closeQuietly(attach);
    }
}
