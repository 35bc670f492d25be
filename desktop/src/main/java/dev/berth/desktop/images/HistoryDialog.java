package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.Formats;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TableCell;

/** The layers of an image, newest first, with the instruction that made each and the bytes it added. */
final class HistoryDialog {

    private static final Texts T = Texts.of(HistoryDialog.class);

    private final Dialog<ButtonType> dialog;

    HistoryDialog(Node owner, ImagesViewModel model, ImageRow row) {
        dialog = FormDialogs.create(owner, "history-dialog", T.get("images.history.title", row.displayName()));
        TableView<HistoryRow> table = Columns.table("history-table", T.get("images.history.loading"));
        TableColumn<HistoryRow, String> createdBy = Columns.text(T.get("images.history.column.createdBy"), HistoryRow::createdByProperty, 380);
        createdBy.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        table.getColumns().setAll(List.of(
                Columns.text(T.get("images.history.column.layer"), HistoryRow::idProperty, 120),
                Columns.number(T.get("images.history.column.created"), HistoryRow::createdProperty, s -> Formats.ago(s, Instant.now()), 160),
                createdBy,
                Columns.number(T.get("images.history.column.size"), HistoryRow::sizeProperty, Formats::size, 80),
                Columns.text(T.get("images.history.column.comment"), HistoryRow::commentProperty, 150)));
        // dialogs open at their content's minimum width here, not its preferred one
        table.setMinSize(900, 380);
        dialog.getDialogPane().setContent(table);
        ButtonType close = FormDialogs.close();
        dialog.getDialogPane().getButtonTypes().setAll(close);
        dialog.getDialogPane().lookupButton(close).setId("history-close");
        model.history(row)
                .onSuccess(items -> table.getItems().setAll(items.stream().map(HistoryRow::new).toList()))
                .onFailure(e -> table.setPlaceholder(new Label(T.get("images.history.error", Notifier.userMessage(e)))));
    }

    void show() {
        dialog.show();
    }
}
