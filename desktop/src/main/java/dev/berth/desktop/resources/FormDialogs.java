package dev.berth.desktop.resources;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Notifier;
import java.util.function.Supplier;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The shape the list pages' dialogs share (as the Images page's): owned by the app window and themed like it, a main
 * button that closes the dialog only when the engine agreed, errors shown inside the dialog.
 */
public final class FormDialogs {

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

    /**
     * The dialog's main button: it runs {@code action} and closes only when that succeeds; a failure stays in
     * {@code error}. {@code action} returns null when it refused the input itself (it then shows why).
     */
    public static Button confirm(Dialog<ButtonType> dialog, String text, String id, Label error,
                                 Supplier<Outcome<?>> action) {
        ButtonType type = new ButtonType(text, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(type, ButtonType.CANCEL);
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
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setId(idPrefix(id) + "-cancel");
        return button;
    }

    /** For removals: Enter right after Delete cancels; going ahead takes Tab to the button, or a click. */
    public static void cancelByDefault(Dialog<ButtonType> dialog, Button confirm) {
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
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
        error.setText(text == null ? "" : text);
        error.setVisible(text != null && !text.isEmpty());
        error.setManaged(error.isVisible());
        // a dialog window keeps the size it opened with: grow it, or the buttons slide out of sight
        if (error.getScene() != null && error.getScene().getWindow() != null) {
            error.getScene().getWindow().sizeToScene();
        }
    }

    /** A two-column form whose label column keeps its labels whole. */
    public static GridPane form() {
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().setAll(labels, fields);
        return form;
    }

    private static String idPrefix(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? id : id.substring(0, dash);
    }
}
