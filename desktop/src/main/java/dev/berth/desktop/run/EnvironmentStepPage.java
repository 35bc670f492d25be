package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
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

    private static final Texts T = Texts.of(EnvironmentStepPage.class);

    private final RowsEditor<EnvVarRow> rows;

    EnvironmentStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        rows = new RowsEditor<>("run-env", T.get("env.add"), T.get("env.empty"),
                List.of(new RowsEditor.Column(T.get("env.column.name"), 220), new RowsEditor.Column(T.get("env.column.value"), -1)),
                model.env(), EnvVarRow::new,
                (row, i) -> List.of(
                        Forms.text("run-env-key-" + i, row.keyProperty(), "NAME"),
                        Forms.text("run-env-value-" + i, row.valueProperty(), T.get("env.value.prompt"))));

        TextField file = Forms.text("run-env-file", vm.envFileProperty(), T.get("env.file.prompt"));
        HBox.setHgrow(file, Priority.ALWAYS);
        Button browse = new Button(null, AppIcon.BROWSE.node(16));
        browse.setId("run-env-file-browse");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(T.get("env.file.choose"));
            File chosen = chooser.showOpenDialog(getScene().getWindow());
            if (chosen != null) {
                vm.envFileProperty().set(chosen.getAbsolutePath());
            }
        });
        Button load = new Button(T.get("env.file.load"));
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
                Forms.section(T.get("env.section.variables"), rows),
                Forms.section(T.get("env.section.file"), new HBox(8, file, browse, load), message,
                        Forms.hint(T.get("env.file.hint"))));
    }

    @Override
    public Node firstInput() {
        return rows.focusTarget();
    }
}
