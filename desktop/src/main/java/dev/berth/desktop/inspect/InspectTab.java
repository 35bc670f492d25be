package dev.berth.desktop.inspect;

import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import javafx.scene.Node;

/** The Inspect tab of a container's detail view. */
public final class InspectTab implements ContainerDetailTab {

    private final InspectViewModel model;
    private final InspectView view;

    public InspectTab(BackgroundExecutor background, Notifier notifier) {
        this.model = new InspectViewModel(background, notifier);
        this.view = new InspectView(model);
    }

    @Override
    public String id() {
        return "inspect";
    }

    @Override
    public String title() {
        return "Inspect";
    }

    @Override
    public Node view() {
        return view.node();
    }

    @Override
    public void open(EngineSession session, String containerId) {
        model.open(session, containerId);
    }

    @Override
    public void close() {
        model.close();
    }

    InspectViewModel model() {
        return model;
    }
}
