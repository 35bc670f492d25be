package dev.berth.desktop.dashboard;

import atlantafx.base.controls.Card;
import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.Searchable;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** Engine facts, object counts, disk usage and the latest events, as four cards; Ctrl+F filters the events. */
public final class DashboardView extends BorderPane implements Searchable {

    private static final Texts T = Texts.of(DashboardView.class);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final GridPane infoGrid = new GridPane();
    private final GridPane dfGrid = new GridPane();
    private final CustomTextField eventSearch = new CustomTextField();

    public DashboardView(DashboardViewModel model) {
        setId("dashboard");
        getStyleClass().add("dashboard");

        Label heading = new Label(T.get("page.title"));
        heading.getStyleClass().add(Styles.TITLE_3);
        Button refresh = new Button(T.get("dashboard.refresh"), AppIcon.REFRESH.node(15));
        refresh.setId("dashboard-refresh");
        refresh.setTooltip(Shortcuts.tooltip(T.get("dashboard.refresh.tooltip"), Shortcuts.REFRESH));
        refresh.setOnAction(e -> model.refresh());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, heading, grow, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        Card info = card("dashboard-info", T.get("dashboard.card.engine"), AppIcon.ENGINE, infoGrid);
        infoGrid.setHgap(16);
        infoGrid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // "Operating system" whole; the values wrap instead
        infoGrid.getColumnConstraints().addAll(labels, grown());
        model.engineInfo().addListener((ListChangeListener<InfoItem>) c -> renderInfo(model.engineInfo()));

        TilePane counts = new TilePane(10, 10,
                stat("dashboard-count-running", T.get("dashboard.count.running"), model.runningProperty(), "stat-running"),
                stat("dashboard-count-paused", T.get("dashboard.count.paused"), model.pausedProperty(), "stat-paused"),
                stat("dashboard-count-stopped", T.get("dashboard.count.stopped"), model.stoppedProperty(), "stat-stopped"),
                stat("dashboard-count-images", T.get("dashboard.count.images"), model.imagesProperty(), null),
                stat("dashboard-count-volumes", T.get("dashboard.count.volumes"), model.volumesProperty(), null),
                stat("dashboard-count-networks", T.get("dashboard.count.networks"), model.networksProperty(), null));
        counts.setPrefColumns(3);
        counts.setPrefTileWidth(120);
        Card countsCard = card("dashboard-counts", T.get("dashboard.card.objects"), AppIcon.CONTAINER, counts);

        dfGrid.setHgap(18);
        dfGrid.setVgap(8);
        for (int i = 0; i < 6; i++) {
            ColumnConstraints whole = new ColumnConstraints();
            whole.setMinWidth(Region.USE_PREF_SIZE);
            dfGrid.getColumnConstraints().add(whole);
        }
        model.diskUsage().addListener((ListChangeListener<DiskUsageLine>) c -> renderDiskUsage(model.diskUsage()));
        renderDiskUsage(List.of());
        Card dfCard = card("dashboard-df", T.get("dashboard.card.disk-usage"), AppIcon.DISK, dfGrid);

        TableView<EventRow> events = Columns.table("dashboard-events", T.get("dashboard.events.empty"));
        events.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        FilteredList<EventRow> shownEvents = new FilteredList<>(model.events());
        events.setItems(shownEvents);
        eventSearch.setId("dashboard-events-search");
        eventSearch.setPrefWidth(260);
        ResourceTableView.searchField(eventSearch, T.get("dashboard.events.filter"), shownEvents,
                r -> r.type() + " " + r.action() + " " + r.object() + " " + r.detail(), events);
        events.getColumns().setAll(List.of(
                column(T.get("dashboard.events.time"), r -> TIME.format(r.time()), 80),
                column(T.get("dashboard.events.type"), EventRow::type, 90),
                column(T.get("dashboard.events.action"), EventRow::action, 110),
                column(T.get("dashboard.events.object"), EventRow::object, 220),
                column(T.get("dashboard.events.details"), EventRow::detail, 260)));
        events.getColumns().forEach(c -> c.setSortable(false));
        Card eventsCard = card("dashboard-events-card", T.get("dashboard.card.events"), AppIcon.EVENTS, events);
        Label eventsTitle = (Label) eventsCard.getHeader();
        Region eventsGrow = new Region();
        HBox.setHgrow(eventsGrow, Priority.ALWAYS);
        HBox eventsHeader = new HBox(8, eventsTitle, eventsGrow, eventSearch);
        eventsHeader.setAlignment(Pos.CENTER_LEFT);
        eventsCard.setHeader(eventsHeader);
        VBox.setVgrow(eventsCard, Priority.ALWAYS);
        events.setPrefHeight(260);

        VBox right = new VBox(12, countsCard, dfCard);
        HBox upper = new HBox(12, info, right);
        HBox.setHgrow(info, Priority.ALWAYS);
        info.setMaxWidth(Double.MAX_VALUE);
        right.setMinWidth(Region.USE_PREF_SIZE); // the disk usage figures whole; the engine card gives way
        upper.setMinHeight(Region.USE_PREF_SIZE); // on a short window the events list shrinks, not the cards
        VBox body = new VBox(12, upper, eventsCard);
        setCenter(body);
    }

    @Override
    public void focusSearch() {
        eventSearch.requestFocus();
        eventSearch.selectAll();
    }

    private void renderInfo(List<InfoItem> items) {
        infoGrid.getChildren().clear();
        int row = 0;
        for (InfoItem item : items) {
            Label label = new Label(item.label());
            label.getStyleClass().add(Styles.TEXT_MUTED);
            Label value = new Label(item.value());
            value.setId(item.id());
            value.setWrapText(true);
            infoGrid.addRow(row++, label, value);
        }
    }

    private void renderDiskUsage(List<DiskUsageLine> lines) {
        dfGrid.getChildren().clear();
        String[] headers = {T.get("dashboard.df.type"), T.get("dashboard.df.total"), T.get("dashboard.df.active"),
            T.get("dashboard.df.size"), T.get("dashboard.df.reclaimable"), ""};
        for (int i = 0; i < headers.length; i++) {
            Label h = new Label(headers[i]);
            h.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            dfGrid.add(h, i, 0);
            if (i > 0 && i < 5) {
                GridPane.setHalignment(h, HPos.RIGHT);
            }
        }
        int row = 1;
        for (DiskUsageLine line : lines) {
            String id = "dashboard-df-" + line.type().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
            Label type = new Label(typeText(line.type()));
            Label total = right(String.valueOf(line.total()));
            Label active = right(String.valueOf(line.active()));
            Label size = right(Formats.size(line.size()));
            size.setId(id + "-size");
            Label reclaimable = right(Formats.size(line.reclaimable()) + " (" + line.reclaimablePercent() + "%)");
            reclaimable.setId(id + "-reclaimable");
            ProgressBar share = new ProgressBar(line.size() <= 0 ? 0 : (double) line.reclaimable() / line.size());
            share.setPrefWidth(70);
            share.getStyleClass().add(Styles.SMALL);
            share.setTooltip(new Tooltip(T.get("dashboard.df.share.tooltip")));
            dfGrid.addRow(row++, type, total, active, size, reclaimable, share);
        }
    }

    /** The line's kind for people; the record keeps the English name, which the node ids are made from. */
    private static String typeText(String type) {
        return switch (type) {
            case "Images" -> T.get("dashboard.df.images");
            case "Containers" -> T.get("dashboard.df.containers");
            case "Local volumes" -> T.get("dashboard.df.volumes");
            case "Build cache" -> T.get("dashboard.df.build-cache");
            default -> type;
        };
    }

    private static Label right(String text) {
        Label l = new Label(text);
        GridPane.setHalignment(l, HPos.RIGHT);
        return l;
    }

    private static Card card(String id, String title, AppIcon icon, Node body) {
        Card card = new Card();
        card.setId(id);
        Label header = new Label(title, icon.node(16));
        header.getStyleClass().add(Styles.TITLE_4);
        card.setHeader(header);
        card.setBody(body);
        card.getStyleClass().add(Styles.ELEVATED_1);
        return card;
    }

    private static VBox stat(String id, String caption, ReadOnlyIntegerProperty value, String styleClass) {
        Label number = new Label();
        number.setId(id);
        number.textProperty().bind(value.asString());
        number.getStyleClass().addAll(Styles.TITLE_2, "stat-value");
        if (styleClass != null) {
            number.getStyleClass().add(styleClass);
        }
        Label label = new Label(caption);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(2, number, label);
        box.getStyleClass().add("stat");
        return box;
    }

    private static ColumnConstraints grown() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private static TableColumn<EventRow, String> column(String title, java.util.function.Function<EventRow, String> value,
                                                        double width) {
        TableColumn<EventRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

}
