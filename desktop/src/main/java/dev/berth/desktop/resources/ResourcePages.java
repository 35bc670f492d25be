package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;
import java.util.function.Consumer;

/**
 * The Networks, Volumes and Ports pages, each built from its view model and view. Enter on a network or a volume
 * shows the engine's whole description of it; Enter on a port shows its container on the Containers page.
 */
public final class ResourcePages {

    private ResourcePages() {
    }

    public static Page networks(BackgroundExecutor background, Notifier notifier) {
        NetworksViewModel model = new NetworksViewModel(background, notifier);
        NetworksView view = new NetworksView(model);
        view.setOpenAction("Inspect network", row -> DetailsDialog.show(view, "network-details",
                "Network " + row.nameProperty().get(), model.details(row)));
        view.setCopyText("Copy network name", row -> row.nameProperty().get());
        return new ModelPage("networks", "Networks", AppIcon.NETWORK, view, model, () -> view.rowCommands("Networks"));
    }

    public static Page volumes(BackgroundExecutor background, Notifier notifier) {
        VolumesViewModel model = new VolumesViewModel(background, notifier);
        VolumesView view = new VolumesView(model);
        view.setOpenAction("Inspect volume", row -> DetailsDialog.show(view, "volume-details",
                "Volume " + row.name(), model.details(row)));
        view.setCopyText("Copy volume name", VolumeRow::name);
        return new ModelPage("volumes", "Volumes", AppIcon.VOLUME, view, model, () -> view.rowCommands("Volumes"));
    }

    /** @param showContainer shows a container, by name, on the Containers page with its details open */
    public static Page ports(BackgroundExecutor background, Notifier notifier, Consumer<String> showContainer) {
        PortsViewModel model = new PortsViewModel(background, notifier);
        PortsView view = new PortsView(model);
        view.setOpenAction("Show the container", row -> showContainer.accept(row.containerProperty().get()));
        view.setCopyText("Copy host address", row -> row.hostProperty().get());
        return new ModelPage("ports", "Ports", AppIcon.PORT, view, model, () -> view.rowCommands("Ports"));
    }
}
