package dev.berth.desktop.files;

import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The files tab's nodes: a path bar (up, editable path, refresh, upload, download), the directory's table and a status
 * line. Enter or double-click opens a folder, Backspace goes up; files dropped on the table are uploaded here.
 */
final class FilesView {

    private static final Texts T = Texts.of(FilesView.class);

    private static final DateTimeFormatter MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final FilesViewModel model;
    private final LocalPathChooser chooser;
    private final BorderPane root = new BorderPane();
    private final TableView<FileRow> table = new TableView<>();

    FilesView(FilesViewModel model, LocalPathChooser chooser) {
        this.model = model;
        this.chooser = chooser;
        root.getStyleClass().add("files-tab");

        Button up = new Button(null, AppIcon.PARENT_FOLDER.node());
        up.setId("files-up");
        up.setTooltip(new Tooltip(T.get("files.up.tooltip")));
        up.disableProperty().bind(model.pathProperty().isEqualTo("/"));
        up.setOnAction(e -> model.up());

        TextField path = new TextField();
        path.setId("files-path");
        path.setPromptText(T.get("files.path.prompt"));
        model.pathProperty().addListener((obs, old, now) -> path.setText(now));
        path.setText(model.pathProperty().get());
        path.setOnAction(e -> model.navigate(path.getText()));
        HBox.setHgrow(path, Priority.ALWAYS);

        Button refresh = new Button(null, AppIcon.REFRESH.node());
        refresh.setId("files-refresh");
        refresh.setTooltip(new Tooltip(T.get("files.refresh.tooltip")));
        refresh.setOnAction(e -> model.refresh());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.loadingProperty());
        busy.managedProperty().bind(busy.visibleProperty());

        MenuItem uploadFiles = new MenuItem(T.get("files.upload.files"));
        uploadFiles.setId("files-upload-files");
        uploadFiles.setOnAction(e -> model.upload(chooser.filesToUpload(window())));
        MenuItem uploadFolder = new MenuItem(T.get("files.upload.folder"));
        uploadFolder.setId("files-upload-folder");
        uploadFolder.setOnAction(e -> chooser.folderToUpload(window()).ifPresent(p -> model.upload(List.of(p))));
        MenuButton upload = new MenuButton(T.get("files.upload"), AppIcon.UPLOAD.node(), uploadFiles, uploadFolder);
        upload.setId("files-upload");
        upload.setTooltip(new Tooltip(T.get("files.upload.tooltip")));

        Button download = new Button(T.get("files.download"), AppIcon.DOWNLOAD.node());
        download.setId("files-download");
        download.setTooltip(new Tooltip(T.get("files.download.tooltip")));
        download.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()));
        download.setOnAction(e -> download());

        for (Region r : new Region[] {up, refresh, upload, download}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // the path field gives way first
        }
        HBox bar = new HBox(6, up, path, busy, refresh, upload, download);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        Rows.keepLabelsWhole(bar);

        buildTable();

        Label status = new Label();
        status.setId("files-status");
        status.getStyleClass().add("files-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setPadding(new Insets(4, 8, 4, 8));

        root.setTop(bar);
        root.setCenter(table);
        root.setBottom(status);
    }

    private void buildTable() {
        table.setId("files-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then(T.get("files.listing"))
                .otherwise(Bindings.when(model.statusProperty().isEmpty()).then(T.get("files.empty")).otherwise("")));
        table.setPlaceholder(placeholder);

        TableColumn<FileRow, FileRow> name = new TableColumn<>(T.get("files.column.name"));
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        name.setComparator((a, b) -> a.name().compareTo(b.name()));
        name.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(FileRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    setText(row.name());
                    setGraphic(icon(row.entry().kind()).node());
                }
            }
        });
        name.setPrefWidth(260);

        TableColumn<FileRow, String> type = new TableColumn<>(T.get("files.column.type"));
        type.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().typeText()));
        type.setPrefWidth(160);

        TableColumn<FileRow, Long> size = new TableColumn<>(T.get("files.column.size"));
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().entry().size()));
        size.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long bytes, boolean empty) {
                super.updateItem(bytes, empty);
                setText(empty || bytes == null || bytes < 0 ? null : Sizes.human(bytes));
            }
        });
        size.setStyle("-fx-alignment: CENTER-RIGHT;");
        size.setPrefWidth(90);

        TableColumn<FileRow, String> mode = new TableColumn<>(T.get("files.column.mode"));
        mode.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().entry().modeText()));
        mode.getStyleClass().add("files-mode");
        mode.setPrefWidth(110);

        TableColumn<FileRow, Instant> modified = new TableColumn<>(T.get("files.column.modified"));
        modified.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().entry().modified()));
        modified.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant time, boolean empty) {
                super.updateItem(time, empty);
                setText(empty || time == null ? null : MODIFIED.format(time));
            }
        });
        modified.setPrefWidth(160);

        table.getColumns().setAll(List.of(name, type, size, mode, modified));

        SortedList<FileRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        table.setRowFactory(t -> {
            TableRow<FileRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                // even counts: two quick double-clicks on the same spot go down two levels, as in file managers
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() % 2 == 0 && !row.isEmpty()) {
                    model.enter(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                FileRow selected = table.getSelectionModel().getSelectedItem();
                if (selected != null) {
                    model.enter(selected);
                    e.consume();
                }
            } else if (e.getCode() == KeyCode.BACK_SPACE) {
                model.up();
                e.consume();
            }
        });
        table.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        table.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                model.upload(e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static AppIcon icon(FileEntry.Kind kind) {
        return switch (kind) {
            case DIRECTORY -> AppIcon.FOLDER;
            case SYMLINK -> AppIcon.LINK;
            default -> AppIcon.FILE;
        };
    }

    private void download() {
        List<FileRow> selection = List.copyOf(table.getSelectionModel().getSelectedItems());
        Optional<Path> target = chooser.downloadFolder(window());
        target.ifPresent(dir -> model.download(selection, dir));
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    Node node() {
        return root;
    }
}
