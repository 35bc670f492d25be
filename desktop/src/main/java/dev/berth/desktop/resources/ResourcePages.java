package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.icons.AppIcon;
import java.util.List;

/** The read-only Networks, Volumes and Ports pages, each built from its view model and view. */
public final class ResourcePages {

    private ResourcePages() {
    }

    public static Page networks(BackgroundExecutor background, Notifier notifier) {
        NetworksViewModel model = new NetworksViewModel(background, notifier);
        NetworksView view = new NetworksView(model);
        return new ModelPage("networks", "Networks", AppIcon.NETWORK, view, model,
                () -> List.of(new PaletteCommand("Search networks", "Networks", () -> focus(view))));
    }

    public static Page volumes(BackgroundExecutor background, Notifier notifier) {
        VolumesViewModel model = new VolumesViewModel(background, notifier);
        VolumesView view = new VolumesView(model);
        return new ModelPage("volumes", "Volumes", AppIcon.VOLUME, view, model,
                () -> List.of(new PaletteCommand("Search volumes", "Volumes", () -> focus(view))));
    }

    public static Page ports(BackgroundExecutor background, Notifier notifier) {
        PortsViewModel model = new PortsViewModel(background, notifier);
        PortsView view = new PortsView(model);
        return new ModelPage("ports", "Ports", AppIcon.PORT, view, model,
                () -> List.of(new PaletteCommand("Search published ports", "Ports", () -> focus(view))));
    }

    private static void focus(ResourceTableView<?> view) {
        view.search().requestFocus();
    }
}
