package dev.berth.desktop.images;

import dev.berth.desktop.resources.Formats;
import dev.berth.remote.images.HistoryItem;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One layer of an image's history. */
public final class HistoryRow {

    private final ReadOnlyStringWrapper id;
    private final ReadOnlyObjectWrapper<Long> created;
    private final ReadOnlyStringWrapper createdBy;
    private final ReadOnlyObjectWrapper<Long> size;
    private final ReadOnlyStringWrapper comment;

    public HistoryRow(HistoryItem item) {
        String raw = item.id() == null ? "" : item.id();
        id = new ReadOnlyStringWrapper(raw.startsWith("sha256:") ? Formats.shortId(raw) : raw);
        created = new ReadOnlyObjectWrapper<>(item.created());
        createdBy = new ReadOnlyStringWrapper(clean(item.createdBy()));
        size = new ReadOnlyObjectWrapper<>(item.size());
        comment = new ReadOnlyStringWrapper(item.comment() == null ? "" : item.comment());
    }

    /** The builder's shell prefix says nothing a reader needs; the instruction is what matters. */
    static String clean(String createdBy) {
        if (createdBy == null) {
            return "";
        }
        String s = createdBy.strip();
        if (s.startsWith("/bin/sh -c #(nop) ")) {
            return s.substring("/bin/sh -c #(nop) ".length()).strip();
        }
        if (s.startsWith("/bin/sh -c ")) {
            return "RUN " + s.substring("/bin/sh -c ".length()).strip();
        }
        return s;
    }

    public ReadOnlyStringProperty idProperty() {
        return id.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty createdByProperty() {
        return createdBy.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Long> sizeProperty() {
        return size.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty commentProperty() {
        return comment.getReadOnlyProperty();
    }
}
