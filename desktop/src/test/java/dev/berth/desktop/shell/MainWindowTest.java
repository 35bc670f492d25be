package dev.berth.desktop.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineStatus;
import dev.berth.desktop.testing.DesktopFixture;
import java.time.Duration;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void enginesListShowsTheTestEngineWithItsVersionAndCounts(FxRobot robot) {
        ListView<?> engines = robot.lookup("#engines-list").queryAs(ListView.class);
        EngineStatus status = DesktopFixture.await(Duration.ofSeconds(30), () -> {
            EngineStatus s = app.context().engines().engines().isEmpty() ? null
                    : app.context().engines().engines().get(0).status();
            return s != null && s.reachable() ? s : null;
        });
        assertTrue(status.version().startsWith("20.10"), status.summary());
        assertTrue(engines.getItems().size() == 1);
        app.awaitSession();
        Label bar = robot.lookup("#status-engine").queryAs(Label.class);
        DesktopFixture.await(Duration.ofSeconds(10), () -> bar.getText().contains("API 1.41"));
    }

    @Test
    void commandPaletteRunsACommandByName(FxRobot robot) {
        app.awaitSession();
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.K)
                .release(javafx.scene.input.KeyCode.K, javafx.scene.input.KeyCode.CONTROL);
        DesktopFixture.await(Duration.ofSeconds(5), () -> robot.lookup("#palette-search").tryQuery().isPresent());
        robot.clickOn("#palette-search").write("dark theme").type(javafx.scene.input.KeyCode.ENTER);
        DesktopFixture.await(Duration.ofSeconds(5),
                () -> robot.lookup("#theme-toggle").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
    }
}
