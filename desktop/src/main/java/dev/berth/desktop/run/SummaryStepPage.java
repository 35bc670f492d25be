package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Step 6: what will happen, in words and as the equivalent docker run line; and the run's progress. */
final class SummaryStepPage extends VBox implements StepPage {

    private static final Texts T = Texts.of(SummaryStepPage.class);

    private final Button copy = new Button(T.get("summary.copy"), AppIcon.COPY.node(14));

    SummaryStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();

        VBox problems = new VBox(4);
        problems.setId("run-summary-problems");
        problems.getStyleClass().add("run-problems");
        problems.visibleProperty().bind(model.validProperty(RunWizardModel.Step.SUMMARY).not());
        problems.managedProperty().bind(problems.visibleProperty());
        model.problemsProperty().addListener((obs, old, list) -> showProblems(problems, list));
        showProblems(problems, model.problemsProperty().get());

        TextArea command = new TextArea();
        command.setId("run-summary-command");
        command.getStyleClass().add("run-command-line");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.textProperty().bind(model.dockerRunLineProperty());
        HBox.setHgrow(command, Priority.ALWAYS);
        copy.setId("run-summary-copy");
        copy.disableProperty().bind(model.dockerRunLineProperty().isEmpty());
        PauseTransition restoreLabel = new PauseTransition(Duration.seconds(2));
        restoreLabel.setOnFinished(e -> copy.setText(T.get("summary.copy")));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.dockerRunLineProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(T.get("summary.copied"));
            restoreLabel.playFromStart();
        });

        GridPane summary = Forms.grid();
        summary.setId("run-summary");
        Runnable refresh = () -> {
            if (getScene() != null) {
                showSummary(summary, model.summary());
            }
        };
        model.problemsProperty().addListener((obs, old, list) -> refresh.run());
        sceneProperty().addListener((obs, old, scene) -> refresh.run());

        ProgressBar progress = new ProgressBar();
        progress.setId("run-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(vm.progressProperty());
        Label progressText = new Label();
        progressText.setId("run-progress-text");
        progressText.textProperty().bind(vm.progressTextProperty());
        VBox running = new VBox(6, progressText, progress);
        running.visibleProperty().bind(vm.busyProperty());
        running.managedProperty().bind(running.visibleProperty());
        Label failure = Forms.problem("run-failure", vm.failureProperty(), null);

        getChildren().addAll(problems,
                Forms.section(T.get("summary.section.command"), new HBox(8, command, copy)),
                Forms.section(T.get("summary.section.what"), summary),
                running, failure);
    }

    private static void showProblems(VBox box, List<RunWizardModel.Problem> list) {
        box.getChildren().clear();
        Label heading = new Label(T.get("summary.problems"));
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        box.getChildren().add(heading);
        for (RunWizardModel.Problem p : list) {
            Label line = new Label(T.get("summary.problem", p.step().title(), p.where(), p.message()));
            line.getStyleClass().add("run-problem");
            line.setWrapText(true);
            box.getChildren().add(line);
        }
    }

    /** Rebuilt on each change, but only while the page is shown: a dozen labels. */
    private static void showSummary(GridPane grid, List<RunWizardModel.SummaryLine> lines) {
        grid.getChildren().clear();
        for (RunWizardModel.SummaryLine line : lines) {
            Label text = new Label(line.text());
            text.setWrapText(true);
            text.setId("run-summary-" + line.id());
            Forms.textRow(grid, line.label(), text);
        }
    }

    @Override
    public Node firstInput() {
        return copy;
    }
}
