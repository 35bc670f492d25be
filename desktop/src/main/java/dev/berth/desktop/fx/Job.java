package dev.berth.desktop.fx;

import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A piece of background work whose outcome is delivered on the JavaFX thread. Callbacks registered after the work
 * finished still run (once), so registering is never racy.
 */
public final class Job<T> {

    private final String description;
    private Future<?> future;
    private T result;
    private Throwable failure;
    private boolean done;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onDone = () -> { };

    Job(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Called on the FX thread with the result. */
    public synchronized Job<T> onSuccess(Consumer<? super T> action) {
        onSuccess = action;
        if (done && failure == null) {
            FxThread.run(() -> action.accept(result));
        }
        return this;
    }

    /** Called on the FX thread with the failure. */
    public synchronized Job<T> onFailure(Consumer<Throwable> action) {
        onFailure = action;
        if (done && failure != null) {
            Throwable f = failure;
            FxThread.run(() -> action.accept(f));
        }
        return this;
    }

    /** Called on the FX thread after success or failure. */
    public synchronized Job<T> andFinally(Runnable action) {
        onDone = action;
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
        Consumer<? super T> success;
        Consumer<Throwable> fail;
        Runnable last;
        synchronized (this) {
            result = value;
            failure = error;
            done = true;
            success = onSuccess;
            fail = onFailure;
            last = onDone;
        }
        FxThread.run(() -> {
            try {
                if (error == null) {
                    success.accept(value);
                } else {
                    fail.accept(error);
                }
            } finally {
                last.run();
            }
        });
    }
}
