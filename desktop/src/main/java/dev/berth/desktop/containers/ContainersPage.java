package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
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

    private static final Texts T = Texts.of(ContainersPage.class);

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
        return T.get("containers.page.title");
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
        String category = T.get("containers.palette.category");
        for (ContainerAction a : ContainerAction.values()) {
            if (model.enabledProperty(a).get()) {
                commands.add(new PaletteCommand(a == ContainerAction.REMOVE ? T.get("containers.palette.remove")
                        : T.get("containers.palette.action", a.label()), category, a.shortcut(), () -> view.act(a)));
            }
        }
        List<ContainerRow> selected = view.selectedContainers();
        if (!selected.isEmpty()) {
            commands.add(new PaletteCommand(T.get("containers.palette.open", selected.get(0).name()), category,
                    Shortcuts.OPEN, () -> view.openDetails(selected.get(0))));
            commands.add(new PaletteCommand(T.get("containers.palette.copyNames"), category, Shortcuts.COPY,
                    () -> view.copy(false)));
            commands.add(new PaletteCommand(T.get("containers.palette.copyIds"), category, Shortcuts.COPY_ID,
                    () -> view.copy(true)));
        }
        if (view.detailsOpen()) {
            commands.add(new PaletteCommand(T.get("containers.palette.closeDetails"), category,
                    new KeyCodeCombination(KeyCode.ESCAPE), view::closeDetails));
        }
        commands.add(new PaletteCommand(T.get("containers.prune.menu"), category, view::confirmPrune));
        commands.add(new PaletteCommand(model.groupedProperty().get() ? T.get("containers.palette.ungroup")
                : T.get("containers.palette.group"), category, Shortcuts.GROUP,
                () -> model.groupedProperty().set(!model.groupedProperty().get())));
        commands.add(new PaletteCommand(model.showSizesProperty().get() ? T.get("containers.palette.hideSizes")
                : T.get("containers.palette.showSizes"), category,
                () -> model.showSizesProperty().set(!model.showSizesProperty().get())));
        for (StateFilter f : StateFilter.values()) {
            commands.add(new PaletteCommand(f.paletteTitle(), category, () -> model.stateFilterProperty().set(f)));
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
