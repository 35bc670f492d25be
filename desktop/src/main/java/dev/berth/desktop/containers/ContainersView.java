package dev.berth.desktop.containers;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The containers page's nodes: a toolbar (search, state filter, grouping, sizes, actions), the table, and the opened
 * container's details below it. Everything it shows comes from {@link ContainersViewModel}.
 */
public final class ContainersView extends VBox {

    private static final Texts T = Texts.of(ContainersView.class);

    private static final PseudoClass GROUP_HEADER = PseudoClass.getPseudoClass("group-header");

    private final ContainersViewModel model;
    private final TableView<ContainerRow> table = new TableView<>();
    private final CustomTextField search = new CustomTextField();
    private final ContainerDetailsPane details;
    private final SplitPane split = new SplitPane();
    private final ObjectProperty<Instant> clock = new SimpleObjectProperty<>(Instant.now());
    private final Timeline clockTicker = new Timeline(new KeyFrame(Duration.seconds(30),
            e -> clock.set(Instant.now())));
    private final Map<ContainerAction, Button> buttons = new EnumMap<>(ContainerAction.class);
    private final Runnable runNew;
    private EngineSession session;
    /** A container to show and open once it is listed (from another page, e.g. Ports). */
    private String toReveal;

    public ContainersView(ContainersViewModel model, ContainerDetailTabs tabs) {
        this(model, tabs, () -> { });
    }

    /** @param runNew opens the run-container wizard */
    public ContainersView(ContainersViewModel model, ContainerDetailTabs tabs, Runnable runNew) {
        this.model = model;
        this.runNew = runNew;
        this.details = new ContainerDetailsPane(tabs);
        setId("containers-view");
        getStyleClass().add("containers-view");
        setSpacing(6);
        clockTicker.setCycleCount(Timeline.INDEFINITE);

        buildTable();
        details.onClose(() -> {
            split.getItems().remove(details);
            table.requestFocus();
        });
        split.setId("containers-split");
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().add(table);
        VBox.setVgrow(split, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("containers-summary");
        summary.getStyleClass().add("containers-summary");
        summary.textProperty().bind(model.summaryTextProperty());

        getChildren().addAll(toolbar(), split, summary);
        model.visibleRows(this::visibleRows);
        model.restoreSelection(rows -> {
            ContainerRow focused = rows.get(0);
            for (ContainerRow r : rows) {
                if (!table.getSelectionModel().getSelectedItems().contains(r)) {
                    table.getSelectionModel().select(r);
                }
            }
            table.getFocusModel().focus(table.getItems().indexOf(focused));
        });
        // a container that disappears takes its details with it (also on engine switch)
        model.items().addListener((Observable o) -> {
            if (details.isOpen() && model.row(details.containerId()) == null) {
                details.close();
            }
            if (toReveal != null) {
                revealNow();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && details.isOpen()) {
                details.close();
                e.consume();
            }
        });
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    /** Becomes visible on {@code engine}; details of another engine's container close. */
    public void show(EngineSession engine) {
        if (engine != session) {
            details.close();
            session = engine;
        }
        clock.set(Instant.now());
        clockTicker.play();
    }

    public void hide() {
        details.close();
        clockTicker.stop();
    }

    // ---- toolbar -------------------------------------------------------------------------------------------------

    private HBox toolbar() {
        search.setId("containers-search");
        search.setPromptText(T.get("containers.search.prompt", Shortcuts.text(Shortcuts.FIND)));
        search.setTooltip(new Tooltip(T.get("containers.search.tooltip")));
        search.setLeft(AppIcon.SEARCH.node(16));
        search.setPrefWidth(260);
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty() && !table.getItems().isEmpty()) {
                    table.getSelectionModel().select(0);
                    table.getFocusModel().focus(0);
                }
                e.consume();
            }
        });

        ComboBox<StateFilter> state = new ComboBox<>();
        state.setId("containers-state-filter");
        state.getItems().setAll(StateFilter.values());
        state.valueProperty().bindBidirectional(model.stateFilterProperty());
        state.setTooltip(new Tooltip(T.get("containers.filter.tooltip")));

        ToggleButton group = new ToggleButton(T.get("containers.group.button"), AppIcon.GROUP.node(16));
        group.setId("containers-group");
        group.setTooltip(Shortcuts.tooltip(T.get("containers.group.tooltip"), Shortcuts.GROUP));
        group.selectedProperty().bindBidirectional(model.groupedProperty());

        ToggleButton sizes = new ToggleButton(T.get("containers.sizes.button"), AppIcon.SIZE.node(16));
        sizes.setId("containers-sizes");
        sizes.setTooltip(new Tooltip(T.get("containers.sizes.tooltip")));
        sizes.selectedProperty().bindBidirectional(model.showSizesProperty());

        Button run = new Button(T.get("containers.run.button"), AppIcon.RUN.node(16));
        run.setId("containers-run");
        run.getStyleClass().add(Styles.ACCENT);
        run.setTooltip(Shortcuts.tooltip(T.get("containers.run.tooltip"), Shortcuts.RUN));
        run.setOnAction(e -> runNew.run());

        HBox bar = new HBox(6, run, search, state, group, sizes, new Separator(Orientation.VERTICAL));
        for (ContainerAction a : ContainerAction.values()) {
            Button b = new Button(null, a.icon().node(16));
            b.setId("containers-" + a.id());
            b.getStyleClass().add(Styles.BUTTON_ICON);
            if (a == ContainerAction.REMOVE) {
                b.getStyleClass().add(Styles.DANGER);
            }
            b.setTooltip(Shortcuts.tooltip(T.get("containers.action.tooltip", a.label()), a.shortcut()));
            b.setAccessibleText(a.label());
            b.disableProperty().bind(model.enabledProperty(a).not());
            b.setOnAction(e -> act(a));
            buttons.put(a, b);
            bar.getChildren().add(b);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button prune = new Button(T.get("containers.prune.button"), AppIcon.PRUNE.node(16));
        prune.setId("containers-prune");
        prune.setTooltip(new Tooltip(T.get("containers.prune.tooltip")));
        prune.setOnAction(e -> confirmPrune());
        bar.getChildren().addAll(grow, prune);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("containers-toolbar");
        return Rows.keepLabelsWhole(bar);
    }

    // ---- table ---------------------------------------------------------------------------------------------------

    private void buildTable() {
        table.setId("containers-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, "containers-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // a fixed row height (set in app.css) spares the table from measuring rows to estimate its scroll length,
        // which is most of the cost of a filter change with a thousand rows
        TableColumn<ContainerRow, Long> size = ContainerCells.size();
        size.visibleProperty().bind(model.showSizesProperty());
        table.getColumns().setAll(List.of(
                ContainerCells.name(),
                ContainerCells.longText(T.get("containers.column.image"), "column-image", 170, ContainerRow::imageProperty),
                ContainerCells.state(),
                ContainerCells.longText(T.get("containers.column.status"), "column-status", 170, ContainerRow::statusProperty),
                ContainerCells.longText(T.get("containers.column.ports"), "column-ports", 210, ContainerRow::portsProperty),
                ContainerCells.created(clock),
                ContainerCells.cpu(),
                ContainerCells.memory(),
                size));
        // the sorted list sorts (grouping first, then the columns); the table only reports the column order
        table.setSortPolicy(t -> true);
        model.columnComparatorProperty().bind(table.comparatorProperty());
        table.setItems(model.items());
        Label empty = new Label();
        empty.textProperty().bind(model.emptyTextProperty());
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.setWrapText(true); // an engine's error is a sentence or two: shown whole, not cut at the table's edge
        empty.setMaxWidth(640);
        empty.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        table.setPlaceholder(empty);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<ContainerRow>) c ->
                model.selection().setAll(selectedContainers()));
        table.setRowFactory(t -> row());
        table.setContextMenu(contextMenu());
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::onTableKey);
    }

    private TableRow<ContainerRow> row() {
        TableRow<ContainerRow> row = new TableRow<>() {
            @Override
            protected void updateItem(ContainerRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(GROUP_HEADER, !empty && item != null && item.isHeader());
            }
        };
        row.setOnMouseClicked(e -> {
            if (row.isEmpty() || row.getItem() == null || e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (row.getItem().isHeader()) {
                model.toggleGroup(row.getItem());
            } else if (e.getClickCount() == 2) {
                openDetails(row.getItem());
            }
        });
        return row;
    }

    private void onTableKey(KeyEvent e) {
        ContainerRow focused = table.getSelectionModel().getSelectedItem();
        switch (e.getCode()) {
            case ENTER -> {
                if (focused != null && focused.isHeader()) {
                    model.toggleGroup(focused);
                } else if (focused != null) {
                    openDetails(focused);
                }
                e.consume();
            }
            case DELETE -> {
                act(ContainerAction.REMOVE);
                e.consume();
            }
            case C -> {
                if (Shortcuts.COPY.match(e) || Shortcuts.COPY_ID.match(e)) {
                    copy(Shortcuts.COPY_ID.match(e));
                    e.consume();
                }
            }
            case LEFT, RIGHT -> {
                if (focused != null && focused.isHeader()
                        && focused.isCollapsed() == (e.getCode() == KeyCode.RIGHT)) {
                    model.toggleGroup(focused);
                    e.consume();
                }
            }
            default -> {
                // arrows, Page Up/Down, Home/End, Shift/Ctrl selection: the table's own
            }
        }
    }

    private ContextMenu contextMenu() {
        ContextMenu menu = new ContextMenu();
        MenuItem open = new MenuItem(T.get("containers.menu.open"));
        open.setId("containers-menu-open");
        open.setAccelerator(Shortcuts.inMenu(Shortcuts.OPEN));
        open.setOnAction(e -> {
            List<ContainerRow> rows = selectedContainers();
            if (!rows.isEmpty()) {
                openDetails(rows.get(0));
            }
        });
        open.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.selection()));
        menu.getItems().addAll(open, new SeparatorMenuItem());
        for (ContainerAction a : ContainerAction.values()) {
            MenuItem item = new MenuItem(a == ContainerAction.REMOVE ? T.get("containers.menu.remove") : a.label(), a.icon().node(14));
            item.setId("containers-menu-" + a.id());
            item.setAccelerator(Shortcuts.inMenu(a.shortcut()));
            item.disableProperty().bind(model.enabledProperty(a).not());
            item.setOnAction(e -> act(a));
            menu.getItems().add(item);
        }
        MenuItem copyNames = new MenuItem(T.get("containers.menu.copyNames"), AppIcon.COPY.node(14));
        copyNames.setAccelerator(Shortcuts.inMenu(Shortcuts.COPY));
        copyNames.setOnAction(e -> copy(false));
        MenuItem copyIds = new MenuItem(T.get("containers.menu.copyIds"));
        copyIds.setAccelerator(Shortcuts.inMenu(Shortcuts.COPY_ID));
        copyIds.setOnAction(e -> copy(true));
        copyNames.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.selection()));
        copyIds.disableProperty().bind(copyNames.disableProperty());
        MenuItem prune = new MenuItem(T.get("containers.prune.menu"), AppIcon.PRUNE.node(14));
        prune.setOnAction(e -> confirmPrune());
        menu.getItems().addAll(new SeparatorMenuItem(), copyNames, copyIds, new SeparatorMenuItem(), prune);
        return menu;
    }

    // ---- actions -------------------------------------------------------------------------------------------------

    /** The selection without group headers. */
    List<ContainerRow> selectedContainers() {
        List<ContainerRow> rows = new ArrayList<>();
        for (ContainerRow r : table.getSelectionModel().getSelectedItems()) {
            if (r != null && !r.isHeader()) {
                rows.add(r);
            }
        }
        return rows;
    }

    void act(ContainerAction action) {
        List<ContainerRow> targets = model.targets(action, selectedContainers());
        if (targets.isEmpty()) {
            return;
        }
        if (action == ContainerAction.REMOVE) {
            ContainerDialogs.confirmRemove(getScene() == null ? null : getScene().getWindow(), targets,
                    (force, volumes) -> model.remove(targets, force, volumes));
        } else {
            model.perform(action, targets);
        }
    }

    void confirmPrune() {
        long stopped = model.items().stream().filter(r -> !r.isHeader()
                && ("exited".equals(r.state()) || "created".equals(r.state()) || "dead".equals(r.state()))).count();
        ContainerDialogs.confirmPrune(getScene() == null ? null : getScene().getWindow(), stopped, model::prune);
    }

    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /** Puts the selected containers' names (or full IDs), one per line, on the clipboard. */
    void copy(boolean ids) {
        Clipboards.copyLines(selectedContainers().stream().map(r -> ids ? r.id() : r.name()).toList());
    }

    boolean detailsOpen() {
        return details.isOpen();
    }

    void closeDetails() {
        details.close();
    }

    /**
     * Shows the container with this name or ID and opens its details: the search and state filter are cleared so
     * that it is listed, and if it is not listed yet (the page was just shown) it is opened when it is.
     */
    void reveal(String nameOrId) {
        toReveal = nameOrId;
        model.searchProperty().set("");
        model.stateFilterProperty().set(StateFilter.ALL);
        revealNow();
    }

    private void revealNow() {
        if (session == null) {
            return;
        }
        for (ContainerRow r : table.getItems()) {
            if (!r.isHeader() && (toReveal.equals(r.name()) || toReveal.equals(r.id()))) {
                toReveal = null;
                table.getSelectionModel().clearAndSelect(table.getItems().indexOf(r));
                table.scrollTo(r);
                table.requestFocus();
                openDetails(r);
                return;
            }
        }
    }

    /** Opens (or switches) the details below the table. */
    public void openDetails(ContainerRow row) {
        if (row == null || row.isHeader() || session == null) {
            return;
        }
        if (!split.getItems().contains(details)) {
            split.getItems().add(details);
            split.setDividerPositions(0.45);
        }
        details.open(session, row);
    }

    /** The rows on screen now: stats are sampled for these only. */
    private List<ContainerRow> visibleRows() {
        if (!(table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return List.of();
        }
        IndexedCell<?> first = flow.getFirstVisibleCell();
        IndexedCell<?> last = flow.getLastVisibleCell();
        List<ContainerRow> items = table.getItems();
        if (first == null || last == null || items.isEmpty()) {
            return List.of();
        }
        int from = Math.max(0, first.getIndex());
        int to = Math.min(items.size() - 1, last.getIndex());
        return from > to ? List.of() : new ArrayList<>(items.subList(from, to + 1));
    }

    TableView<ContainerRow> table() {
        return table;
    }
}
