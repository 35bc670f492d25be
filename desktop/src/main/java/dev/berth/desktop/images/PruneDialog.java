package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Prune: untagged (dangling) images only, or every image no container uses. */
final class PruneDialog {

    private static final Texts T = Texts.of(PruneDialog.class);

    private final Dialog<ButtonType> dialog;

    PruneDialog(Node owner, ImagesViewModel model) {
        dialog = FormDialogs.create(owner, "prune-dialog", T.get("images.prune.title"));
        Label error = FormDialogs.errorLabel("prune-error");
        ToggleGroup group = new ToggleGroup();
        RadioButton dangling = new RadioButton(T.get("images.prune.dangling"));
        dangling.setId("prune-dangling");
        RadioButton all = new RadioButton(T.get("images.prune.all"));
        all.setId("prune-all");
        dangling.setToggleGroup(group);
        all.setToggleGroup(group);
        dangling.setSelected(true);
        VBox content = new VBox(10, new Label(T.get("images.prune.question")), dangling, all, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);
        Button prune = FormDialogs.confirm(dialog, T.get("images.prune.confirm"), "prune-confirm", error, () -> model.prune(all.isSelected()));
        prune.getStyleClass().add(Styles.DANGER);
    }

    void show() {
        dialog.show();
    }
}
