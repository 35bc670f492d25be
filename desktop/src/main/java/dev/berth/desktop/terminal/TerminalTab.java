package dev.berth.desktop.terminal;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;

/** The Terminal tab of a container's detail view: a shell exec'd in the container, or an attach to its main process. */
public final class TerminalTab extends ModelDetailTab<TerminalViewModel> {

    private static final Texts T = Texts.of(TerminalTab.class);

    private final TerminalView view;

    public TerminalTab(BackgroundExecutor background, Notifier notifier) {
        this(new TerminalViewModel(background, notifier));
    }

    private TerminalTab(TerminalViewModel model) {
        this(model, new TerminalView(model));
    }

    private TerminalTab(TerminalViewModel model, TerminalView view) {
        super("terminal", T.get("terminal.tab"), model, view.node());
        this.view = view;
    }

    /** Ends the session, then disposes of the emulator once the shell was asked to exit. */
    @Override
    public void close() {
        model().close(() -> FxThread.run(view::dispose));
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
