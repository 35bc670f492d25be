package dev.berth.desktop.networks;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.FormDialogs;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Confirms disconnecting a container from the network; force as {@code docker network disconnect -f}. */
final class DisconnectDialog {

    private static final Texts T = Texts.of(DisconnectDialog.class);

    private final Dialog<ButtonType> dialog;

    DisconnectDialog(Node owner, NetworksViewModel model, NetworkRow row, AttachedContainer container) {
        dialog = FormDialogs.create(owner, "network-disconnect-dialog", T.get("disconnect.title"));
        Label error = FormDialogs.errorLabel("network-disconnect-error");
        Label question = new Label(T.get("disconnect.question", container.name(), row.name()));
        question.setWrapText(true);
        CheckBox force = new CheckBox(T.get("disconnect.force"));
        force.setId("disconnect-force");
        VBox content = new VBox(10, question, force, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(460);
        dialog.getDialogPane().setContent(content);
        Button disconnect = FormDialogs.confirm(dialog, T.get("disconnect.confirm"), "network-disconnect-confirm",
                error, () -> model.disconnect(row, container, force.isSelected()));
        FormDialogs.cancelByDefault(dialog, disconnect);
    }

    void show() {
        dialog.show();
    }
}
