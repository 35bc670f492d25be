package dev.berth.desktop.run;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The run-container wizard's entry point, for the Containers toolbar and the Images table: each {@link #open}
 * shows a new wizard window for the engine that is current at that moment.
 */
public final class RunContainerWizard {

    private static final Texts T = Texts.of(RunContainerWizard.class);

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final Supplier<EngineSession> session;

    /** @param session the current engine session, or null when no engine is connected */
    public RunContainerWizard(BackgroundExecutor background, Notifier notifier, Supplier<EngineSession> session) {
        this.background = background;
        this.notifier = notifier;
        this.session = session;
    }

    /**
     * Opens the wizard, modal to {@code owner}, and returns at once. The window closes itself after a successful
     * run (reported through the notifier) or on Cancel; a failed run is reported and leaves the answers in place.
     *
     * @param owner              the window it belongs to, or null
     * @param initialImageOrNull image reference to start with (e.g. the row picked in the Images table)
     * @return the wizard's window, or null when no engine is connected (the user is told so)
     */
    public Stage open(Window owner, String initialImageOrNull) {
        EngineSession current = session.get();
        if (current == null) {
            notifier.info(T.get("wizard.no-engine"));
            return null;
        }
        RunWizardViewModel vm = new RunWizardViewModel(current, background, notifier);
        if (initialImageOrNull != null) {
            vm.model().imageProperty().set(initialImageOrNull);
        }
        RunWizardView view = new RunWizardView(vm);
        Stage stage = new Stage();
        stage.setTitle(T.get("wizard.window-title", current.name()));
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(view, 980, 680);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        } else {
            scene.getStylesheets().add(RunContainerWizard.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
        }
        stage.setScene(scene);
        view.setOnClose(stage::close);
        stage.setOnHidden(e -> vm.deactivate());
        vm.activate();
        stage.show();
        return stage;
    }
}
