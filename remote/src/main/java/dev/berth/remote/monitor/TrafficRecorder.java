package dev.berth.remote.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last exchanges with engines (the app's own calls through {@link #interceptor()}, and the monitoring
 * proxy's) in a bounded ring, and tells listeners about each one as it completes (a stream also when its answer
 * starts, marked open; the complete record then takes its place). Thread-safe: exchanges complete on
 * OkHttp's and the proxy's threads; listeners are called on those threads and must hand work off quickly.
 */
public final class TrafficRecorder {

    public static final int DEFAULT_CAPACITY = 5_000;
    /** How much of a body is kept as text. */
    public static final int BODY_LIMIT = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TrafficRecorder.class);

    /** Told about every completed exchange and every clear. */
    public interface Listener {
        void recorded(TrafficRecord record);

        default void cleared() {
        }
    }

    private final int capacity;
    private final LinkedHashMap<Long, TrafficRecord> records = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public TrafficRecorder() {
        this(DEFAULT_CAPACITY);
    }

    public TrafficRecorder(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** An OkHttp interceptor that records every call of the client it is added to, as {@link TrafficSource#APP}. */
    public Interceptor interceptor() {
        return new RecordingInterceptor(this, "Berth");
    }

    public int capacity() {
        return capacity;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Keeps the record, in the place of an earlier (open) one with the same id if there is one. */
    void record(TrafficRecord record) {
        synchronized (records) {
            // a LinkedHashMap keeps a replaced entry where it was: the order stays the order exchanges started
            records.put(record.id(), record);
            if (records.size() > capacity) {
                records.remove(records.keySet().iterator().next());
            }
        }
        for (Listener listener : listeners) {
            try {
                listener.recorded(record);
            } catch (RuntimeException e) {
                LOG.warn("traffic listener failed: {}", e.toString());
            }
        }
    }

    /** The kept exchanges, oldest first. */
    public List<TrafficRecord> snapshot() {
        synchronized (records) {
            return new ArrayList<>(records.values());
        }
    }

    public void clear() {
        synchronized (records) {
            records.clear();
        }
        listeners.forEach(Listener::cleared);
    }

    /** Adds a listener; run the returned action to remove it again. */
    public Runnable addListener(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
