package dev.berth.desktop.networks;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.ModelPage;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.List;

/** The Networks page: its view model, view and command-palette entries. */
public final class NetworksPage {

    private static final Texts T = Texts.of(NetworksPage.class);

    private NetworksPage() {
    }

    public static Page create(BackgroundExecutor background, Notifier notifier) {
        NetworksViewModel model = new NetworksViewModel(background, notifier);
        NetworksView view = new NetworksView(model);
        return new ModelPage("networks", T.get("page.title"), AppIcon.NETWORK, view, model, () -> commands(view));
    }

    private static List<PaletteCommand> commands(NetworksView view) {
        String category = T.get("page.title");
        List<PaletteCommand> commands = new ArrayList<>();
        NetworkRow selected = view.selected();
        if (selected != null) {
            commands.addAll(view.rowCommands(category));
            commands.add(new PaletteCommand(T.get("command.connect", selected.name()), category, view::openConnect));
            commands.add(new PaletteCommand(T.get("command.remove", selected.name()), category, Shortcuts.REMOVE,
                    view::openRemove));
        }
        // Ctrl+N makes something new on every page: a container elsewhere, a network here
        commands.add(new PaletteCommand(T.get("command.create"), category, Shortcuts.RUN, view::openCreate));
        commands.add(new PaletteCommand(T.get("command.prune"), category, view::openPrune));
        return commands;
    }
}
