package dev.berth.desktop.resources;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;
import java.util.function.Consumer;

/**
 * The Ports page, built from its view model and view. Enter on a port shows its container on the Containers page.
 */
public final class ResourcePages {

    private ResourcePages() {
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
