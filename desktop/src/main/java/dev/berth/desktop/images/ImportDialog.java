package dev.berth.desktop.images;

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

    private final Dialog<ButtonType> dialog;
    private final TextField file = new TextField();

    ImportDialog(Node owner, ImagesViewModel model) {
        dialog = Dialogs.create(owner, "import-dialog", "Import root filesystem");
        Label error = Dialogs.errorLabel("import-error");
        file.setId("import-file");
        file.setPromptText("rootfs.tar (plain, gzip, bzip2 or xz)");
        file.setPrefColumnCount(32);
        Button browse = new Button("Browse…");
        browse.setId("import-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Root filesystem tarball");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Tar archives", "*.tar", "*.tar.gz", "*.tgz", "*.tar.xz", "*.tar.bz2"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File chosen = chooser.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
            if (chosen != null) {
                file.setText(chosen.getPath());
            }
        });
        TextField reference = new TextField();
        reference.setId("import-ref");
        reference.setPromptText("repository[:tag] (optional)");
        TextField command = new TextField();
        command.setId("import-cmd");
        command.setPromptText("e.g. sh or [\"/app\", \"--serve\"] (optional)");
        HBox fileRow = new HBox(8, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);

        GridPane form = Dialogs.form();
        form.addRow(0, new Label("Tarball"), fileRow);
        form.addRow(1, new Label("Name"), reference);
        form.addRow(2, new Label("CMD"), command);
        form.add(error, 0, 3, 2, 1);
        GridPane.setHgrow(fileRow, Priority.ALWAYS);
        form.setPadding(new Insets(4));
        form.setMinWidth(560);
        dialog.getDialogPane().setContent(form);
        reference.textProperty().addListener((obs, old, text) ->
                Dialogs.showError(error, text.isBlank() ? null : ImageNames.tagProblem(text)));
        Dialogs.confirm(dialog, "Import", "import-confirm", error, () -> {
            String problem = problem(file.getText(), reference.getText());
            if (problem != null) {
                Dialogs.showError(error, problem);
                return null;
            }
            return model.importTar(Path.of(file.getText().trim()), reference.getText(), command.getText());
        });
    }

    static String problem(String file, String reference) {
        if (file == null || file.isBlank()) {
            return "Choose the tarball to import";
        }
        Path path;
        try {
            path = Path.of(file.trim());
        } catch (java.nio.file.InvalidPathException e) {
            return "\"" + file.trim() + "\" is not a file path";
        }
        if (!Files.isRegularFile(path)) {
            return "There is no file at " + path;
        }
        if (!Files.isReadable(path)) {
            return path + " cannot be read";
        }
        return reference == null || reference.isBlank() ? null : ImageNames.tagProblem(reference);
    }

    void show() {
        dialog.show();
        file.requestFocus();
    }
}
