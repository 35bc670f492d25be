package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
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
        Button pull = button("images-pull", "Pull…", AppIcon.PULL, "Pull an image from a registry", Shortcuts.PULL,
                this::openPull);
        pull.getStyleClass().add(Styles.ACCENT);
        Button load = button("images-load", "Load…", AppIcon.LOAD, "Load images from a docker save tarball",
                Shortcuts.LOAD, this::load);
        Button importTar = button("images-import", "Import…", AppIcon.IMPORT,
                "Create an image from a root filesystem tarball", Shortcuts.IMPORT, this::openImport);
        Button prune = button("images-prune", "Prune…", AppIcon.PRUNE, "Remove unused images", null, this::openPrune);
        Button run = button("images-run", "Run…", AppIcon.RUN, "Run a container from the selected image",
                Shortcuts.RUN, this::run);
        Button tag = button("images-tag", "Tag…", AppIcon.TAG, "Give the selected image another name", Shortcuts.TAG,
                this::openTag);
        Button push = button("images-push", "Push…", AppIcon.PUSH, "Push the selected image to its registry",
                Shortcuts.PUSH, this::openPush);
        Button history = button("images-history", "History", AppIcon.HISTORY, "Layers of the selected image",
                Shortcuts.OPEN, this::openHistory);
        Button save = button("images-save", "Save…", AppIcon.SAVE, "Save the selected image to a tarball",
                Shortcuts.SAVE, this::save);
        Button remove = button("images-remove", "Remove…", AppIcon.REMOVE, "Remove the selected image",
                Shortcuts.REMOVE, this::openRemove);
        remove.getStyleClass().add(Styles.DANGER);
        for (Button b : new Button[] {run, tag, push, history, save, remove}) {
            b.disableProperty().bind(none);
        }
        // what needs no selection beside the title, what acts on the selected image below it
        toolbar().getChildren().addAll(2, List.of(new Separator(Orientation.VERTICAL), pull, load, importTar, prune));
        Rows.keepLabelsWhole(toolbar());
        HBox actions = new HBox(6, run, tag, push, history, save, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("page-actions");
        Rows.keepLabelsWhole(actions);
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
        setCopyText("Copy image name", ImagesView::name);
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

    void run() {
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

    void save() {
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

    ImageRow selected() {
        return table().getSelectionModel().getSelectedItem();
    }

    /** What Ctrl+C copies: the name, or the ID of an untagged image. */
    static String name(ImageRow row) {
        return row.isTagged() ? row.reference() : row.imageId();
    }

    private ContextMenu contextMenu() {
        return new ContextMenu(
                item("Run…", AppIcon.RUN, Shortcuts.RUN, this::run),
                item("Tag…", AppIcon.TAG, Shortcuts.TAG, this::openTag),
                item("Push…", AppIcon.PUSH, Shortcuts.PUSH, this::openPush),
                item("History", AppIcon.HISTORY, Shortcuts.OPEN, this::openHistory),
                item("Save…", AppIcon.SAVE, Shortcuts.SAVE, this::save),
                item("Copy name", AppIcon.COPY, Shortcuts.COPY, () -> copy(selected())),
                item("Remove…", AppIcon.REMOVE, Shortcuts.REMOVE, this::openRemove));
    }

    private static void copy(ImageRow row) {
        if (row != null) {
            Clipboards.copyLines(List.of(name(row)));
        }
    }

    private static MenuItem item(String text, AppIcon icon, KeyCombination key, Runnable action) {
        MenuItem item = new MenuItem(text, icon.node(14));
        item.setAccelerator(Shortcuts.inMenu(key));
        item.setOnAction(e -> action.run());
        return item;
    }

    private static Button button(String id, String text, AppIcon icon, String tip, KeyCombination key,
                                 Runnable action) {
        Button b = new Button(text, icon.node(15));
        b.setId(id);
        b.setTooltip(Shortcuts.tooltip(tip, key));
        b.setOnAction(e -> action.run());
        return b;
    }
}
