package dev.berth.desktop.logs;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The lines on screen, capped: when more arrive than the cap, the oldest go. Lines also have an absolute position
 * (counting every line ever appended) so search matches survive the oldest lines being dropped. FX thread only.
 */
final class LogBuffer {

    private final int capacity;
    private final ObservableList<LogLine> lines = FXCollections.observableArrayList();
    private long dropped;

    LogBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    ObservableList<LogLine> lines() {
        return lines;
    }

    int capacity() {
        return capacity;
    }

    /** Appends a batch, dropping the oldest lines beyond the cap; returns how many lines were dropped. */
    int append(List<LogLine> batch) {
        int skipped = 0;
        if (batch.size() > capacity) {
            // a burst larger than the whole buffer: its head would be dropped at once, never add it
            skipped = batch.size() - capacity;
            batch = batch.subList(skipped, batch.size());
        }
        int excess = Math.max(0, lines.size() + batch.size() - capacity);
        if (excess > 0) {
            lines.remove(0, excess);
        }
        dropped += excess + skipped;
        lines.addAll(batch);
        return excess + skipped;
    }

    void clear() {
        dropped += lines.size();
        lines.clear();
    }

    /** Absolute position of the first line in the buffer. */
    long firstPosition() {
        return dropped;
    }

    /** Absolute position the next appended line will get. */
    long endPosition() {
        return dropped + lines.size();
    }

    /** Index in {@link #lines()} of an absolute position, or -1 if it was dropped or does not exist yet. */
    int indexOf(long position) {
        long index = position - dropped;
        return index < 0 || index >= lines.size() ? -1 : (int) index;
    }
}
