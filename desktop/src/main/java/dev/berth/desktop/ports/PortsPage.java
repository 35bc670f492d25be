package dev.berth.desktop.ports;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.ModelPage;
import dev.berth.desktop.shell.Page;
import dev.berth.icons.AppIcon;
import java.util.function.Consumer;

/** The Ports page: Enter on a port shows its container on the Containers page, Ctrl+B opens an HTTP port. */
public final class PortsPage {

    private static final Texts T = Texts.of(PortsPage.class);

    private PortsPage() {
    }

    /**
     * @param showContainer shows a container, by name, on the Containers page with its details open
     * @param browser       opens an address in the user's browser; null where none can be started (the address is
     *                      shown in a notice instead)
     */
    public static Page create(BackgroundExecutor background, Notifier notifier, Consumer<String> showContainer,
                              BrowserOpener browser) {
        PortsViewModel model = new PortsViewModel(background, notifier, new HostPortCheck());
        BrowserOpener opener = browser != null ? browser : url -> notifier.info(T.get("browser.none", url));
        PortsView view = new PortsView(model, opener);
        view.setOpenAction(T.get("action.showContainer"), row -> showContainer.accept(row.containerProperty().get()));
        view.setCopyText(T.get("action.copyHost"), row -> row.hostProperty().get());
        view.addBrowserMenuItem();
        return new ModelPage("ports", T.get("title"), AppIcon.PORT, view, model, view::commands);
    }
}
