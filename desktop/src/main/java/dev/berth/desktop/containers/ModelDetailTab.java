package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;
import javafx.scene.Node;

/**
 * A detail tab made of a view model and the node showing it: opening and closing the tab opens and closes the
 * model. Logs, Terminal, Inspect, Stats and Files are all this shape.
 */
public abstract class ModelDetailTab<M extends ContainerDetailModel> implements ContainerDetailTab {

    private final String id;
    private final String title;
    private final M model;
    private final Node view;

    protected ModelDetailTab(String id, String title, M model, Node view) {
        this.id = id;
        this.title = title;
        this.model = model;
        this.view = view;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Node view() {
        return view;
    }

    @Override
    public void open(EngineSession session, String containerId) {
        model.open(session, containerId);
    }

    @Override
    public void close() {
        model.close();
    }

    /** The tab's view model (tests and diagnostics). */
    public M model() {
        return model;
    }
}
