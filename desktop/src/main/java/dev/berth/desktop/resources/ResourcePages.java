package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;

/**
 * The Networks and Volumes pages, each built from its view model and view. Enter on a network or a volume
 * shows the engine's whole description of it.
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
}
