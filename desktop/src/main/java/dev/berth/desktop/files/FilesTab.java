package dev.berth.desktop.files;

import dev.berth.desktop.containers.ModelDetailTab;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;

/** The Files tab of a container's detail view: browse, download and upload through the engine's archive API. */
public final class FilesTab extends ModelDetailTab<FilesViewModel> {

    private static final Texts T = Texts.of(FilesTab.class);

    public FilesTab(BackgroundExecutor background, Notifier notifier) {
        this(background, notifier, LocalPathChooser.dialogs());
    }

    /** With another way to pick local paths (tests). */
    public FilesTab(BackgroundExecutor background, Notifier notifier, LocalPathChooser chooser) {
        this(new FilesViewModel(background, notifier), chooser);
    }

    private FilesTab(FilesViewModel model, LocalPathChooser chooser) {
        super("files", T.get("files.tab"), model, new FilesView(model, chooser).node());
    }
}
