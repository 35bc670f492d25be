package dev.berth.desktop.images;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Outcome;
import dev.berth.desktop.fx.Notifier;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The images page's dialogs share one shape: owned by the app window, themed like it, errors shown inside. */
final class Dialogs {

    private static final Texts T = Texts.of(Dialogs.class);

    private Dialogs() {
    }

    static Dialog<ButtonType> create(Node owner, String id, String title) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.getDialogPane().setId(id);
        Window window = owner.getScene() == null ? null : owner.getScene().getWindow();
        if (window != null) {
            dialog.initOwner(window);
            dialog.initModality(Modality.WINDOW_MODAL);
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        return dialog;
    }

    /** The dialog's main button: it runs {@code action} and closes only when that succeeds. */
    static Button confirm(Dialog<ButtonType> dialog, String text, String id, Label error, Supplier<Outcome<?>> action) {
        ButtonType type = new ButtonType(text, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = cancel();
        dialog.getDialogPane().getButtonTypes().setAll(type, cancel);
        Button button = (Button) dialog.getDialogPane().lookupButton(type);
        button.setId(id);
        button.setDefaultButton(true);
        button.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            Outcome<?> outcome = action.get();
            if (outcome == null) {
                return;
            }
            button.setDisable(true);
            showError(error, null);
            outcome.onSuccess(v -> {
                dialog.setResult(type);
                dialog.close();
            }).onFailure(ex -> {
                button.setDisable(false);
                showError(error, Notifier.userMessage(ex));
            });
        });
        ((Button) dialog.getDialogPane().lookupButton(cancel)).setId(idPrefix(id) + "-cancel");
        return button;
    }

    /** Cancel in the app's language (JavaFX's own follows the JVM's, not the one the app was told to use). */
    static ButtonType cancel() {
        return new ButtonType(T.get("images.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    /** Close in the app's language. */
    static ButtonType close() {
        return new ButtonType(T.get("images.dialog.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    /** The dialog's Cancel or Close button. */
    static Button cancelButton(Dialog<ButtonType> dialog) {
        return dialog.getDialogPane().getButtonTypes().stream()
                .filter(t -> t.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE)
                .map(t -> (Button) dialog.getDialogPane().lookupButton(t)).findFirst().orElseThrow();
    }

    /** A label for inline validation and engine messages, taking no room while empty. */
    static Label errorLabel(String id) {
        Label error = new Label();
        error.setId(id);
        error.getStyleClass().addAll(Styles.DANGER, "dialog-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        showError(error, null);
        return error;
    }

    static void showError(Label error, String text) {
        boolean wasVisible = error.isVisible();
        error.setText(text == null ? "" : text);
        error.setVisible(text != null && !text.isEmpty());
        error.setManaged(error.isVisible());
        if (wasVisible != error.isVisible() || error.isVisible()) {
            fit(error);
        }
    }

    /**
     * A dialog window keeps the size it opened with; when its content grows (an error, the progress of a pull) it
     * must grow too, or the buttons slide out of sight.
     */
    static void fit(Node anyNodeInDialog) {
        if (anyNodeInDialog.getScene() != null && anyNodeInDialog.getScene().getWindow() != null) {
            anyNodeInDialog.getScene().getWindow().sizeToScene();
        }
    }

    /** A form's label column keeps its labels whole. */
    static javafx.scene.layout.GridPane form() {
        javafx.scene.layout.GridPane form = new javafx.scene.layout.GridPane();
        form.setHgap(10);
        form.setVgap(8);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        return form;
    }

    private static String idPrefix(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }
}
