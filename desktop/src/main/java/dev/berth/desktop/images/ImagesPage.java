package dev.berth.desktop.images;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.resources.ModelPage;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.icons.AppIcon;
import dev.berth.remote.auth.CredentialStore;
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
        return new ModelPage("images", "Images", AppIcon.IMAGE, view, model, () -> List.of(
                new PaletteCommand("Pull image…", "Images", view::openPull),
                new PaletteCommand("Load images from file…", "Images", view::load),
                new PaletteCommand("Import root filesystem as image…", "Images", view::openImport),
                new PaletteCommand("Prune images…", "Images", view::openPrune),
                new PaletteCommand("Search images", "Images", () -> view.search().requestFocus())));
    }
}
