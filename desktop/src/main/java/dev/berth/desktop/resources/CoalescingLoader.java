package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Job;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Loads a list in the background, one load at a time: asking again while a load runs schedules exactly one more
 * when it ends, so a burst of events costs at most two round trips, never one per event. Results of loads started
 * before {@link #stop()} (another engine, a hidden page) are dropped. FX thread only.
 */
public final class CoalescingLoader<T> {

    private final BackgroundExecutor background;
    private final String description;
    private final Consumer<T> onLoaded;
    private final Consumer<Throwable> onFailed;
    private Callable<T> source;
    private boolean running;
    private boolean again;
    private int generation;

    public CoalescingLoader(BackgroundExecutor background, String description, Consumer<T> onLoaded,
                            Consumer<Throwable> onFailed) {
        this.background = background;
        this.description = description;
        this.onLoaded = onLoaded;
        this.onFailed = onFailed;
    }

    /** Loads from {@code newSource} now (or right after the load in flight), and from then on. */
    public void load(Callable<T> newSource) {
        if (source != newSource) {
            generation++;
            running = false;
        }
        source = newSource;
        reload();
    }

    /** Loads again from the current source. */
    public void reload() {
        if (source == null) {
            return;
        }
        if (running) {
            again = true;
            return;
        }
        running = true;
        again = false;
        int started = generation;
        Job<T> job;
        try {
            job = background.submit(description, source);
        } catch (RejectedExecutionException e) {
            // the pool is closed: the app is shutting down and nobody will see the result
            running = false;
            return;
        }
        job.onSuccess(value -> {
                    if (started == generation) {
                        onLoaded.accept(value);
                    }
                })
                .onFailure(e -> {
                    if (started == generation) {
                        onFailed.accept(e);
                    }
                })
                .andFinally(() -> {
                    if (started != generation) {
                        return;
                    }
                    running = false;
                    if (again) {
                        reload();
                    }
                });
    }

    /** Forgets the source; loads still in flight report nothing. */
    public void stop() {
        generation++;
        source = null;
        running = false;
        again = false;
    }
}
