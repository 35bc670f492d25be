package dev.berth.desktop.stats;

import dev.berth.desktop.containers.ContainerDetailModel;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.stream.JsonStream;
import dev.berth.remote.system.EventMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live stats of one container: one {@code stats} stream while the container runs and the tab is open, samples turned
 * into rates and handed to the FX thread in batches, the last {@value #WINDOW} kept for the charts. The stream is
 * opened when the container starts and dropped when it stops, following the engine's events.
 */
public final class StatsViewModel implements ContainerDetailModel {

    private static final Texts T = Texts.of(StatsViewModel.class);

    static final int WINDOW = 120;
    private static final Duration BATCH_PERIOD = Duration.ofMillis(250);

    public enum State { LOADING, RUNNING, NOT_RUNNING, REMOVED, FAILED }

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ObservableList<StatsPoint> points = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(T.get("stats.status.loading"));
    private final ReadOnlyStringWrapper cpu = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper network = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper block = new ReadOnlyStringWrapper("–");

    private EngineSession session;
    private String containerId;
    private String containerName;
    private Runnable unsubscribe = () -> { };
    private StatsReader reader;
    private Batcher<StatsPoint> batcher;
    /** Engine time of the first sample, shared by every stream of this tab so the x axis runs on across restarts. */
    private volatile Instant origin;
    private boolean closed;

    public StatsViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
    }

    public void open(EngineSession session, String containerRef) {
        this.session = session;
        background.submit(T.get("stats.task.open", containerRef), () -> session.client().containers().inspect(containerRef))
                .onSuccess(this::opened)
                .onFailure(e -> {
                    if (!closed) {
                        fail(e, containerRef);
                    }
                });
    }

    private void opened(ContainerInspect info) {
        if (closed) {
            return;
        }
        containerId = info.id();
        containerName = info.plainName();
        unsubscribe = session.events().subscribe(this::onEvents);
        boolean running = info.state() != null && Boolean.TRUE.equals(info.state().running());
        if (running) {
            startStream();
        } else {
            notRunning();
        }
    }

    public void close() {
        closed = true;
        unsubscribe.run();
        stopStream();
    }

    public ObservableList<StatsPoint> points() {
        return points;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What to say instead of charts when there is nothing to chart. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cpuProperty() {
        return cpu.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty networkProperty() {
        return network.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty blockProperty() {
        return block.getReadOnlyProperty();
    }

    private void onEvents(List<EventMessage> events) {
        for (EventMessage e : events) {
            if (!"container".equals(e.type()) || !containerId.equals(e.actorId()) || closed) {
                continue;
            }
            switch (e.action() == null ? "" : e.action()) {
                case "start" -> startStream();
                case "die" -> {
                    stopStream();
                    notRunning();
                }
                case "destroy" -> {
                    stopStream();
                    state.set(State.REMOVED);
                    message.set(T.get("stats.status.removed"));
                    clearValues();
                }
                default -> { }
            }
        }
    }

    private void startStream() {
        stopStream();
        state.set(State.RUNNING);
        message.set(T.get("stats.status.waiting"));
        Batcher<StatsPoint> samples = new Batcher<>(BATCH_PERIOD, this::show);
        StatsReader r = new StatsReader(samples);
        reader = r;
        batcher = samples;
        samples.start();
        background.execute(r);
    }

    private void stopStream() {
        if (reader != null) {
            reader.stop();
            reader = null;
        }
        if (batcher != null) {
            batcher.stop();
            batcher = null;
        }
    }

    private void notRunning() {
        state.set(State.NOT_RUNNING);
        message.set(T.get("stats.status.notRunning"));
        clearValues();
    }

    private void clearValues() {
        cpu.set("–");
        memory.set("–");
        network.set("–");
        block.set("–");
    }

    private void fail(Throwable e, String what) {
        state.set(State.FAILED);
        message.set(T.get("stats.status.failed", Notifier.userMessage(e)));
        notifier.error(T.get("stats.error.title", what), e);
    }

    private void show(List<StatsPoint> batch) {
        if (closed || batch.isEmpty()) {
            return;
        }
        points.addAll(batch);
        if (points.size() > WINDOW) {
            points.remove(0, points.size() - WINDOW);
        }
        StatsPoint last = batch.get(batch.size() - 1);
        if (state.get() == State.RUNNING) {
            message.set("");
        }
        cpu.set(StatsFormat.percent(last.cpuPercent()));
        memory.set(last.memoryLimit() == null ? StatsFormat.memory(last.memoryUsed())
                : T.get("stats.value.memoryOfLimit", StatsFormat.memory(last.memoryUsed()),
                StatsFormat.memory(last.memoryLimit()), StatsFormat.percent(last.memoryPercent())));
        network.set(last.hasNetwork() ? T.get("stats.value.networkRates", StatsFormat.rate(last.networkInRate()),
                StatsFormat.rate(last.networkOutRate())) : T.get("stats.value.noNetwork"));
        block.set(T.get("stats.value.blockRates", StatsFormat.rate(last.blockReadRate()),
                StatsFormat.rate(last.blockWriteRate())));
    }

    /** Reads one stats stream on a background thread until it ends or is stopped. */
    private final class StatsReader implements Runnable {

        private final Batcher<StatsPoint> samples;
        private volatile boolean stopped;
        private volatile JsonStream<ContainerStats> stream;

        StatsReader(Batcher<StatsPoint> samples) {
            this.samples = samples;
        }

        @Override
        public void run() {
            String id = containerId;
            Thread thread = Thread.currentThread();
            String name = thread.getName();
            thread.setName("berth-stats-" + id.substring(0, Math.min(12, id.length())));
            try (JsonStream<ContainerStats> s = session.client().containers().statsStream(id)) {
                stream = s;
                if (stopped) {
                    return;
                }
                StatsCalculator calculator = new StatsCalculator(origin);
                for (ContainerStats sample = s.next(); sample != null && !stopped; sample = s.next()) {
                    StatsPoint point = calculator.next(sample);
                    if (origin == null) {
                        origin = calculator.origin();
                    }
                    if (point != null) {
                        samples.add(point);
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!stopped) {
                    FxThread.run(() -> {
                        if (reader == this && !closed) {
                            fail(e, containerName);
                        }
                    });
                }
            } finally {
                thread.setName(name);
            }
        }

        void stop() {
            stopped = true;
            JsonStream<ContainerStats> s = stream;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing to cancel
                }
            }
        }
    }
}
