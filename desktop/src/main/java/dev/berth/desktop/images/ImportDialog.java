package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import dev.berth.desktop.i18n.Texts;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;

/** {@code docker import}: a root filesystem tarball becomes a one-layer image, optionally named and with a CMD. */
final class ImportDialog {

    private static final Texts T = Texts.of(ImportDialog.class);

    private final Dialog<ButtonType> dialog;
    private final TextField file = new TextField();

    ImportDialog(Node owner, ImagesViewModel model) {
        dialog = FormDialogs.create(owner, "import-dialog", T.get("images.import.title"));
        Label error = FormDialogs.errorLabel("import-error");
        file.setId("import-file");
        file.setPromptText(T.get("images.import.file.prompt"));
        file.setPrefColumnCount(32);
        Button browse = new Button(T.get("images.import.browse"));
        browse.setId("import-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(T.get("images.import.chooser"));
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter(T.get("images.files.tar"), "*.tar", "*.tar.gz", "*.tgz", "*.tar.xz", "*.tar.bz2"),
                    new FileChooser.ExtensionFilter(T.get("images.files.all"), "*"));
            File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                file.setText(chosen.getPath());
            }
        });
        TextField reference = new TextField();
        reference.setId("import-ref");
        reference.setPromptText(T.get("images.import.ref.prompt"));
        TextField command = new TextField();
        command.setId("import-cmd");
        command.setPromptText(T.get("images.import.cmd.prompt"));
        HBox fileRow = new HBox(8, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);

        GridPane form = FormDialogs.form();
        form.addRow(0, new Label(T.get("images.import.file")), fileRow);
        form.addRow(1, new Label(T.get("images.import.ref")), reference);
        form.addRow(2, new Label(T.get("images.import.cmd")), command);
        form.add(error, 0, 3, 2, 1);
        GridPane.setHgrow(fileRow, Priority.ALWAYS);
        form.setPadding(new Insets(4));
        form.setMinWidth(560);
        dialog.getDialogPane().setContent(form);
        reference.textProperty().addListener((obs, old, text) ->
                FormDialogs.showError(error, text.isBlank() ? null : ImageNames.tagProblem(text)));
        FormDialogs.confirm(dialog, T.get("images.import.confirm"), "import-confirm", error, () -> {
            String problem = problem(file.getText(), reference.getText());
            if (problem != null) {
                FormDialogs.showError(error, problem);
                return null;
            }
            return model.importTar(Path.of(file.getText().trim()), reference.getText(), command.getText());
        });
    }

    static String problem(String file, String reference) {
        if (file == null || file.isBlank()) {
            return T.get("images.import.error.noFile");
        }
        Path path;
        try {
            path = Path.of(file.trim());
        } catch (java.nio.file.InvalidPathException e) {
            return T.get("images.import.error.badPath", file.trim());
        }
        if (!Files.isRegularFile(path)) {
            return T.get("images.import.error.missing", path);
        }
        if (!Files.isReadable(path)) {
            return T.get("images.import.error.unreadable", path);
        }
        return reference == null || reference.isBlank() ? null : ImageNames.tagProblem(reference);
    }

    void show() {
        dialog.show();
        file.requestFocus();
    }
}
