package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.shell.Page;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;

/** The Containers page: table, filters, actions, live updates and the opened container's detail tabs. */
public final class ContainersPage implements Page {

    private final ContainersViewModel model;
    private final ContainersView view;

    /** @param detailTabs makes the detail tabs (Logs, Terminal, …) for each container opened */
    public ContainersPage(BackgroundExecutor background, Notifier notifier, ContainerDetailTabs detailTabs) {
        this(background, notifier, detailTabs, () -> { });
    }

    /**
     * @param detailTabs makes the detail tabs (Logs, Terminal, …) for each container opened
     * @param runNew     opens the run-container wizard (the toolbar's Run… button)
     */
    public ContainersPage(BackgroundExecutor background, Notifier notifier, ContainerDetailTabs detailTabs,
                          Runnable runNew) {
        this.model = new ContainersViewModel(background, notifier);
        this.view = new ContainersView(model, detailTabs, runNew);
    }

    @Override
    public String id() {
        return "containers";
    }

    @Override
    public String title() {
        return "Containers";
    }

    @Override
    public AppIcon icon() {
        return AppIcon.CONTAINER;
    }

    @Override
    public Node view() {
        return view;
    }

    @Override
    public void show(EngineSession session) {
        view.show(session);
        model.show(session);
    }

    @Override
    public void hide() {
        view.hide();
        model.hide();
    }

    @Override
    public void focusSearch() {
        view.focusSearch();
    }

    @Override
    public void refresh() {
        model.refresh();
    }

    /** Shows the container with this name (or ID) and opens its details, once it is listed. */
    public void reveal(String nameOrId) {
        view.reveal(nameOrId);
    }

    @Override
    public List<PaletteCommand> commands() {
        List<PaletteCommand> commands = new ArrayList<>();
        for (ContainerAction a : ContainerAction.values()) {
            if (model.enabledProperty(a).get()) {
                commands.add(new PaletteCommand(a.label() + " selected containers"
                        + (a == ContainerAction.REMOVE ? "…" : ""), "Containers", a.shortcut(), () -> view.act(a)));
            }
        }
        List<ContainerRow> selected = view.selectedContainers();
        if (!selected.isEmpty()) {
            commands.add(new PaletteCommand("Open details of " + selected.get(0).name(), "Containers",
                    Shortcuts.OPEN, () -> view.openDetails(selected.get(0))));
            commands.add(new PaletteCommand("Copy names of selected containers", "Containers", Shortcuts.COPY,
                    () -> view.copy(false)));
            commands.add(new PaletteCommand("Copy IDs of selected containers", "Containers", Shortcuts.COPY_ID,
                    () -> view.copy(true)));
        }
        if (view.detailsOpen()) {
            commands.add(new PaletteCommand("Close container details", "Containers",
                    new KeyCodeCombination(KeyCode.ESCAPE), view::closeDetails));
        }
        commands.add(new PaletteCommand("Prune stopped containers…", "Containers", view::confirmPrune));
        commands.add(new PaletteCommand(model.groupedProperty().get() ? "Ungroup containers"
                : "Group containers by compose project", "Containers", Shortcuts.GROUP,
                () -> model.groupedProperty().set(!model.groupedProperty().get())));
        commands.add(new PaletteCommand(model.showSizesProperty().get() ? "Hide container sizes"
                : "Show container sizes", "Containers",
                () -> model.showSizesProperty().set(!model.showSizesProperty().get())));
        for (StateFilter f : StateFilter.values()) {
            commands.add(new PaletteCommand("Show " + (f == StateFilter.ALL ? "all" : f.toString().toLowerCase())
                    + " containers", "Containers", () -> model.stateFilterProperty().set(f)));
        }
        return commands;
    }

    ContainersViewModel model() {
        return model;
    }

    ContainersView containersView() {
        return view;
    }
}
