package dev.berth.desktop.app;

import dev.berth.desktop.containers.ContainerDetailTabs;
import dev.berth.desktop.containers.ContainersPage;
import dev.berth.desktop.dashboard.DashboardPage;
import dev.berth.desktop.files.FilesTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.images.ImagesPage;
import dev.berth.desktop.inspect.InspectTab;
import dev.berth.desktop.logs.LogsTab;
import dev.berth.desktop.networks.NetworksPage;
import dev.berth.desktop.resources.ResourcePages;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.stats.StatsTab;
import dev.berth.desktop.terminal.TerminalTab;
import dev.berth.desktop.volumes.VolumesPage;
import dev.berth.remote.auth.CredentialStore;
import java.util.List;
import java.util.function.Consumer;

/** The main window's pages, in navigation order, and what they open (detail tabs, the run wizard). */
final class Pages {

    private Pages() {
    }

    /**
     * @param runImage opens the run-container wizard, with an image reference or null
     * @param navigate shows the page with this id
     */
    static List<Page> all(BackgroundExecutor background, Notifier notifier, Consumer<String> runImage,
                          Consumer<String> navigate) {
        ContainerDetailTabs detailTabs = () -> List.of(
                new LogsTab(background, notifier),
                new TerminalTab(background, notifier),
                new InspectTab(background, notifier),
                new StatsTab(background, notifier),
                new FilesTab(background, notifier));
        ContainersPage containers = new ContainersPage(background, notifier, detailTabs, () -> runImage.accept(null));
        return List.of(
                DashboardPage.create(background, notifier),
                containers,
                ImagesPage.create(background, notifier, CredentialStore.system(), runImage),
                NetworksPage.create(background, notifier),
                VolumesPage.create(background, notifier),
                ResourcePages.ports(background, notifier, name -> {
                    navigate.accept(containers.id());
                    containers.reveal(name);
                }));
    }
}
