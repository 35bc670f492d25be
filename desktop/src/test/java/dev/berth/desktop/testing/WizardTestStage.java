package dev.berth.desktop.testing;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.framework.junit5.Start;

/**
 * What a wizard's TestFX test stands on: an owner window, the app's background executor and notifier, the
 * "latest certificates" folder the wizards share, the English texts the tests look nodes up by, and the wizard
 * windows closed after each test.
 */
public abstract class WizardTestStage {

    protected final BackgroundExecutor background = new BackgroundExecutor();
    protected final Notifier notifier = new Notifier();
    protected final SimpleObjectProperty<Path> latest = new SimpleObjectProperty<>();
    protected Stage owner;
    private final List<Stage> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        Texts.useLocale(Locale.ENGLISH); // the tests find nodes by their English text
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
    }

    /** A wizard window the test opened: closed after the test. */
    protected Stage opened(Stage window) {
        if (window != null) {
            opened.add(window);
        }
        return window;
    }

    /** Focuses the field first, as a user's click would, then clicks it. */
    protected static FxRobotInterface click(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).query().requestFocus());
        return robot.clickOn(id);
    }

    /** Replaces the field's text by typing, as a user would (an empty text just clears it). */
    protected static void type(FxRobot robot, String id, String text) {
        click(robot, id).push(KeyCode.CONTROL, KeyCode.A).type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    @AfterEach
    void closeWizards(FxRobot robot) {
        robot.interact(() -> opened.forEach(Stage::close));
        background.close();
    }
}
