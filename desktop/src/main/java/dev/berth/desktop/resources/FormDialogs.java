package dev.berth.desktop.resources;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
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

/**
 * The shape the list pages' dialogs share: owned by the app window and themed like it, a main button that closes the
 * dialog only when the engine agreed, Cancel and Close in the app's language, errors shown inside the dialog.
 */
public final class FormDialogs {

    private static final Texts T = Texts.of(FormDialogs.class);

    private FormDialogs() {
    }

    public static Dialog<ButtonType> create(Node owner, String id, String title) {
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
    public static Button confirm(Dialog<ButtonType> dialog, String text, String id, Label error, Supplier<Outcome<?>> action) {
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
    public static ButtonType cancel() {
        return new ButtonType(T.get("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    /** Close in the app's language. */
    public static ButtonType close() {
        return new ButtonType(T.get("dialog.close"), ButtonBar.ButtonData.CANCEL_CLOSE);
    }

    /** For removals: Enter right after Delete cancels; going ahead takes Tab to the button, or a click. */
    public static void cancelByDefault(Dialog<ButtonType> dialog, Button confirm) {
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setDefaultButton(false);
        cancelButton(dialog).setDefaultButton(true);
    }

    /** The dialog's Cancel or Close button. */
    public static Button cancelButton(Dialog<ButtonType> dialog) {
        return dialog.getDialogPane().getButtonTypes().stream()
                .filter(t -> t.getButtonData() == ButtonBar.ButtonData.CANCEL_CLOSE)
                .map(t -> (Button) dialog.getDialogPane().lookupButton(t)).findFirst().orElseThrow();
    }

    /** A label for inline validation and engine messages, taking no room while empty. */
    public static Label errorLabel(String id) {
        Label error = new Label();
        error.setId(id);
        error.getStyleClass().addAll(Styles.DANGER, "dialog-error");
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        showError(error, null);
        return error;
    }

    public static void showError(Label error, String text) {
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
    public static void fit(Node anyNodeInDialog) {
        if (anyNodeInDialog.getScene() != null && anyNodeInDialog.getScene().getWindow() != null) {
            anyNodeInDialog.getScene().getWindow().sizeToScene();
        }
    }

    /** A form's label column keeps its labels whole. */
    public static javafx.scene.layout.GridPane form() {
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
