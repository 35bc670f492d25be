package dev.berth.desktop.logs;

import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import javafx.scene.Node;

/** The Logs tab of a container's detail view. */
public final class LogsTab implements ContainerDetailTab {

    private final LogsViewModel model;
    private final LogsView view;

    public LogsTab(BackgroundExecutor background, Notifier notifier) {
        this.model = new LogsViewModel(background, notifier);
        this.view = new LogsView(model);
    }

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public String title() {
        return "Logs";
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

    LogsViewModel model() {
        return model;
    }

    LogsView logsView() {
        return view;
    }
}
