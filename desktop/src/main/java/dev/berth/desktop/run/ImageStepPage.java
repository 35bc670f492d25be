package dev.berth.desktop.run;

import dev.berth.desktop.run.RunWizardModel.Field;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Step 1: what to run and under which name. */
final class ImageStepPage extends VBox implements StepPage {

    private final ComboBox<String> image = new ComboBox<>();

    ImageStepPage(RunWizardViewModel vm) {
        super(16);
        RunWizardModel model = vm.model();

        image.setId("run-image");
        image.setEditable(true);
        image.setItems(vm.imageSuggestions());
        image.setMaxWidth(Double.MAX_VALUE);
        image.setPromptText("e.g. nginx:1.27 or registry.example.com/team/app:2.1");
        image.getEditor().textProperty().bindBidirectional(model.imageProperty());
        Label imageStatus = new Label();
        imageStatus.setId("run-image-status");
        imageStatus.setWrapText(true);
        imageStatus.textProperty().bind(vm.imageStatusProperty());
        imageStatus.managedProperty().bind(imageStatus.textProperty().isNotEmpty());
        vm.imageStateProperty().addListener((obs, old, state) -> styleStatus(imageStatus, state));
        styleStatus(imageStatus, vm.imageStateProperty().get());

        TextField name = Forms.text("run-name", model.nameProperty(), "chosen by the engine if left empty");
        TextField command = Forms.text("run-command", model.commandProperty(), "the image's default, e.g. sleep 300");
        TextField entrypoint = Forms.text("run-entrypoint", model.entrypointProperty(), "the image's default");

        GridPane grid = Forms.grid();
        Forms.row(grid, "Image", image, imageStatus,
                Forms.check("run-pull-if-missing", "Pull the image first if the engine does not have it",
                        model.pullIfMissingProperty()),
                Forms.problem("run-image-error", model.problemProperty(Field.IMAGE), image));
        Forms.row(grid, "Name", name, Forms.problem("run-name-error", model.problemProperty(Field.NAME), name));
        Forms.row(grid, "Command", command,
                Forms.hint("Split like a shell: quote arguments that contain spaces, e.g. sh -c 'echo hi; sleep 60'."),
                Forms.problem("run-command-error", model.problemProperty(Field.COMMAND), command));
        Forms.row(grid, "Entrypoint", entrypoint,
                Forms.hint("Replaces the image's entrypoint. Words after the first are passed before the command."),
                Forms.problem("run-entrypoint-error", model.problemProperty(Field.ENTRYPOINT), entrypoint));
        getChildren().add(grid);
    }

    private static void styleStatus(Label label, RunWizardViewModel.ImageState state) {
        label.getStyleClass().removeAll("run-ok", "run-warning", "run-problem");
        switch (state) {
            case PRESENT -> label.getStyleClass().add("run-ok");
            case WILL_PULL -> label.getStyleClass().add("run-warning");
            case MISSING, FAILED -> label.getStyleClass().add("run-problem");
            default -> { }
        }
    }

    @Override
    public Node firstInput() {
        return image.getEditor();
    }
}
