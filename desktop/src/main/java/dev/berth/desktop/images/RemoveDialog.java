package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
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

    private final Dialog<ButtonType> dialog;

    RemoveDialog(Node owner, ImagesViewModel model, ImageRow row) {
        dialog = Dialogs.create(owner, "remove-dialog", "Remove image");
        Label error = Dialogs.errorLabel("remove-error");
        CheckBox force = new CheckBox("Force: also when containers use it or other names point at it");
        force.setId("remove-force");
        String what = row.isTagged() ? "the name " + row.displayName() + " (the image goes with its last name)"
                : "image " + row.displayName();
        Label question = new Label("Remove " + what + "?");
        question.setWrapText(true);
        VBox content = new VBox(10, question, force, error);
        if (row.inUse()) {
            Label users = new Label("Used by: " + row.usedByProperty().get());
            users.getStyleClass().add(Styles.WARNING);
            content.getChildren().add(1, users);
        }
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);
        Button remove = Dialogs.confirm(dialog, "Remove", "remove-confirm", error,
                () -> model.remove(row, force.isSelected()));
        remove.getStyleClass().add(Styles.DANGER);
        // like removing containers: Enter right after Delete cancels; removing takes Tab to the button, or a click
        remove.setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    }

    void show() {
        dialog.show();
    }
}
