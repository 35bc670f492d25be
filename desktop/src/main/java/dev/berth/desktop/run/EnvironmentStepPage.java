package dev.berth.desktop.run;

import dev.berth.icons.AppIcon;
import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Step 2: environment variables, typed or read from an env file. */
final class EnvironmentStepPage extends VBox implements StepPage {

    private final RowsEditor<EnvVarRow> rows;

    EnvironmentStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        rows = new RowsEditor<>("run-env", "Add variable", "No variables beyond the image's own.",
                List.of(new RowsEditor.Column("Name", 220), new RowsEditor.Column("Value", -1)),
                model.env(), EnvVarRow::new,
                (row, i) -> List.of(
                        Forms.text("run-env-key-" + i, row.keyProperty(), "NAME"),
                        Forms.text("run-env-value-" + i, row.valueProperty(), "value")));

        TextField file = Forms.text("run-env-file", vm.envFileProperty(), "path to a file of KEY=VALUE lines");
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(null, AppIcon.BROWSE.node(16));
        browse.setId("run-env-file-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose an env file");
            File chosen = chooser.showOpenDialog(getScene().getWindow());
            if (chosen != null) {
                vm.envFileProperty().set(chosen.getAbsolutePath());
            }
        });
        Button load = new Button("Load");
        load.setId("run-env-file-load");
        load.setOnAction(e -> vm.loadEnvFile());
        file.setOnAction(e -> vm.loadEnvFile());
        Label message = new Label();
        message.setId("run-env-file-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.envFileMessageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        vm.envFileFailedProperty().addListener((obs, old, failed) -> {
            message.getStyleClass().removeAll("run-problem", "run-ok");
            message.getStyleClass().add(failed ? "run-problem" : "run-ok");
        });

        getChildren().addAll(
                Forms.section("Variables", rows),
                Forms.section("Env file", new HBox(8, file, browse, load), message,
                        Forms.hint("One KEY=VALUE per line, as docker's --env-file reads it: values are taken "
                                + "literally, # starts a comment, a bare KEY takes its value from this machine. "
                                + "Loaded variables appear in the table above.")));
    }

    @Override
    public Node firstInput() {
        return rows.focusTarget();
    }
}
