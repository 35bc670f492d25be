package dev.berth.desktop.dashboard;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.ModelPage;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;

/** The Dashboard page. */
public final class DashboardPage {

    private static final Texts T = Texts.of(DashboardPage.class);

    private DashboardPage() {
    }

    public static Page create(BackgroundExecutor background, Notifier notifier) {
        DashboardViewModel model = new DashboardViewModel(background, notifier);
        DashboardView view = new DashboardView(model);
        return new ModelPage("dashboard", T.get("page.title"), AppIcon.DASHBOARD, view, model);
    }
}
