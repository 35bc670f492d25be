package dev.berth.desktop.engines;

import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.stream.JsonStream;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.system.EventsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code /events} subscription per engine, shared by every view: panels update from events instead of polling.
 * Events reach listeners in batches on the FX thread. When the stream breaks it is reopened from the last event's
 * time, so nothing is missed across a hiccup.
 */
public final class EngineEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineEvents.class);

    private final EngineClient client;
    private final List<Consumer<List<EventMessage>>> listeners = new CopyOnWriteArrayList<>();
    private final Batcher<EventMessage> batcher;
    private volatile boolean closed;
    private volatile JsonStream<EventMessage> stream;

    EngineEvents(EngineClient client, BackgroundExecutor background) {
        this.client = client;
        this.batcher = new Batcher<>(Duration.ofMillis(150), batch -> listeners.forEach(l -> l.accept(batch)));
        batcher.start();
        background.execute(this::readLoop);
    }

    /** Listens until the returned handle is run. */
    public Runnable subscribe(Consumer<List<EventMessage>> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void readLoop() {
        Thread.currentThread().setName("berth-events");
        Instant since = Instant.now();
        while (!closed) {
            try (JsonStream<EventMessage> events = client.system().events(EventsOptions.live().since(since))) {
                stream = events;
                for (EventMessage e = events.next(); e != null && !closed; e = events.next()) {
                    since = e.instant() != null ? e.instant() : since;
                    batcher.add(e);
                }
            } catch (Exception e) {
                if (!closed) {
                    LOG.debug("event stream broke; reopening", e);
                }
            }
            sleepQuietly(closed ? 0 : 1000);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        batcher.stop();
        JsonStream<EventMessage> s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (java.io.IOException ignored) {
                // closing anyway
            }
        }
    }
}
