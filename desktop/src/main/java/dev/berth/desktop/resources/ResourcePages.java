package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;

/**
 * The Networks and Volumes pages, each built from its view model and view. Enter on a network or a volume
 * shows the engine's whole description of it.
 */
public final class ResourcePages {

    private static final Texts T = Texts.of(ResourcePages.class);

    private ResourcePages() {
    }

    public static Page networks(BackgroundExecutor background, Notifier notifier) {
        NetworksViewModel model = new NetworksViewModel(background, notifier);
        NetworksView view = new NetworksView(model);
        view.setOpenAction(T.get("networks.inspect"), row -> DetailsDialog.show(view, "network-details",
                T.get("networks.details-title", row.nameProperty().get()), model.details(row)));
        view.setCopyText(T.get("networks.copy-name"), row -> row.nameProperty().get());
        return new ModelPage("networks", T.get("networks.title"), AppIcon.NETWORK, view, model, () -> view.rowCommands(T.get("networks.title")));
    }

    public static Page volumes(BackgroundExecutor background, Notifier notifier) {
        VolumesViewModel model = new VolumesViewModel(background, notifier);
        VolumesView view = new VolumesView(model);
        view.setOpenAction(T.get("volumes.inspect"), row -> DetailsDialog.show(view, "volume-details",
                T.get("volumes.details-title", row.name()), model.details(row)));
        view.setCopyText(T.get("volumes.copy-name"), VolumeRow::name);
        return new ModelPage("volumes", T.get("volumes.title"), AppIcon.VOLUME, view, model, () -> view.rowCommands(T.get("volumes.title")));
    }
}
