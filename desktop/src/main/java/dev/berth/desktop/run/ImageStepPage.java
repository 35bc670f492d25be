package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.run.RunWizardModel.Field;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Step 1: what to run and under which name. */
final class ImageStepPage extends VBox implements StepPage {

    private static final Texts T = Texts.of(ImageStepPage.class);

    private final ComboBox<String> image = new ComboBox<>();

    ImageStepPage(RunWizardViewModel vm) {
        super(16);
        RunWizardModel model = vm.model();

        image.setId("run-image");
        image.setEditable(true);
        image.setItems(vm.imageSuggestions());
        image.setMaxWidth(Double.MAX_VALUE);
        image.setPromptText(T.get("image.prompt"));
        image.getEditor().textProperty().bindBidirectional(model.imageProperty());
        Label imageStatus = new Label();
        imageStatus.setId("run-image-status");
        imageStatus.setWrapText(true);
        imageStatus.textProperty().bind(vm.imageStatusProperty());
        imageStatus.managedProperty().bind(imageStatus.textProperty().isNotEmpty());
        vm.imageStateProperty().addListener((obs, old, state) -> styleStatus(imageStatus, state));
        styleStatus(imageStatus, vm.imageStateProperty().get());

        TextField name = Forms.text("run-name", model.nameProperty(), T.get("image.name.prompt"));
        TextField command = Forms.text("run-command", model.commandProperty(), T.get("image.command.prompt"));
        TextField entrypoint = Forms.text("run-entrypoint", model.entrypointProperty(), T.get("image.entrypoint.prompt"));

        GridPane grid = Forms.grid();
        Forms.row(grid, T.get("image.image"), image, imageStatus,
                Forms.check("run-pull-if-missing", T.get("image.pull-if-missing"),
                        model.pullIfMissingProperty()),
                Forms.problem("run-image-error", model.problemProperty(Field.IMAGE), image));
        Forms.row(grid, T.get("image.name"), name, Forms.problem("run-name-error", model.problemProperty(Field.NAME), name));
        Forms.row(grid, T.get("image.command"), command,
                Forms.hint(T.get("image.command.hint")),
                Forms.problem("run-command-error", model.problemProperty(Field.COMMAND), command));
        Forms.row(grid, T.get("image.entrypoint"), entrypoint,
                Forms.hint(T.get("image.entrypoint.hint")),
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
