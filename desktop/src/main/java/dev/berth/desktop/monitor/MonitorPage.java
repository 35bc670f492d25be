package dev.berth.desktop.monitor;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;
import dev.berth.remote.monitor.TrafficRecorder;
import javafx.scene.Node;

/** The "API traffic" page: every Engine API call of the app and of clients of the monitoring proxy. */
public final class MonitorPage implements Page, AutoCloseable {

    private static final Texts T = Texts.of(MonitorPage.class);

    private final MonitorViewModel model;
    private final MonitorView view;

    public MonitorPage(TrafficRecorder recorder, BackgroundExecutor background, Notifier notifier) {
        this.model = new MonitorViewModel(recorder, background, notifier, System.getenv());
        this.view = new MonitorView(model);
    }

    @Override
    public String id() {
        return "monitor";
    }

    @Override
    public String title() {
        return T.get("page.title");
    }

    @Override
    public AppIcon icon() {
        return AppIcon.LINK;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(EngineSession session) {
        model.show(session);
    }

    @Override
    public void hide() {
        model.hide();
    }

    @Override
    public void focusSearch() {
        view.focusSearch();
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    /** Stops the proxy when the app closes. */
    @Override
    public void close() {
        model.close();
    }
}
