package dev.berth.remote.images;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Folds the messages of a pull, push or load into per-layer state and one overall percentage, for a progress
 * display to bind to. Pass it (or {@code aggregator.andThen(…)}) as the progress consumer. Thread-safe: messages
 * may arrive on a worker thread while the GUI reads {@link #snapshot()}; listeners run on the thread that feeds
 * the messages, so a GUI must hand their snapshots over to its own thread.
 *
 * <p>Each layer counts equally. A pull layer is half done when downloaded and whole when extracted; a push or load
 * layer goes with its bytes. A layer's fraction never goes backwards, so a bar never jumps back on a retry.
 */
public final class ProgressAggregator implements Consumer<ProgressMessage> {

    private static final Pattern LAYER_ID = Pattern.compile("[0-9a-f]{12,64}");
    private static final Pattern PUSH_DIGEST = Pattern.compile(".*: digest: sha256:[0-9a-f]{64} size: \\d+");

    /** State of one layer: the latest status, bytes of the current transfer, and the layer's share done (0..1). */
    public record Layer(String id, String status, long current, long total, double fraction) {
    }

    /**
     * Everything a display needs at one moment.
     *
     * @param layers   layers in the order they first appeared
     * @param percent  0..100
     * @param finished the engine reported the end of the operation (or a failure)
     * @param status   the latest overall status line ("Digest: …", "Status: Downloaded newer image for …")
     * @param error    the engine's failure message, or {@code null}
     */
    public record Snapshot(List<Layer> layers, double percent, boolean finished, String status, String error) {
    }

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private boolean finished;
    private String status;
    private String error;

    /** Calls {@code listener} with a fresh snapshot after every message. */
    public void addListener(Consumer<Snapshot> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Snapshot> listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(ProgressMessage message) {
        Snapshot snapshot;
        synchronized (this) {
            apply(message);
            snapshot = snapshotLocked();
        }
        for (Consumer<Snapshot> listener : listeners) {
            listener.accept(snapshot);
        }
    }

    /** Marks the operation done (for callers that learn it from the call returning rather than from a message). */
    public void complete() {
        Snapshot snapshot;
        synchronized (this) {
            finished = true;
            snapshot = snapshotLocked();
        }
        for (Consumer<Snapshot> listener : listeners) {
            listener.accept(snapshot);
        }
    }

    public synchronized Snapshot snapshot() {
        return snapshotLocked();
    }

    public double percent() {
        return snapshot().percent();
    }

    private void apply(ProgressMessage m) {
        if (m.isError()) {
            error = m.errorMessage();
            finished = true;
            return;
        }
        String s = m.status() == null ? "" : m.status();
        if (isLayer(m.id(), s)) {
            Layer previous = layers.get(m.id());
            long current = 0;
            long total = 0;
            if (m.progressDetail() != null && m.progressDetail().total() != null && m.progressDetail().total() > 0) {
                total = m.progressDetail().total();
                current = m.progressDetail().current() == null ? 0 : Math.min(total, m.progressDetail().current());
            }
            double fraction = Math.max(previous == null ? 0 : previous.fraction(), fraction(s, current, total));
            layers.put(m.id(), new Layer(m.id(), s, current, total, fraction));
            return;
        }
        if (!s.isEmpty()) {
            status = s;
        }
        if (s.startsWith("Status: ") || PUSH_DIGEST.matcher(s).matches() || s.startsWith("sha256:")
                || (m.aux() != null && m.aux().has("Digest"))
                || (m.stream() != null && m.stream().startsWith("Loaded image"))) {
            finished = true;
        }
    }

    private static boolean isLayer(String id, String status) {
        return id != null && LAYER_ID.matcher(id).matches() && !status.startsWith("Pulling from");
    }

    private static double fraction(String status, long current, long total) {
        double bytes = total > 0 ? (double) current / total : 0;
        if (status.startsWith("Downloading")) {
            return 0.5 * bytes;
        }
        if (status.startsWith("Verifying Checksum") || status.startsWith("Download complete")) {
            return 0.5;
        }
        if (status.startsWith("Extracting")) {
            return 0.5 + 0.5 * bytes;
        }
        if (status.startsWith("Pull complete") || status.startsWith("Already exists") || status.startsWith("Pushed")
                || status.startsWith("Layer already exists") || status.startsWith("Mounted from")
                || status.startsWith("Loaded")) {
            return 1;
        }
        return bytes;
    }

    private Snapshot snapshotLocked() {
        List<Layer> list = new ArrayList<>(layers.values());
        double percent;
        if (finished && error == null) {
            percent = 100;
        } else if (list.isEmpty()) {
            percent = 0;
        } else {
            percent = 100 * list.stream().mapToDouble(Layer::fraction).sum() / list.size();
        }
        return new Snapshot(List.copyOf(list), percent, finished, status, error);
    }
}
