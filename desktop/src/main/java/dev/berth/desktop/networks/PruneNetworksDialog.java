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

/** Prune: removes every user-defined network no container is attached to ({@code docker network prune}). */
final class PruneNetworksDialog {

    private static final Texts T = Texts.of(PruneNetworksDialog.class);

    private final Dialog<ButtonType> dialog;

    PruneNetworksDialog(Node owner, NetworksViewModel model) {
        dialog = FormDialogs.create(owner, "network-prune-dialog", T.get("prune.title"));
        Label error = FormDialogs.errorLabel("network-prune-error");
        Label question = new Label(T.get("prune.question"));
        question.setWrapText(true);
        VBox content = new VBox(10, question, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(460);
        dialog.getDialogPane().setContent(content);
        Button prune = FormDialogs.confirm(dialog, T.get("prune.confirm"), "network-prune-confirm", error, model::prune);
        prune.getStyleClass().add(Styles.DANGER);
    }

    void show() {
        dialog.show();
    }
}
