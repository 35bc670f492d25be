package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.run.RunWizardModel.Step;
import dev.berth.icons.AppIcon;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The wizard's frame: the steps on the left (each marked when it has a problem, and clickable once the steps
 * before it are valid), the current page in the middle, Cancel / Back / Next / Run at the bottom. Next is disabled
 * while the current page has a problem; Run while any page has one. Enter moves on, Escape cancels.
 */
final class RunWizardView extends BorderPane {

    private static final Texts T = Texts.of(RunWizardView.class);

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final RunWizardViewModel vm;
    private final RunWizardModel model;
    private final ObjectProperty<Step> current = new SimpleObjectProperty<>(Step.IMAGE);
    private final Map<Step, Node> pages = new EnumMap<>(Step.class);
    private final ScrollPane content = new ScrollPane();
    private final Button cancel = new Button(T.get("wizard.cancel"));
    private final Button back = new Button(T.get("wizard.back"));
    private final Button next = new Button(T.get("wizard.next"));
    private final Button finish = new Button(T.get("wizard.run"), AppIcon.RUN.node(16));
    private Runnable onClose = () -> { };

    RunWizardView(RunWizardViewModel vm) {
        this.vm = vm;
        this.model = vm.model();
        setId("run-wizard");
        getStyleClass().add("run-wizard");
        pages.put(Step.IMAGE, new ImageStepPage(vm));
        pages.put(Step.ENVIRONMENT, new EnvironmentStepPage(vm));
        pages.put(Step.PORTS, new PortsStepPage(vm));
        pages.put(Step.STORAGE, new StorageStepPage(vm));
        pages.put(Step.NETWORK, new NetworkStepPage(vm));
        pages.put(Step.SUMMARY, new SummaryStepPage(vm));

        setTop(header());
        setLeft(steps());
        content.setId("run-page");
        content.setFitToWidth(true);
        content.setPadding(new Insets(16, 20, 16, 20));
        content.getStyleClass().add(Styles.BG_DEFAULT);
        setCenter(content);
        setBottom(buttons());
        current.addListener((obs, old, step) -> show(step));
        show(Step.IMAGE);
    }

    /** What closes the window (Cancel, or a successful run). */
    void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private Node header() {
        Label title = new Label(T.get("wizard.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label engine = new Label(T.get("wizard.on-engine", vm.engineName()));
        engine.getStyleClass().add(Styles.TEXT_MUTED);
        Label stepTitle = new Label();
        stepTitle.setId("run-step-title");
        stepTitle.getStyleClass().add(Styles.TITLE_4);
        stepTitle.textProperty().bind(Bindings.createStringBinding(
                () -> T.get("wizard.step-of", current.get().ordinal() + 1, Step.values().length,
                        current.get().title()), current));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(10, title, engine, grow, stepTitle);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(14, 20, 10, 20));
        header.getStyleClass().add("run-wizard-header");
        return header;
    }

    private Node steps() {
        VBox list = new VBox(2);
        list.setPadding(new Insets(12, 8, 12, 8));
        list.getStyleClass().add("run-wizard-steps");
        list.setMinWidth(200);
        list.setPrefWidth(200);
        list.setMaxWidth(200);
        for (Step step : Step.values()) {
            Button button = new Button(T.get("wizard.step-button", step.ordinal() + 1, step.title()));
            button.setId("run-step-" + step.name().toLowerCase(Locale.ROOT));
            button.getStyleClass().addAll(Styles.FLAT, "run-step");
            button.setMaxWidth(Double.MAX_VALUE);
            button.setAlignment(Pos.CENTER_LEFT);
            button.setFocusTraversable(false);
            button.setOnAction(e -> current.set(step));
            button.disableProperty().bind(vm.busyProperty().or(reachable(step).not()));
            Runnable mark = () -> {
                boolean invalid = step != Step.SUMMARY && !model.validProperty(step).get();
                button.setGraphic(invalid ? AppIcon.UNREACHABLE.node(14) : null);
                button.pseudoClassStateChanged(INVALID, invalid);
                button.pseudoClassStateChanged(CURRENT, current.get() == step);
            };
            model.validProperty(step).addListener((obs, old, valid) -> mark.run());
            current.addListener((obs, old, now) -> mark.run());
            mark.run();
            button.setContentDisplay(ContentDisplay.RIGHT);
            list.getChildren().add(button);
        }
        return list;
    }

    /** A step can be visited when every step before it is valid; going back is always possible. */
    private BooleanBinding reachable(Step step) {
        return Bindings.createBooleanBinding(() -> {
            if (step.compareTo(current.get()) <= 0) {
                return true;
            }
            for (Step s : Step.values()) {
                if (s.compareTo(step) >= 0) {
                    break;
                }
                if (!model.validProperty(s).get()) {
                    return false;
                }
            }
            return true;
        }, current, model.problemsProperty());
    }

    private Node buttons() {
        cancel.setId("run-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        cancel.disableProperty().bind(vm.busyProperty());
        back.setId("run-back");
        back.setOnAction(e -> current.set(Step.values()[current.get().ordinal() - 1]));
        back.disableProperty().bind(vm.busyProperty().or(current.isEqualTo(Step.IMAGE)));
        next.setId("run-next");
        next.setOnAction(e -> current.set(Step.values()[current.get().ordinal() + 1]));
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> current.get() == Step.SUMMARY || !model.validProperty(current.get()).get(),
                current, model.problemsProperty()).or(vm.busyProperty()));
        next.defaultButtonProperty().bind(current.isNotEqualTo(Step.SUMMARY));
        finish.setId("run-finish");
        // one emphasised button at a time: Next on the way, Run at the end
        current.addListener((obs, old, step) -> accent(step == Step.SUMMARY));
        accent(false);
        finish.disableProperty().bind(model.validProperty(Step.SUMMARY).not().or(vm.busyProperty()));
        finish.defaultButtonProperty().bind(current.isEqualTo(Step.SUMMARY));
        finish.setOnAction(e -> {
            if (current.get() != Step.SUMMARY) {
                current.set(Step.SUMMARY); // the progress and any failure show there
            }
            vm.launch(() -> onClose.run());
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, cancel, grow, back, next, finish);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(10, 20, 14, 20));
        bar.getStyleClass().add("run-wizard-buttons");
        return bar;
    }

    private void accent(boolean finishFirst) {
        finish.getStyleClass().remove(Styles.ACCENT);
        if (finishFirst) {
            finish.getStyleClass().add(Styles.ACCENT);
        }
    }

    private void show(Step step) {
        Node page = pages.get(step);
        content.setContent(page);
        content.setVvalue(0);
        if (page instanceof StepPage p && p.firstInput() != null) {
            Platform.runLater(() -> p.firstInput().requestFocus());
        }
    }
}
