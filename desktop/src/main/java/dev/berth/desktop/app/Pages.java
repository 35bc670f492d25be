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
import dev.berth.desktop.monitor.MonitorPage;
import dev.berth.desktop.ports.BrowserOpener;
import dev.berth.desktop.ports.PortsPage;
import dev.berth.desktop.networks.NetworksPage;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.stats.StatsTab;
import dev.berth.desktop.terminal.TerminalTab;
import dev.berth.desktop.volumes.VolumesPage;
import dev.berth.remote.auth.CredentialStore;
import dev.berth.remote.monitor.TrafficRecorder;
import java.util.List;
import java.util.function.Consumer;

/** The main window's pages, in navigation order, and what they open (detail tabs, the run wizard). */
final class Pages {

    private Pages() {
    }

    /**
     * @param runImage opens the run-container wizard, with an image reference or null
     * @param navigate shows the page with this id
     * @param browser  opens an address in the user's browser, or null where none can be started
     */
    static List<Page> all(BackgroundExecutor background, Notifier notifier, TrafficRecorder traffic,
                          Consumer<String> runImage, Consumer<String> navigate, Consumer<AutoCloseable> owned,
                          BrowserOpener browser) {
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
                PortsPage.create(background, notifier, name -> {
                    navigate.accept(containers.id());
                    containers.reveal(name);
                }, browser),
                monitor(traffic, background, notifier, owned));
    }

    private static Page monitor(TrafficRecorder traffic, BackgroundExecutor background, Notifier notifier,
                                Consumer<AutoCloseable> owned) {
        MonitorPage page = new MonitorPage(traffic, background, notifier);
        owned.accept(page); // its proxy must not outlive the app
        return page;
    }
}
