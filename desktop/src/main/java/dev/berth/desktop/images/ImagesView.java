package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.FileChooser;

/**
 * Images: the table (one line per name), search, and every image action. Actions on the selected image are also on
 * its context menu; Delete removes (after confirming), Enter shows its history.
 */
public final class ImagesView extends ResourceTableView<ImageRow> {

    private static final Texts T = Texts.of(ImagesView.class);

    private final ImagesViewModel model;
    private final Consumer<String> runImage;

    /**
     * @param runImage opens the run-container wizard for an image reference
     */
    public ImagesView(ImagesViewModel model, Consumer<String> runImage) {
        super("images", T.get("images.page.title"), model.rows(), ImageRow::searchText, T.get("images.empty"));
        this.model = model;
        this.runImage = runImage;

        TableColumn<ImageRow, Long> created = Columns.number(T.get("images.column.created"), ImageRow::createdProperty,
                s -> Formats.ago(s, Instant.now()), 160);
        created.setSortType(TableColumn.SortType.DESCENDING);
        table().getColumns().setAll(List.of(
                Columns.text(T.get("images.column.repository"), ImageRow::repositoryProperty, 300),
                Columns.text(T.get("images.column.tag"), ImageRow::tagProperty, 120),
                Columns.text(T.get("images.column.id"), ImageRow::shortIdProperty, 120),
                Columns.number(T.get("images.column.size"), ImageRow::sizeProperty, Formats::size, 90),
                created,
                Columns.text(T.get("images.column.usedBy"), ImageRow::usedByProperty, 200)));
        table().getSortOrder().add(created);

        Button pull = pageButton("images-pull", T.get("images.pull.button"), AppIcon.PULL, T.get("images.pull.tooltip"), Shortcuts.PULL,
                this::openPull);
        pull.getStyleClass().add(Styles.ACCENT);
        Button load = pageButton("images-load", T.get("images.load.button"), AppIcon.LOAD, T.get("images.load.tooltip"),
                Shortcuts.LOAD, this::load);
        Button importTar = pageButton("images-import", T.get("images.import.button"), AppIcon.IMPORT,
                T.get("images.import.tooltip"), Shortcuts.IMPORT, this::openImport);
        Button prune = pageButton("images-prune", T.get("images.prune.button"), AppIcon.PRUNE, T.get("images.prune.tooltip"), null, this::openPrune);
        Button run = pageButton("images-run", T.get("images.run.button"), AppIcon.RUN, T.get("images.run.tooltip"),
                Shortcuts.RUN, this::run);
        Button tag = pageButton("images-tag", T.get("images.tag.button"), AppIcon.TAG, T.get("images.tag.tooltip"), Shortcuts.TAG,
                this::openTag);
        Button push = pageButton("images-push", T.get("images.push.button"), AppIcon.PUSH, T.get("images.push.tooltip"),
                Shortcuts.PUSH, this::openPush);
        Button history = pageButton("images-history", T.get("images.history.button"), AppIcon.HISTORY, T.get("images.history.tooltip"),
                Shortcuts.OPEN, this::openHistory);
        Button save = pageButton("images-save", T.get("images.save.button"), AppIcon.SAVE, T.get("images.save.tooltip"),
                Shortcuts.SAVE, this::save);
        Button remove = pageButton("images-remove", T.get("images.remove.button"), AppIcon.REMOVE, T.get("images.remove.tooltip"),
                Shortcuts.REMOVE, this::openRemove);
        remove.getStyleClass().add(Styles.DANGER);
        // what needs no selection beside the title, what acts on the selected image below it
        placeButtons(List.of(pull, load, importTar, prune), List.of(run, tag, push, history, save, remove));
        rowActions(this::contextMenu, this::openHistory, this::openRemove);
        setCopyText(T.get("images.copyName.title"), ImagesView::name);
        table().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && selected() != null) {
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
        chooser.setTitle(T.get("images.load.chooser"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(T.get("images.load.filter"), "*.tar", "*.tar.gz"),
                new FileChooser.ExtensionFilter(T.get("images.files.all"), "*"));
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
        chooser.setTitle(T.get("images.save.chooser", row.displayName()));
        chooser.setInitialFileName(row.displayName().replaceAll("[/:]", "_") + ".tar");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(T.get("images.files.tar"), "*.tar"));
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
                item(T.get("images.run.button"), AppIcon.RUN, Shortcuts.RUN, this::run),
                item(T.get("images.tag.button"), AppIcon.TAG, Shortcuts.TAG, this::openTag),
                item(T.get("images.push.button"), AppIcon.PUSH, Shortcuts.PUSH, this::openPush),
                item(T.get("images.history.button"), AppIcon.HISTORY, Shortcuts.OPEN, this::openHistory),
                item(T.get("images.save.button"), AppIcon.SAVE, Shortcuts.SAVE, this::save),
                item(T.get("images.copyName.menu"), AppIcon.COPY, Shortcuts.COPY, () -> copy(selected())),
                item(T.get("images.remove.button"), AppIcon.REMOVE, Shortcuts.REMOVE, this::openRemove));
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

}
