package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Confirms removing an image name; force also removes it when containers use it or other names point at it. */
final class RemoveDialog {

    private static final Texts T = Texts.of(RemoveDialog.class);

    private final Dialog<ButtonType> dialog;

    RemoveDialog(Node owner, ImagesViewModel model, ImageRow row) {
        dialog = FormDialogs.create(owner, "remove-dialog", T.get("images.remove.title"));
        Label error = FormDialogs.errorLabel("remove-error");
        CheckBox force = new CheckBox(T.get("images.remove.force"));
        force.setId("remove-force");
        Label question = new Label(row.isTagged() ? T.get("images.remove.question.name", row.displayName())
                : T.get("images.remove.question.image", row.displayName()));
        question.setWrapText(true);
        VBox content = new VBox(10, question, force, error);
        if (row.inUse()) {
            Label users = new Label(T.get("images.remove.usedBy", row.usedByProperty().get()));
            users.getStyleClass().add(Styles.WARNING);
            content.getChildren().add(1, users);
        }
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);
        Button remove = FormDialogs.confirm(dialog, T.get("images.remove.confirm"), "remove-confirm", error,
                () -> model.remove(row, force.isSelected()));
        remove.getStyleClass().add(Styles.DANGER);
        // like removing containers: Enter right after Delete cancels; removing takes Tab to the button, or a click
        remove.setDefaultButton(false);
        FormDialogs.cancelButton(dialog).setDefaultButton(true);
    }

    void show() {
        dialog.show();
    }
}
