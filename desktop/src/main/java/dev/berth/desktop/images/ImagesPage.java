package dev.berth.desktop.images;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
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

    private static final Texts T = Texts.of(ImagesPage.class);

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
        return new ModelPage("images", T.get("images.page.title"), AppIcon.IMAGE, view, model, () -> commands(view));
    }

    private static List<PaletteCommand> commands(ImagesView view) {
        List<PaletteCommand> commands = new ArrayList<>();
        String category = T.get("images.palette.category");
        ImageRow selected = view.selected();
        if (selected != null) {
            String name = selected.displayName();
            commands.add(new PaletteCommand(T.get("images.palette.run", name), category, Shortcuts.RUN, view::run));
            commands.add(new PaletteCommand(T.get("images.palette.history", name), category, Shortcuts.OPEN,
                    view::openHistory));
            commands.add(new PaletteCommand(T.get("images.palette.tag", name), category, Shortcuts.TAG, view::openTag));
            commands.add(new PaletteCommand(T.get("images.palette.push", name), category, Shortcuts.PUSH,
                    view::openPush));
            commands.add(new PaletteCommand(T.get("images.palette.save", name), category, Shortcuts.SAVE, view::save));
            commands.addAll(view.rowCommands(category));
            commands.add(new PaletteCommand(T.get("images.palette.remove", name), category, Shortcuts.REMOVE,
                    view::openRemove));
        }
        commands.add(new PaletteCommand(T.get("images.palette.pull"), category, Shortcuts.PULL, view::openPull));
        commands.add(new PaletteCommand(T.get("images.palette.load"), category, Shortcuts.LOAD, view::load));
        commands.add(new PaletteCommand(T.get("images.palette.import"), category, Shortcuts.IMPORT,
                view::openImport));
        commands.add(new PaletteCommand(T.get("images.palette.prune"), category, view::openPrune));
        return commands;
    }
}
