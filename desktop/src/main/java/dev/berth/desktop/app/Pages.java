package dev.berth.desktop.app;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import java.util.List;

/** The main window's pages, in navigation order. */
final class Pages {

    private Pages() {
    }

    static List<Page> all(BackgroundExecutor background, Notifier notifier) {
        return List.of();
    }
}
