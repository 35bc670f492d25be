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
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Prune: anonymous volumes no container uses ({@code docker volume prune}), or named ones too ({@code -a}). */
final class PruneVolumesDialog {

    private static final Texts T = Texts.of(PruneVolumesDialog.class);

    private final Dialog<ButtonType> dialog;

    PruneVolumesDialog(Node owner, VolumesViewModel model) {
        dialog = FormDialogs.create(owner, "volume-prune-dialog", T.get("prune.title"));
        Label error = FormDialogs.errorLabel("volume-prune-error");
        ToggleGroup group = new ToggleGroup();
        RadioButton anonymous = new RadioButton(T.get("prune.anonymous"));
        anonymous.setId("volume-prune-anonymous");
        RadioButton all = new RadioButton(T.get("prune.all"));
        all.setId("volume-prune-all");
        anonymous.setToggleGroup(group);
        all.setToggleGroup(group);
        anonymous.setSelected(true);
        Label warning = new Label(T.get("prune.warning"));
        warning.getStyleClass().add(Styles.WARNING);
        warning.setWrapText(true);
        VBox content = new VBox(10, new Label(T.get("prune.question")), anonymous, all, warning, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);
        Button prune = FormDialogs.confirm(dialog, T.get("prune.confirm"), "volume-prune-confirm", error,
                () -> model.prune(all.isSelected()));
        prune.getStyleClass().add(Styles.DANGER);
    }

    void show() {
        dialog.show();
    }
}
