package dev.berth.desktop.images;

import dev.berth.desktop.resources.Formats;
import dev.berth.remote.images.ProgressAggregator;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One layer of a pull or push as its progress row shows it. FX thread. */
public final class LayerProgress {

    private final String id;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper();

    LayerProgress(String id) {
        this.id = id;
    }

    void apply(ProgressAggregator.Layer layer) {
        status.set(layer.status());
        detail.set(layer.total() > 0 ? Formats.size(layer.current()) + " / " + Formats.size(layer.total()) : "");
        fraction.set(layer.fraction());
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Bytes of the current transfer ("1.2 MB / 3.4 MB"), empty when the engine gives none. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    /** 0..1, never going backwards. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }
}
