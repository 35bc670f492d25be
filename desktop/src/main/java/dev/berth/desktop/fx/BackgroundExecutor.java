package dev.berth.desktop.fx;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one pool for work that must not run on the JavaFX thread: engine calls, stream readers, file I/O.
 * Threads are named and daemon, so a hung engine call never keeps the app from exiting. Running jobs are listed
 * (on the FX thread) for the status bar.
 */
public final class BackgroundExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundExecutor.class);

    private final ExecutorService pool;
    private final ObservableList<Job<?>> running = FXCollections.observableArrayList();

    public BackgroundExecutor() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "berth-background-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("Uncaught in {}", th.getName(), e));
            return t;
        };
        // Cached: streams (logs, events, stats, terminals) each hold a thread while they are open.
        this.pool = Executors.newCachedThreadPool(threads);
    }

    /** Runs {@code work} in the background; outcome callbacks arrive on the FX thread. */
    public <T> Job<T> submit(String description, Callable<T> work) {
        Job<T> job = new Job<>(description);
        if (pool.isShutdown()) {
            return job; // the app is closing: late work (a last event batch, say) is dropped, never half-run
        }
        FxThread.run(() -> running.add(job));
        try {
            job.started(pool.submit(() -> run(job, work)));
        } catch (RejectedExecutionException closing) {
            FxThread.run(() -> running.remove(job));
        }
        return job;
    }

    private <T> void run(Job<T> job, Callable<T> work) {
        T value = null;
        Throwable error = null;
        try {
            value = work.call();
        } catch (Throwable e) {
            error = e;
            LOG.debug("{} failed", job.description(), e);
        }
        FxThread.run(() -> running.remove(job));
        job.complete(value, error);
    }

    /** Long-running background loops (stream readers) that report through their own means. */
    public void execute(Runnable loop) {
        try {
            pool.execute(loop);
        } catch (RejectedExecutionException closing) {
            LOG.debug("dropped background work submitted while closing");
        }
    }

    /** Jobs not yet finished; only touch on the FX thread. */
    public ObservableList<Job<?>> running() {
        return running;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
