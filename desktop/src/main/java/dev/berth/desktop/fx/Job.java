package dev.berth.desktop.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A piece of background work whose outcome is delivered on the JavaFX thread. Several callbacks of each kind may be
 * registered; those registered after the work finished still run (once), so registering is never racy.
 */
public final class Job<T> {

    private final String description;
    private Future<?> future;
    private T result;
    private Throwable failure;
    private boolean done;
    private final List<Consumer<? super T>> onSuccess = new ArrayList<>();
    private final List<Consumer<Throwable>> onFailure = new ArrayList<>();
    private final List<Runnable> onDone = new ArrayList<>();

    Job(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Called on the FX thread with the result. */
    public synchronized Job<T> onSuccess(Consumer<? super T> action) {
        onSuccess.add(action);
        if (done && failure == null) {
            FxThread.run(() -> action.accept(result));
        }
        return this;
    }

    /** Called on the FX thread with the failure. */
    public synchronized Job<T> onFailure(Consumer<Throwable> action) {
        onFailure.add(action);
        if (done && failure != null) {
            Throwable f = failure;
            FxThread.run(() -> action.accept(f));
        }
        return this;
    }

    /** Called on the FX thread after success or failure. */
    public synchronized Job<T> andFinally(Runnable action) {
        onDone.add(action);
        if (done) {
            FxThread.run(action);
        }
        return this;
    }

    public void cancel() {
        Future<?> f = future;
        if (f != null) {
            f.cancel(true);
        }
    }

    synchronized void started(Future<?> f) {
        this.future = f;
    }

    void complete(T value, Throwable error) {
        List<Consumer<? super T>> success;
        List<Consumer<Throwable>> fail;
        List<Runnable> last;
        synchronized (this) {
            result = value;
            failure = error;
            done = true;
            success = List.copyOf(onSuccess);
            fail = List.copyOf(onFailure);
            last = List.copyOf(onDone);
        }
        FxThread.run(() -> {
            try {
                if (error == null) {
                    success.forEach(s -> s.accept(value));
                } else {
                    fail.forEach(f -> f.accept(error));
                }
            } finally {
                last.forEach(Runnable::run);
            }
        });
    }
}
