package dev.berth.desktop.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Collects items from any thread and hands them to the FX thread in batches at a fixed cadence, so a stream of
 * thousands of log lines or events per second costs a few UI updates per second, not one per item.
 */
public final class Batcher<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final Consumer<List<T>> consumer;
    private final Timeline timeline;

    public Batcher(java.time.Duration period, Consumer<List<T>> consumer) {
        this.consumer = consumer;
        this.timeline = new Timeline(new KeyFrame(Duration.millis(period.toMillis()), e -> drain()));
        this.timeline.setCycleCount(Timeline.INDEFINITE);
    }

    public void add(T item) {
        queue.add(item);
    }

    public void start() {
        FxThread.run(timeline::play);
    }

    /** Stops the cadence and delivers what is still queued. */
    public void stop() {
        FxThread.run(() -> {
            timeline.stop();
            drain();
        });
    }

    private void drain() {
        if (queue.isEmpty()) {
            return;
        }
        List<T> batch = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            batch.add(item);
        }
        consumer.accept(batch);
    }
}
