package dev.berth.desktop.files;

import dev.berth.desktop.containers.ContainerDetailTab;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import javafx.scene.Node;

/** The Files tab of a container's detail view: browse, download and upload through the engine's archive API. */
public final class FilesTab implements ContainerDetailTab {

    private final FilesViewModel model;
    private final FilesView view;

    public FilesTab(BackgroundExecutor background, Notifier notifier) {
        this(background, notifier, LocalPathChooser.dialogs());
    }

    /** With another way to pick local paths (tests). */
    public FilesTab(BackgroundExecutor background, Notifier notifier, LocalPathChooser chooser) {
        this.model = new FilesViewModel(background, notifier);
        this.view = new FilesView(model, chooser);
    }

    @Override
    public String id() {
        return "files";
    }

    @Override
    public String title() {
        return "Files";
    }

    @Override
    public Node view() {
        return view.node();
    }

    @Override
    public void open(EngineSession session, String containerId) {
        model.open(session, containerId);
    }

    @Override
    public void close() {
        model.close();
    }

    FilesViewModel model() {
        return model;
    }
}
