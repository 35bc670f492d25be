package dev.berth.desktop.resources;

import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Modality;

/** A network's or volume's whole description from the engine, as JSON: read, select, copy. Escape closes it. */
public final class DetailsDialog {

    private static final Texts T = Texts.of(DetailsDialog.class);

    private DetailsDialog() {
    }

    public static Dialog<ButtonType> show(Node owner, String id, String title, Outcome<String> json) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.getDialogPane().setId(id);
        if (owner.getScene() != null && owner.getScene().getWindow() != null) {
            dialog.initOwner(owner.getScene().getWindow());
            dialog.initModality(Modality.WINDOW_MODAL);
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        TextArea text = new TextArea(T.get("details.loading"));
        text.setId(id + "-json");
        text.setEditable(false);
        text.getStyleClass().add("details-json");
        text.setPrefSize(640, 460);
        dialog.getDialogPane().setContent(text);
        ButtonType copy = new ButtonType(T.get("details.copy-json"), ButtonBar.ButtonData.LEFT);
        dialog.getDialogPane().getButtonTypes().setAll(copy, ButtonType.CLOSE);
        dialog.getDialogPane().lookupButton(copy).setId(id + "-copy");
        dialog.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume(); // copying leaves the dialog open
            ClipboardContent content = new ClipboardContent();
            content.putString(text.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        json.onSuccess(text::setText).onFailure(e -> text.setText(T.get("details.failed",
                Notifier.userMessage(e))));
        dialog.show();
        return dialog;
    }
}
