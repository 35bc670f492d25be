package dev.berth.desktop.volumes;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.DetailsDialog;
import dev.berth.desktop.resources.Formats;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.input.KeyCombination;

/**
 * Volumes: name, driver, mountpoint, size, who mounts it, when it was made; create, prune, browse files, inspect and
 * remove. Enter inspects, Delete removes (after confirming), Ctrl+N creates.
 */
public final class VolumesView extends ResourceTableView<VolumeRow> {

    private static final Texts T = Texts.of(VolumesView.class);

    private final VolumesViewModel model;
    private final VolumeBrowser browser;

    VolumesView(VolumesViewModel model, VolumeBrowser browser) {
        super("volumes", T.get("page.title"), model.rows(), VolumeRow::searchText, T.get("table.empty"));
        this.model = model;
        this.browser = browser;
        TableColumn<VolumeRow, String> name = Columns.text(T.get("column.name"), VolumeRow::nameProperty, 240);
        table().getColumns().setAll(List.of(name,
                Columns.text(T.get("column.driver"), VolumeRow::driverProperty, 90),
                Columns.text(T.get("column.mountpoint"), VolumeRow::mountpointProperty, 340),
                Columns.number(T.get("column.size"), VolumeRow::sizeProperty, VolumesView::size, 90),
                Columns.text(T.get("column.usedBy"), VolumeRow::usedByProperty, 200),
                Columns.number(T.get("column.created"), VolumeRow::createdProperty,
                        s -> Formats.ago(Instant.ofEpochSecond(s), Instant.now()), 140)));
        table().getSortOrder().add(name);

        Button create = pageButton("volumes-create", T.get("button.create"), AppIcon.ADD, T.get("tip.create"),
                Shortcuts.RUN, this::openCreate);
        create.getStyleClass().add(Styles.ACCENT);
        Button prune = pageButton("volumes-prune", T.get("button.prune"), AppIcon.PRUNE, T.get("tip.prune"), null,
                this::openPrune);
        Button browse = pageButton("volumes-browse", T.get("button.browse"), AppIcon.BROWSE, T.get("tip.browse"), null,
                this::browse);
        Button inspect = pageButton("volumes-inspect", T.get("button.inspect"), AppIcon.RAW_JSON, T.get("tip.inspect"),
                Shortcuts.OPEN, this::inspectSelected);
        Button remove = pageButton("volumes-remove", T.get("button.remove"), AppIcon.REMOVE, T.get("tip.remove"),
                Shortcuts.REMOVE, this::openRemove);
        remove.getStyleClass().add(Styles.DANGER);
        placeButtons(List.of(create, prune), List.of(browse, inspect, remove));
        setOpenAction(T.get("menu.inspect"), this::inspect);
        setCopyText(T.get("menu.copyName"), VolumeRow::name);
        rowActions(this::contextMenu, this::inspectSelected, this::openRemove);
    }

    /** "—" when the engine cannot tell. */
    private static String size(Long bytes) {
        return bytes == null || bytes < 0 ? "—" : Formats.size(bytes);
    }

    VolumeRow selected() {
        return table().getSelectionModel().getSelectedItem();
    }

    void openCreate() {
        new CreateVolumeDialog(this, model).show();
    }

    void openPrune() {
        new PruneVolumesDialog(this, model).show();
    }

    void openRemove() {
        VolumeRow row = selected();
        if (row != null) {
            new RemoveVolumeDialog(this, model, row).show();
        }
    }

    void browse() {
        VolumeRow row = selected();
        if (row != null && model.engine() != null) {
            browser.open(this, model.engine(), row);
        }
    }

    void inspectSelected() {
        VolumeRow row = selected();
        if (row != null) {
            inspect(row);
        }
    }

    private void inspect(VolumeRow row) {
        DetailsDialog.show(this, "volume-details", T.get("details.title", row.name()), model.details(row));
    }

    private ContextMenu contextMenu() {
        return new ContextMenu(
                item(T.get("menu.inspect"), AppIcon.RAW_JSON, Shortcuts.OPEN, this::inspectSelected),
                item(T.get("menu.browse"), AppIcon.BROWSE, null, this::browse),
                item(T.get("menu.copyName"), AppIcon.COPY, Shortcuts.COPY, () -> {
                    VolumeRow row = selected();
                    if (row != null) {
                        Clipboards.copyLines(List.of(row.name()));
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
