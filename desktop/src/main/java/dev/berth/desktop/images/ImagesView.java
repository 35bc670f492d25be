package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.geometry.Orientation;
import javafx.stage.FileChooser;

/**
 * Images: the table (one line per name), search, and every image action. Actions on the selected image are also on
 * its context menu; Delete removes (after confirming), Enter shows its history.
 */
public final class ImagesView extends ResourceTableView<ImageRow> {

    private final ImagesViewModel model;
    private final Consumer<String> runImage;

    /**
     * @param runImage opens the run-container wizard for an image reference
     */
    public ImagesView(ImagesViewModel model, Consumer<String> runImage) {
        super("images", "Images", model.rows(), ImageRow::searchText, "No images");
        this.model = model;
        this.runImage = runImage;

        TableColumn<ImageRow, Long> created = Columns.number("Created", ImageRow::createdProperty,
                s -> Formats.ago(s, Instant.now()), 160);
        created.setSortType(TableColumn.SortType.DESCENDING);
        table().getColumns().setAll(List.of(
                Columns.text("Repository", ImageRow::repositoryProperty, 300),
                Columns.text("Tag", ImageRow::tagProperty, 120),
                Columns.text("Image ID", ImageRow::shortIdProperty, 120),
                Columns.number("Size", ImageRow::sizeProperty, Formats::size, 90),
                created,
                Columns.text("In use by", ImageRow::usedByProperty, 200)));
        table().getSortOrder().add(created);

        BooleanBinding none = Bindings.isNull(table().getSelectionModel().selectedItemProperty());
        Button pull = button("images-pull", "Pull…", AppIcon.PULL, "Pull an image from a registry", this::openPull);
        pull.getStyleClass().add(Styles.ACCENT);
        Button load = button("images-load", "Load…", AppIcon.LOAD, "Load images from a docker save tarball", this::load);
        Button importTar = button("images-import", "Import…", AppIcon.IMPORT,
                "Create an image from a root filesystem tarball", this::openImport);
        Button prune = button("images-prune", "Prune…", AppIcon.PRUNE, "Remove unused images", this::openPrune);
        Button run = button("images-run", "Run…", AppIcon.RUN, "Run a container from the selected image", this::run);
        Button tag = button("images-tag", "Tag…", AppIcon.TAG, "Give the selected image another name", this::openTag);
        Button push = button("images-push", "Push…", AppIcon.PUSH, "Push the selected image to its registry", this::openPush);
        Button history = button("images-history", "History", AppIcon.HISTORY, "Layers of the selected image (Enter)",
                this::openHistory);
        Button save = button("images-save", "Save…", AppIcon.SAVE, "Save the selected image to a tarball", this::save);
        Button remove = button("images-remove", "Remove…", AppIcon.REMOVE, "Remove the selected image (Delete)",
                this::openRemove);
        remove.getStyleClass().add(Styles.DANGER);
        for (Button b : new Button[] {run, tag, push, history, save, remove}) {
            b.disableProperty().bind(none);
        }
        HBox actions = new HBox(6, pull, load, importTar, prune, new Separator(Orientation.VERTICAL),
                run, tag, push, history, save, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("page-actions");
        setTop(new VBox(6, toolbar(), actions));

        table().setRowFactory(t -> {
            TableRow<ImageRow> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                    .otherwise(contextMenu()));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openHistory();
                }
            });
            return row;
        });
        table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && selected() != null) {
                e.consume();
                openRemove();
            } else if (e.getCode() == KeyCode.ENTER && selected() != null) {
                e.consume();
                openHistory();
            }
        });
    }

    ImagesViewModel model() {
        return model;
    }

    void openPull() {
        new TransferDialog(this, TransferDialog.Kind.PULL, "", model::pull).show();
    }

    void openPush() {
        ImageRow row = selected();
        if (row != null) {
            new TransferDialog(this, TransferDialog.Kind.PUSH, row.isTagged() ? row.reference() : "", model::push).show();
        }
    }

    void openTag() {
        ImageRow row = selected();
        if (row != null) {
            new TagDialog(this, model, row).show();
        }
    }

    void openRemove() {
        ImageRow row = selected();
        if (row != null) {
            new RemoveDialog(this, model, row).show();
        }
    }

    void openHistory() {
        ImageRow row = selected();
        if (row != null) {
            new HistoryDialog(this, model, row).show();
        }
    }

    void openPrune() {
        new PruneDialog(this, model).show();
    }

    void openImport() {
        new ImportDialog(this, model).show();
    }

    private void run() {
        ImageRow row = selected();
        if (row != null) {
            runImage.accept(row.isTagged() ? row.reference() : row.imageId());
        }
    }

    void load() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load images");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("docker save tarballs", "*.tar", "*.tar.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            model.load(file.toPath());
        }
    }

    private void save() {
        ImageRow row = selected();
        if (row == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save " + row.displayName());
        chooser.setInitialFileName(row.displayName().replaceAll("[/:]", "_") + ".tar");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Tar archives", "*.tar"));
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.save(row, file.toPath());
        }
    }

    private ImageRow selected() {
        return table().getSelectionModel().getSelectedItem();
    }

    private ContextMenu contextMenu() {
        return new ContextMenu(
                item("Run…", AppIcon.RUN, this::run),
                item("Tag…", AppIcon.TAG, this::openTag),
                item("Push…", AppIcon.PUSH, this::openPush),
                item("History", AppIcon.HISTORY, this::openHistory),
                item("Save…", AppIcon.SAVE, this::save),
                item("Remove…", AppIcon.REMOVE, this::openRemove));
    }

    private static MenuItem item(String text, AppIcon icon, Runnable action) {
        MenuItem item = new MenuItem(text, icon.node(14));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String id, String text, AppIcon icon, String tip, Runnable action) {
        Button b = new Button(text, icon.node(15));
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
