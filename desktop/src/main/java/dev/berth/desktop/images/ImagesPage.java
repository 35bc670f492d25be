package dev.berth.desktop.images;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.resources.ModelPage;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import dev.berth.remote.auth.CredentialStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The Images page: its view model, view and command-palette entries. */
public final class ImagesPage {

    private ImagesPage() {
    }

    /**
     * @param credentials where saved registry logins are looked up ({@link CredentialStore#system()} in the app)
     * @param runImage    opens the run-container wizard for an image reference
     */
    public static Page create(BackgroundExecutor background, Notifier notifier, CredentialStore credentials,
                              Consumer<String> runImage) {
        ImagesViewModel model = new ImagesViewModel(background, notifier, credentials);
        ImagesView view = new ImagesView(model, runImage);
        return new ModelPage("images", "Images", AppIcon.IMAGE, view, model, () -> commands(view));
    }

    private static List<PaletteCommand> commands(ImagesView view) {
        List<PaletteCommand> commands = new ArrayList<>();
        ImageRow selected = view.selected();
        if (selected != null) {
            String name = selected.displayName();
            commands.add(new PaletteCommand("Run a container from " + name + "…", "Images", Shortcuts.RUN, view::run));
            commands.add(new PaletteCommand("Show history of " + name, "Images", Shortcuts.OPEN, view::openHistory));
            commands.add(new PaletteCommand("Tag " + name + "…", "Images", Shortcuts.TAG, view::openTag));
            commands.add(new PaletteCommand("Push " + name + "…", "Images", Shortcuts.PUSH, view::openPush));
            commands.add(new PaletteCommand("Save " + name + " to file…", "Images", Shortcuts.SAVE, view::save));
            commands.addAll(view.rowCommands("Images"));
            commands.add(new PaletteCommand("Remove " + name + "…", "Images", Shortcuts.REMOVE, view::openRemove));
        }
        commands.add(new PaletteCommand("Pull image…", "Images", Shortcuts.PULL, view::openPull));
        commands.add(new PaletteCommand("Load images from file…", "Images", Shortcuts.LOAD, view::load));
        commands.add(new PaletteCommand("Import root filesystem as image…", "Images", Shortcuts.IMPORT,
                view::openImport));
        commands.add(new PaletteCommand("Prune images…", "Images", view::openPrune));
        return commands;
    }
}
