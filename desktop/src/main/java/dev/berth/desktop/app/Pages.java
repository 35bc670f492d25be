package dev.berth.desktop.app;

import dev.berth.desktop.containers.ContainerDetailTabs;
import dev.berth.desktop.containers.ContainersPage;
import dev.berth.desktop.dashboard.DashboardPage;
import dev.berth.desktop.engines.EnginesViewModel;
import dev.berth.desktop.files.FilesTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.images.ImagesPage;
import dev.berth.desktop.inspect.InspectTab;
import dev.berth.desktop.logs.LogsTab;
import dev.berth.desktop.resources.ResourcePages;
import dev.berth.desktop.run.RunContainerWizard;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.stats.StatsTab;
import dev.berth.desktop.terminal.TerminalTab;
import dev.berth.remote.auth.CredentialStore;
import java.util.List;

/** The main window's pages, in navigation order, and what they open (detail tabs, the run wizard). */
final class Pages {

    private Pages() {
    }

    static List<Page> all(BackgroundExecutor background, Notifier notifier, EnginesViewModel engines) {
        ContainerDetailTabs detailTabs = () -> List.of(
                new LogsTab(background, notifier),
                new TerminalTab(background, notifier),
                new InspectTab(background, notifier),
                new StatsTab(background, notifier),
                new FilesTab(background, notifier));
        RunContainerWizard runWizard = new RunContainerWizard(background, notifier, () -> engines.sessionProperty().get());
        return List.of(
                DashboardPage.create(background, notifier),
                new ContainersPage(background, notifier, detailTabs),
                ImagesPage.create(background, notifier, CredentialStore.system(), ref -> runWizard.open(null, ref)),
                ResourcePages.networks(background, notifier),
                ResourcePages.volumes(background, notifier),
                ResourcePages.ports(background, notifier));
    }
}
