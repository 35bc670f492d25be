package dev.berth.desktop.volumes;

import dev.berth.desktop.files.LocalPathChooser;
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

/** The Volumes page: its view model, view and command-palette entries. */
public final class VolumesPage {

    private static final Texts T = Texts.of(VolumesPage.class);

    private VolumesPage() {
    }

    public static Page create(BackgroundExecutor background, Notifier notifier) {
        return create(background, notifier, LocalPathChooser.dialogs());
    }

    /** With another way to pick where the file browser's downloads go (tests). */
    public static Page create(BackgroundExecutor background, Notifier notifier, LocalPathChooser chooser) {
        VolumesViewModel model = new VolumesViewModel(background, notifier);
        VolumesView view = new VolumesView(model, new VolumeBrowser(background, notifier, chooser));
        return new ModelPage("volumes", T.get("page.title"), AppIcon.VOLUME, view, model, () -> commands(view));
    }

    private static List<PaletteCommand> commands(VolumesView view) {
        String category = T.get("page.title");
        List<PaletteCommand> commands = new ArrayList<>();
        VolumeRow selected = view.selected();
        if (selected != null) {
            commands.addAll(view.rowCommands(category));
            commands.add(new PaletteCommand(T.get("command.browse", selected.name()), category, view::browse));
            commands.add(new PaletteCommand(T.get("command.remove", selected.name()), category, Shortcuts.REMOVE,
                    view::openRemove));
        }
        // Ctrl+N makes something new on every page: a container elsewhere, a volume here
        commands.add(new PaletteCommand(T.get("command.create"), category, Shortcuts.RUN, view::openCreate));
        commands.add(new PaletteCommand(T.get("command.prune"), category, view::openPrune));
        return commands;
    }
}
