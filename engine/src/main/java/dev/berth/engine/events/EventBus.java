package dev.berth.engine.events;

import dev.berth.remote.system.EventMessage;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every event the engine emits, in order. Keeps the most recent ones so {@code /events?since=} can replay them
 * (dockerd keeps 256; we keep more, the desktop's dashboard asks for the last hour), and fans new ones out to
 * live subscribers.
 */
public final class EventBus {

    private static final int HISTORY = 4096;

    private final Clock clock;
    private final Deque<EventMessage> history = new ArrayDeque<>();
    private final List<Consumer<EventMessage>> subscribers = new CopyOnWriteArrayList<>();
    private long lastNanos;

    public EventBus() {
        this(Clock.systemUTC());
    }

    public EventBus(Clock clock) {
        this.clock = clock;
    }

    /**
     * Emits one event. {@code attributes} are Docker's Actor.Attributes (name, image, exitCode, signal …).
     *
     * @param type   container, image, volume or network
     * @param action create, start, die, tag, destroy …
     * @param id     the object's ID (for images, the reference or ID Docker reports)
     */
    public void publish(String type, String action, String id, Map<String, String> attributes) {
        EventMessage event;
        synchronized (this) {
            java.time.Instant now = clock.instant();
            long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            // Strictly increasing, so since/until windows and replay order never shuffle two events.
            nanos = Math.max(nanos, lastNanos + 1);
            lastNanos = nanos;
            Map<String, String> attrs = attributes == null ? Map.of() : Map.copyOf(attributes);
            String from = "container".equals(type) ? attrs.get("image") : null;
            String status = "container".equals(type) || "image".equals(type) ? action : null;
            event = new EventMessage(type, action, new EventMessage.Actor(id, attrs), "local",
                    nanos / 1_000_000_000L, nanos, status, status == null ? null : id, from);
            history.addLast(event);
            if (history.size() > HISTORY) {
                history.removeFirst();
            }
            for (Consumer<EventMessage> subscriber : subscribers) {
                subscriber.accept(event);
            }
        }
    }

    /**
     * Replays the kept events with {@code timeNano >= sinceNanos}, then delivers live ones until the returned
     * handle is closed. Replay and subscription happen under one lock so no event is missed or doubled.
     */
    public AutoCloseable subscribe(long sinceNanos, Consumer<EventMessage> listener) {
        synchronized (this) {
            for (EventMessage event : history) {
                if (event.timeNano() >= sinceNanos) {
                    listener.accept(event);
                }
            }
            subscribers.add(listener);
        }
        return () -> subscribers.remove(listener);
    }

    /** The kept events, oldest first. */
    public synchronized List<EventMessage> recent() {
        return new ArrayList<>(history);
    }

    /** Wall-clock nanoseconds now, on the same clock the events are stamped with. */
    public long nowNanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
