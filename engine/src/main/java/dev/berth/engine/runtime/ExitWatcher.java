package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches conmon's exit directory (inotify) and reports each container's exit code once conmon has written it.
 * A periodic rescan covers lost inotify events; the listener is idempotent anyway, it deletes the file when done.
 */
public final class ExitWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExitWatcher.class);

    /** Called once per exit file; the exit time is the file's modification time, as podman takes it. */
    @FunctionalInterface
    public interface Listener {
        void exited(String containerId, int exitCode, Instant at);
    }

    private final Path dir;
    private final Listener listener;
    private final Predicate<String> interesting;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean closed;

    /** @param interesting which file names are container IDs (conmon also leaves temp files while writing) */
    public ExitWatcher(Path dir, Predicate<String> interesting, Listener listener) throws IOException {
        this.dir = dir;
        this.listener = listener;
        this.interesting = interesting;
        this.watcher = FileSystems.getDefault().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = RuntimeThreads.start("berth-exit-watcher", this::loop);
    }

    /** Reports the exit file of one container now, if conmon has written it; true if it had. */
    public boolean check(String id) {
        Path file = dir.resolve(id);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Integer code = read(file);
        if (code == null) {
            return false;
        }
        Instant at;
        try {
            at = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            at = Instant.now();
        }
        listener.exited(id, code, at);
        return true;
    }

    /** The exit code in an exit file, or null if it is not (completely) written. */
    public static Integer read(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? null : Integer.parseInt(text);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Reports every exit file present. */
    public void scan() {
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (interesting.test(name)) {
                    check(name);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot scan {}: {}", dir, e.toString());
        }
    }

    private void loop() {
        long lastScan = System.nanoTime();
        while (!closed) {
            try {
                WatchKey key = watcher.poll(2, TimeUnit.SECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            scan();
                            continue;
                        }
                        String name = event.context().toString();
                        if (interesting.test(name)) {
                            check(name);
                        }
                    }
                    key.reset();
                }
                if (System.nanoTime() - lastScan > TimeUnit.SECONDS.toNanos(5)) {
                    lastScan = System.nanoTime();
                    scan();
                }
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("exit watcher: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            watcher.close();
        } catch (IOException e) {
            // nothing to release
        }
        thread.interrupt();
    }
}
