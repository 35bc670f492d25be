package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
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

    private final Dialog<ButtonType> dialog;

    PruneDialog(Node owner, ImagesViewModel model) {
        dialog = Dialogs.create(owner, "prune-dialog", "Prune images");
        Label error = Dialogs.errorLabel("prune-error");
        ToggleGroup group = new ToggleGroup();
        RadioButton dangling = new RadioButton("Dangling images only (untagged, not used by any container)");
        dangling.setId("prune-dangling");
        RadioButton all = new RadioButton("All unused images (every image no container uses, tagged or not)");
        all.setId("prune-all");
        dangling.setToggleGroup(group);
        all.setToggleGroup(group);
        dangling.setSelected(true);
        VBox content = new VBox(10, new Label("Which images should go?"), dangling, all, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);
        Button prune = Dialogs.confirm(dialog, "Prune", "prune-confirm", error, () -> model.prune(all.isSelected()));
        prune.getStyleClass().add(Styles.DANGER);
    }

    void show() {
        dialog.show();
    }
}
