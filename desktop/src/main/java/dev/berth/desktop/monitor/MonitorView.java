package dev.berth.desktop.monitor;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.monitor.MonitorViewModel.ListenMode;
import dev.berth.desktop.shell.Searchable;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The API traffic page: proxy controls, the live list of exchanges, and the selected exchange in full. */
public final class MonitorView extends BorderPane implements Searchable {

    private static final Texts T = Texts.of(MonitorView.class);

    private final MonitorViewModel model;
    private final TextField filter = new TextField();
    private final TableView<TrafficRow> table = new TableView<>();
    private Function<Window, Path> exportChooser = this::chooseExportFile;

    public MonitorView(MonitorViewModel model) {
        this.model = model;
        setId("monitor-view");
        getStyleClass().add("resource-page");
        VBox top = new VBox(8, header(), proxyControls(), listControls());
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        buildTable();
        TextArea request = detail("monitor-request", model.requestTextProperty());
        TextArea response = detail("monitor-response", model.responseTextProperty());
        SplitPane details = new SplitPane(titled(T.get("detail.request"), request), titled(T.get("detail.response"), response));
        SplitPane split = new SplitPane(table, details);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        setCenter(split);
    }

    private Region header() {
        Label heading = new Label(T.get("page.title"));
        heading.getStyleClass().add(Styles.TITLE_3);
        Label count = new Label();
        count.setId("monitor-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> T.get("count", model.rows().size()), model.rows()));
        Label hint = new Label(T.get("hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(8, heading, count, hint);
        box.setAlignment(Pos.BASELINE_LEFT);
        Rows.keepLabelsWhole(box);
        return box;
    }

    private Region proxyControls() {
        ToggleGroup mode = new ToggleGroup();
        RadioButton unix = new RadioButton(T.get("proxy.unix"));
        unix.setId("monitor-mode-unix");
        unix.setToggleGroup(mode);
        RadioButton tcp = new RadioButton(T.get("proxy.tcp"));
        tcp.setId("monitor-mode-tcp");
        tcp.setToggleGroup(mode);
        mode.selectToggle(model.listenModeProperty().get() == ListenMode.TCP ? tcp : unix);
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.listenModeProperty().set(now == tcp ? ListenMode.TCP : ListenMode.UNIX);
            }
        });

        TextField path = new TextField();
        path.setId("monitor-socket-path");
        path.setPrefColumnCount(28);
        path.textProperty().bindBidirectional(model.socketPathProperty());
        path.disableProperty().bind(unix.selectedProperty().not().or(model.proxyRunningProperty()));
        TextField port = new TextField();
        port.setId("monitor-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.tcpPortProperty());
        port.disableProperty().bind(tcp.selectedProperty().not().or(model.proxyRunningProperty()));
        unix.disableProperty().bind(model.proxyRunningProperty());
        tcp.disableProperty().bind(model.proxyRunningProperty());

        Button start = new Button(T.get("proxy.start"), AppIcon.START.node());
        start.setId("monitor-proxy-start");
        start.setOnAction(e -> model.startProxy());
        start.disableProperty().bind(model.proxyRunningProperty().or(model.proxyStartingProperty()));
        Button stop = new Button(T.get("proxy.stop"), AppIcon.STOP.node());
        stop.setId("monitor-proxy-stop");
        stop.setOnAction(e -> model.stopProxy());
        stop.disableProperty().bind(model.proxyRunningProperty().not());

        HBox controls = new HBox(8, new Label(T.get("proxy.label")), unix, path, tcp, port, start, stop);
        controls.setAlignment(Pos.CENTER_LEFT);

        Label error = new Label();
        error.setId("monitor-proxy-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(model.proxyErrorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.managedProperty());
        error.setWrapText(true);

        TextField dockerHost = new TextField();
        dockerHost.setId("monitor-docker-host");
        dockerHost.setEditable(false);
        dockerHost.setPrefColumnCount(40);
        dockerHost.textProperty().bind(model.dockerHostLineProperty());
        Button copy = new Button(T.get("proxy.copy"), AppIcon.COPY.node());
        copy.setId("monitor-copy-docker-host");
        copy.setOnAction(e -> Clipboards.copyLines(List.of(model.dockerHostLineProperty().get())));
        Label status = new Label();
        status.setId("monitor-proxy-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.proxyStatusProperty());
        HBox running = new HBox(8, dockerHost, copy, status);
        running.setAlignment(Pos.CENTER_LEFT);
        running.managedProperty().bind(model.proxyRunningProperty());
        running.visibleProperty().bind(model.proxyRunningProperty());
        Rows.keepLabelsWhole(controls);
        return new VBox(6, controls, error, running);
    }

    private Region listControls() {
        filter.setId("monitor-filter");
        filter.setPromptText(T.get("filter.prompt"));
        filter.setPrefColumnCount(30);
        filter.textProperty().bindBidirectional(model.filterProperty());
        CheckBox errors = new CheckBox(T.get("filter.errors"));
        errors.setId("monitor-errors-only");
        errors.selectedProperty().bindBidirectional(model.errorsOnlyProperty());
        ToggleButton pause = new ToggleButton(T.get("list.pause"), AppIcon.PAUSE.node());
        pause.setId("monitor-pause");
        pause.selectedProperty().bindBidirectional(model.pausedProperty());
        Button clear = new Button(T.get("list.clear"), AppIcon.CLEAR.node());
        clear.setId("monitor-clear");
        clear.setOnAction(e -> model.clear());
        Button export = new Button(T.get("list.export"), AppIcon.SAVE.node());
        export.setId("monitor-export");
        export.setOnAction(e -> {
            Path file = exportChooser.apply(getScene() == null ? null : getScene().getWindow());
            if (file != null) {
                model.export(file);
            }
        });
        export.disableProperty().bind(Bindings.isEmpty(model.rows()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox box = new HBox(8, filter, errors, grow, pause, clear, export);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private void buildTable() {
        table.setId("monitor-table");
        table.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        table.setPlaceholder(new Label(T.get("table.empty")));
        table.setItems(model.rows());
        table.getColumns().setAll(List.of(
                column(T.get("column.time"), TrafficRow::time, 110),
                column(T.get("column.source"), TrafficRow::source, 80),
                column(T.get("column.method"), TrafficRow::method, 80),
                column(T.get("column.path"), TrafficRow::path, 520),
                statusColumn(),
                column(T.get("column.latency"), TrafficRow::latency, 90),
                column(T.get("column.size"), TrafficRow::size, 110)));
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> model.selectedProperty().set(now));
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
    }

    private static TableColumn<TrafficRow, String> column(String title, Function<TrafficRow, String> value, double width) {
        TableColumn<TrafficRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    private static TableColumn<TrafficRow, String> statusColumn() {
        TableColumn<TrafficRow, String> status = column(T.get("column.status"), TrafficRow::status, 110);
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("traffic-status-"));
                TrafficRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                if (row != null) {
                    getStyleClass().add(row.statusStyle());
                }
            }
        });
        return status;
    }

    private static TextArea detail(String id, javafx.beans.value.ObservableValue<String> text) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.getStyleClass().add("traffic-detail");
        area.textProperty().bind(text);
        return area;
    }

    private static Region titled(String title, TextArea content) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(4, label, content);
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    private Path chooseExportFile(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(T.get("export.title"));
        chooser.setInitialFileName("berth-traffic.har");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(T.get("export.har"), "*.har"),
                new FileChooser.ExtensionFilter(T.get("export.all"), "*"));
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    /** Replaces the save dialog (tests give a path; another front end its own dialog). */
    public void setExportChooser(Function<Window, Path> chooser) {
        this.exportChooser = chooser;
    }

    @Override
    public void focusSearch() {
        filter.requestFocus();
    }
}
