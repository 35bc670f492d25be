package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import dev.berth.desktop.i18n.Texts;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Another name for an image: {@code repo[:tag]}, checked as it is typed. */
final class TagDialog {

    private static final Texts T = Texts.of(TagDialog.class);

    private final Dialog<ButtonType> dialog;
    private final TextField target = new TextField();

    TagDialog(Node owner, ImagesViewModel model, ImageRow source) {
        dialog = FormDialogs.create(owner, "tag-dialog", T.get("images.tag.title"));
        Label error = FormDialogs.errorLabel("tag-error");
        target.setId("tag-target");
        target.setPromptText(T.get("images.tag.prompt"));
        target.setText(source.isTagged() ? source.repositoryProperty().get() + ":" : "");
        target.setPrefColumnCount(36);
        VBox content = new VBox(8, new Label(T.get("images.tag.label", source.displayName())), target, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(540);
        dialog.getDialogPane().setContent(content);
        Button ok = FormDialogs.confirm(dialog, T.get("images.tag.confirm"), "tag-confirm", error, () -> {
            String problem = ImageNames.tagProblem(target.getText());
            if (problem != null) {
                FormDialogs.showError(error, problem);
                return null;
            }
            return model.tag(source, target.getText());
        });
        target.textProperty().addListener((obs, old, text) -> {
            String problem = ImageNames.tagProblem(text);
            FormDialogs.showError(error, problem);
            ok.setDisable(problem != null);
        });
        ok.setDisable(ImageNames.tagProblem(target.getText()) != null);
    }

    void show() {
        dialog.show();
        target.requestFocus();
        target.end();
    }
}
