package dev.berth.desktop.volumes;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.FormDialogs;
import dev.berth.desktop.resources.KeyValues;
import java.util.List;
import java.util.regex.Pattern;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Create a volume: name (blank for a generated one), driver, driver options and labels, checked before sending. */
final class CreateVolumeDialog {

    private static final Texts T = Texts.of(CreateVolumeDialog.class);
    /** The engine's rule for volume names. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

    private final Dialog<ButtonType> dialog;

    CreateVolumeDialog(Node owner, VolumesViewModel model) {
        dialog = FormDialogs.create(owner, "volume-create-dialog", T.get("create.title"));
        Label error = FormDialogs.errorLabel("volume-create-error");
        TextField name = new TextField();
        name.setId("volume-name");
        name.setPromptText(T.get("create.name.prompt"));
        ComboBox<String> driver = new ComboBox<>();
        driver.setId("volume-driver");
        driver.getItems().setAll(List.of("local"));
        driver.getSelectionModel().select("local");
        model.drivers().onSuccess(drivers -> {
            String chosen = driver.getValue();
            driver.getItems().setAll(drivers);
            driver.getSelectionModel().select(drivers.contains(chosen) ? chosen : "local");
        });
        TextArea options = new TextArea();
        options.setId("volume-options");
        options.setPromptText("o=size=100m");
        options.setPrefRowCount(3);
        TextArea labels = new TextArea();
        labels.setId("volume-labels");
        labels.setPromptText("com.example.team=web");
        labels.setPrefRowCount(2);

        GridPane form = FormDialogs.form();
        form.addRow(0, new Label(T.get("create.name")), name);
        form.addRow(1, new Label(T.get("create.driver")), driver);
        form.addRow(2, new Label(T.get("create.options")), options);
        form.addRow(3, new Label(T.get("create.labels")), labels);
        Label hint = new Label(T.get("create.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        VBox content = new VBox(10, form, hint, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(500);
        dialog.getDialogPane().setContent(content);

        FormDialogs.confirm(dialog, T.get("create.confirm"), "volume-create-confirm", error, () -> {
            String n = name.getText().strip();
            String problem = null;
            if (!n.isEmpty() && !NAME.matcher(n).matches()) {
                problem = T.get("create.name.invalid", n);
            } else {
                problem = keyValueProblem(options.getText(), "options");
                if (problem == null) {
                    problem = keyValueProblem(labels.getText(), "labels");
                }
            }
            if (problem != null) {
                FormDialogs.showError(error, problem);
                return null;
            }
            return model.create(n, driver.getValue(), options.getText(), labels.getText());
        });
        dialog.setOnShown(e -> name.requestFocus());
    }

    private static String keyValueProblem(String text, String which) {
        try {
            KeyValues.parse(text);
            return null;
        } catch (KeyValues.Malformed e) {
            return which.equals("options") ? T.get("create.options.invalid", e.entry())
                    : T.get("create.labels.invalid", e.entry());
        }
    }

    void show() {
        dialog.show();
    }
}
