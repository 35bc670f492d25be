package dev.berth.desktop.resources;

import dev.berth.desktop.fx.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The result of a background command, for several listeners at once: the view model reports it (a notice) and the
 * view reacts (closes a dialog, shows the engine's message inline). A {@link Job} keeps one callback of each kind,
 * so a second registration would silently replace the first. FX thread only; listeners added after the outcome is
 * known run at once.
 */
public final class Outcome<T> {

    private final List<Consumer<? super T>> successes = new ArrayList<>();
    private final List<Consumer<Throwable>> failures = new ArrayList<>();
    private boolean done;
    private T value;
    private Throwable failure;

    private Outcome() {
    }

    public static <T> Outcome<T> of(Job<T> job) {
        Outcome<T> outcome = new Outcome<>();
        job.onSuccess(outcome::succeed).onFailure(outcome::fail);
        return outcome;
    }

    public Outcome<T> onSuccess(Consumer<? super T> action) {
        if (!done) {
            successes.add(action);
        } else if (failure == null) {
            action.accept(value);
        }
        return this;
    }

    public Outcome<T> onFailure(Consumer<Throwable> action) {
        if (!done) {
            failures.add(action);
        } else if (failure != null) {
            action.accept(failure);
        }
        return this;
    }

    private void succeed(T result) {
        done = true;
        value = result;
        successes.forEach(s -> s.accept(result));
    }

    private void fail(Throwable error) {
        done = true;
        failure = error;
        failures.forEach(f -> f.accept(error));
    }
}
