package dev.berth.desktop.logs;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;

/** The Logs tab of a container's detail view. */
public final class LogsTab extends ModelDetailTab<LogsViewModel> {

    private static final Texts T = Texts.of(LogsTab.class);

    private final LogsView view;

    public LogsTab(BackgroundExecutor background, Notifier notifier) {
        this(new LogsViewModel(background, notifier));
    }

    private LogsTab(LogsViewModel model) {
        this(model, new LogsView(model));
    }

    private LogsTab(LogsViewModel model, LogsView view) {
        super("logs", T.get("logs.tab"), model, view.node());
        this.view = view;
    }

    LogsView logsView() {
        return view;
    }
}
