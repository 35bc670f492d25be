package dev.berth.desktop.images;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.images.ProgressAggregator;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A pull or push in progress, for a dialog to bind to: one entry per layer (in the order the engine named them),
 * the overall fraction, the latest status line, and the engine's or registry's message if it failed. FX thread.
 */
public final class TransferProgress {

    private static final Texts T = Texts.of(TransferProgress.class);

    public enum State { RUNNING, SUCCEEDED, FAILED }

    private final String reference;
    private final ObservableList<LayerProgress> layers = FXCollections.observableArrayList();
    private final Map<String, LayerProgress> byId = new HashMap<>();
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(T.get("images.transfer.starting"));
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.RUNNING);
    private final BooleanProperty watched = new SimpleBooleanProperty(true);

    TransferProgress(String reference) {
        this.reference = reference;
    }

    void apply(ProgressAggregator.Snapshot snapshot) {
        for (ProgressAggregator.Layer layer : snapshot.layers()) {
            LayerProgress row = byId.get(layer.id());
            if (row == null) {
                row = new LayerProgress(layer.id());
                byId.put(layer.id(), row);
                layers.add(row);
            }
            row.apply(layer);
        }
        fraction.set(snapshot.percent() / 100);
        if (snapshot.status() != null && !snapshot.status().isBlank()) {
            status.set(snapshot.status());
        }
    }

    void succeeded(String finalStatus) {
        fraction.set(1);
        if (finalStatus != null && !finalStatus.isBlank()) {
            status.set(finalStatus);
        }
        state.set(State.SUCCEEDED);
    }

    void failed(String message) {
        error.set(message);
        status.set(T.get("images.transfer.failed"));
        state.set(State.FAILED);
    }

    /** {@code repo:tag} being moved. */
    public String reference() {
        return reference;
    }

    public ObservableList<LayerProgress> layers() {
        return layers;
    }

    /** 0..1 over all layers. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The engine's or registry's message once failed, else {@code null}. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /**
     * Whether someone is looking (the dialog is open). A transfer nobody watches reports its failure as a notice,
     * since there is no dialog left to show it in.
     */
    public BooleanProperty watchedProperty() {
        return watched;
    }
}
