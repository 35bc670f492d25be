package dev.berth.desktop.stats;

import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import javafx.scene.Node;

/** The Stats tab of a container's detail view. */
public final class StatsTab implements ContainerDetailTab {

    private final StatsViewModel model;
    private final StatsView view;

    public StatsTab(BackgroundExecutor background, Notifier notifier) {
        this.model = new StatsViewModel(background, notifier);
        this.view = new StatsView(model);
    }

    @Override
    public String id() {
        return "stats";
    }

    @Override
    public String title() {
        return "Stats";
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

    StatsViewModel model() {
        return model;
    }
}
