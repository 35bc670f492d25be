package dev.berth.desktop.volumes;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.FormDialogs;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Confirms removing a volume and everything in it; Cancel is the default. A volume in use is refused by the engine,
 * whose message the dialog shows.
 */
final class RemoveVolumeDialog {

    private static final Texts T = Texts.of(RemoveVolumeDialog.class);

    private final Dialog<ButtonType> dialog;

    RemoveVolumeDialog(Node owner, VolumesViewModel model, VolumeRow row) {
        dialog = FormDialogs.create(owner, "volume-remove-dialog", T.get("remove.title"));
        Label error = FormDialogs.errorLabel("volume-remove-error");
        Label question = new Label(T.get("remove.question", row.name()));
        question.setWrapText(true);
        VBox content = new VBox(10, question);
        if (row.inUse()) {
            Label users = new Label(T.get("remove.inUse", row.usedByProperty().get()));
            users.setId("volume-remove-in-use");
            users.getStyleClass().add(Styles.WARNING);
            users.setWrapText(true);
            content.getChildren().add(users);
        }
        content.getChildren().add(error);
        content.setPadding(new Insets(4));
        content.setMinWidth(460);
        dialog.getDialogPane().setContent(content);
        Button remove = FormDialogs.confirm(dialog, T.get("remove.confirm"), "volume-remove-confirm", error,
                () -> model.remove(row));
        FormDialogs.cancelByDefault(dialog, remove);
    }

    void show() {
        dialog.show();
    }
}
