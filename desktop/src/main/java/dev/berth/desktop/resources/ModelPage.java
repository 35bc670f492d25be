package dev.berth.desktop.resources;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Searchable;
import dev.berth.icons.AppIcon;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.Node;

/** A page made of one view and the view model that feeds it. */
public final class ModelPage implements Page {

    private final String id;
    private final String title;
    private final AppIcon icon;
    private final Node view;
    private final PageModel model;
    private final Supplier<List<PaletteCommand>> commands;

    public ModelPage(String id, String title, AppIcon icon, Node view, PageModel model) {
        this(id, title, icon, view, model, List::of);
    }

    public ModelPage(String id, String title, AppIcon icon, Node view, PageModel model,
                     Supplier<List<PaletteCommand>> commands) {
        this.id = id;
        this.title = title;
        this.icon = icon;
        this.view = view;
        this.model = model;
        this.commands = commands;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public AppIcon icon() {
        return icon;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(EngineSession session) {
        model.show(session);
    }

    @Override
    public void hide() {
        model.hide();
    }

    @Override
    public void focusSearch() {
        if (view instanceof Searchable searchable) {
            searchable.focusSearch();
        }
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    @Override
    public List<PaletteCommand> commands() {
        return commands.get();
    }
}
