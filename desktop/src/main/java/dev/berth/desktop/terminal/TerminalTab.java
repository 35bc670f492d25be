package dev.berth.desktop.terminal;

import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import javafx.scene.Node;

/** The Terminal tab of a container's detail view: a shell exec'd in the container, or an attach to its main process. */
public final class TerminalTab implements ContainerDetailTab {

    private final TerminalViewModel model;
    private final TerminalView view;

    public TerminalTab(BackgroundExecutor background, Notifier notifier) {
        this.model = new TerminalViewModel(background, notifier);
        this.view = new TerminalView(model);
    }

    @Override
    public String id() {
        return "terminal";
    }

    @Override
    public String title() {
        return "Terminal";
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
        model.close(() -> FxThread.run(view::dispose));
    }

    TerminalViewModel model() {
        return model;
    }

    /** The text on the emulator's screen (empty before the first session); for tests and diagnostics. */
    String screenText() {
        EmulatorWidget widget = view.widget();
        return widget == null ? "" : widget.getTerminalTextBuffer().getScreenLines();
    }

    /** The emulator's current size as {columns, rows}, or null before the first session. */
    int[] screenSize() {
        EmulatorWidget widget = view.widget();
        return widget == null ? null : new int[] {widget.columns(), widget.rows()};
    }
}
