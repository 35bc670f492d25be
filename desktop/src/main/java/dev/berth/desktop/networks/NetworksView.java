package dev.berth.desktop.networks;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.DetailsDialog;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Networks: the table (name, driver, scope, addresses, containers) with create, prune, connect, inspect and remove;
 * below it the selected network's containers (addresses, MAC, aliases; disconnect) and the topology map of every
 * network. Enter inspects, Delete removes (after confirming), Ctrl+N creates.
 */
public final class NetworksView extends ResourceTableView<NetworkRow> {

    private static final Texts T = Texts.of(NetworksView.class);

    private final NetworksViewModel model;
    private final TableView<AttachedContainer> attachedTable;

    public NetworksView(NetworksViewModel model) {
        super("networks", T.get("page.title"), model.rows(), NetworkRow::searchText, T.get("table.empty"));
        this.model = model;
        TableColumn<NetworkRow, String> name = Columns.text(T.get("column.name"), NetworkRow::nameProperty, 220);
        table().getColumns().setAll(List.of(name,
                Columns.text(T.get("column.driver"), NetworkRow::driverProperty, 100),
                Columns.text(T.get("column.scope"), NetworkRow::scopeProperty, 80),
                Columns.text(T.get("column.subnet"), NetworkRow::subnetProperty, 160),
                Columns.text(T.get("column.gateway"), NetworkRow::gatewayProperty, 140),
                Columns.number(T.get("column.containers"), r -> r.containersProperty().asObject(), String::valueOf, 100)));
        table().getSortOrder().add(name);

        Button create = pageButton("networks-create", T.get("button.create"), AppIcon.ADD, T.get("tip.create"),
                Shortcuts.RUN, this::openCreate);
        create.getStyleClass().add(Styles.ACCENT);
        Button prune = pageButton("networks-prune", T.get("button.prune"), AppIcon.PRUNE, T.get("tip.prune"), null,
                this::openPrune);
        Button connect = pageButton("networks-connect", T.get("button.connect"), AppIcon.ATTACH, T.get("tip.connect"),
                null, this::openConnect);
        Button inspect = pageButton("networks-inspect", T.get("button.inspect"), AppIcon.RAW_JSON, T.get("tip.inspect"),
                Shortcuts.OPEN, this::inspectSelected);
        Button remove = pageButton("networks-remove", T.get("button.remove"), AppIcon.REMOVE, T.get("tip.remove"),
                Shortcuts.REMOVE, this::openRemove);
        remove.getStyleClass().add(Styles.DANGER);
        placeButtons(List.of(create, prune), List.of(connect, inspect, remove));
        setOpenAction(T.get("menu.inspect"), this::inspect);
        setCopyText(T.get("menu.copyName"), NetworkRow::name);
        rowActions(this::contextMenu, this::inspectSelected, this::openRemove);
        table().getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.select(now));

        attachedTable = attachedTable();
        Button disconnect = pageButton("network-containers-disconnect", T.get("button.disconnect"), AppIcon.DISCONNECT,
                T.get("tip.disconnect"), Shortcuts.REMOVE, this::openDisconnect);
        disconnect.disableProperty().bind(Bindings.isNull(attachedTable.getSelectionModel().selectedItemProperty()));
        Label heading = new Label();
        heading.setId("network-containers-heading");
        heading.textProperty().bind(Bindings.createStringBinding(() -> selected() == null ? T.get("attached.none")
                : T.get("attached.heading", selected().name()), table().getSelectionModel().selectedItemProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox attachedBar = new HBox(8, heading, grow, disconnect);
        attachedBar.setAlignment(Pos.CENTER_LEFT);
        Rows.keepLabelsWhole(attachedBar);
        BorderPane attachedPane = new BorderPane(attachedTable);
        attachedPane.setTop(attachedBar);
        BorderPane.setMargin(attachedBar, new javafx.geometry.Insets(6, 0, 6, 0));

        Tab containersTab = new Tab(T.get("tab.containers"), attachedPane);
        containersTab.setId("network-tab-containers");
        Tab topologyTab = new Tab(T.get("tab.topology"), new TopologyMap(model.topologyProperty()));
        topologyTab.setId("network-tab-topology");
        TabPane tabs = new TabPane(containersTab, topologyTab);
        tabs.setId("network-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        SplitPane split = new SplitPane(table(), tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        setCenter(split);
    }

    private TableView<AttachedContainer> attachedTable() {
        TableView<AttachedContainer> attached = Columns.table("network-containers-table", T.get("attached.empty"));
        attached.setItems(model.attached());
        TableColumn<AttachedContainer, String> name = column(T.get("column.container"), AttachedContainer::name, 200);
        attached.getColumns().setAll(List.of(name,
                column(T.get("column.ipv4"), AttachedContainer::ipv4, 150),
                column(T.get("column.ipv6"), AttachedContainer::ipv6, 150),
                column(T.get("column.mac"), AttachedContainer::mac, 140),
                column(T.get("column.aliases"), AttachedContainer::aliasesText, 200)));
        attached.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && attached.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                openDisconnect();
            }
        });
        return attached;
    }

    private static TableColumn<AttachedContainer, String> column(String title,
                                                                java.util.function.Function<AttachedContainer, String> value,
                                                                double width) {
        return Columns.text(title, r -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(r))
                .getReadOnlyProperty(), width);
    }

    NetworkRow selected() {
        return table().getSelectionModel().getSelectedItem();
    }

    void openCreate() {
        new CreateNetworkDialog(this, model).show();
    }

    void openPrune() {
        new PruneNetworksDialog(this, model).show();
    }

    void openConnect() {
        NetworkRow row = selected();
        if (row != null) {
            new ConnectDialog(this, model, row).show();
        }
    }

    void openRemove() {
        NetworkRow row = selected();
        if (row != null) {
            new RemoveNetworkDialog(this, model, row).show();
        }
    }

    void openDisconnect() {
        NetworkRow row = selected();
        AttachedContainer container = attachedTable.getSelectionModel().getSelectedItem();
        if (row != null && container != null) {
            new DisconnectDialog(this, model, row, container).show();
        }
    }

    void inspectSelected() {
        NetworkRow row = selected();
        if (row != null) {
            inspect(row);
        }
    }

    private void inspect(NetworkRow row) {
        DetailsDialog.show(this, "network-details", T.get("details.title", row.name()), model.details(row));
    }

    private ContextMenu contextMenu() {
        return new ContextMenu(
                item(T.get("menu.inspect"), AppIcon.RAW_JSON, Shortcuts.OPEN, this::inspectSelected),
                item(T.get("menu.connect"), AppIcon.ATTACH, null, this::openConnect),
                item(T.get("menu.copyName"), AppIcon.COPY, Shortcuts.COPY, () -> {
                    NetworkRow row = selected();
                    if (row != null) {
                        dev.berth.desktop.fx.Clipboards.copyLines(List.of(row.name()));
                    }
                }),
                item(T.get("menu.remove"), AppIcon.REMOVE, Shortcuts.REMOVE, this::openRemove));
    }

    private static MenuItem item(String text, AppIcon icon, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text, icon.node(14));
        item.setAccelerator(Shortcuts.inMenu(key));
        item.setOnAction(e -> action.run());
        return item;
    }

}
