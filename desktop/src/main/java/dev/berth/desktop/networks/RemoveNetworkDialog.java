package dev.berth.desktop.networks;

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
 * Confirms removing a network; Cancel is the default. The engine's own networks (bridge, host, none) cannot be
 * removed, which the dialog says instead of offering it; a network with containers is refused by the engine, whose
 * message the dialog shows.
 */
final class RemoveNetworkDialog {

    private static final Texts T = Texts.of(RemoveNetworkDialog.class);

    private final Dialog<ButtonType> dialog;

    RemoveNetworkDialog(Node owner, NetworksViewModel model, NetworkRow row) {
        dialog = FormDialogs.create(owner, "network-remove-dialog", T.get("remove.title"));
        Label error = FormDialogs.errorLabel("network-remove-error");
        Label question = new Label(T.get("remove.question", row.name()));
        question.setWrapText(true);
        VBox content = new VBox(10, question);
        int attached = row.containersProperty().get();
        if (row.predefined()) {
            FormDialogs.showError(error, T.get("remove.predefined", row.name()));
        } else if (attached > 0) {
            Label users = new Label(T.get("remove.inUse", attached));
            users.setId("network-remove-in-use");
            users.getStyleClass().add(Styles.WARNING);
            users.setWrapText(true);
            content.getChildren().add(users);
        }
        content.getChildren().add(error);
        content.setPadding(new Insets(4));
        content.setMinWidth(460);
        dialog.getDialogPane().setContent(content);
        Button remove = FormDialogs.confirm(dialog, T.get("remove.confirm"), "network-remove-confirm", error,
                () -> model.remove(row));
        FormDialogs.cancelByDefault(dialog, remove);
        remove.setDisable(row.predefined());
    }

    void show() {
        dialog.show();
    }
}
