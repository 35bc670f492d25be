package dev.berth.desktop.terminal;


import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The terminal tab against the real test dockerd, driven by keyboard and mouse through the emulator. */
@ExtendWith(ApplicationExtension.class)
class TerminalTabTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private DesktopFixture app;
    private Stage stage;
    private TerminalTab tab;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        try {
            if (tab != null) {
                closeTab();
            }
        } finally {
            app.tearDown();
        }
    }

    /** Closes the tab and waits until its emulator is gone (after the shell was asked to exit). */
    private void closeTab() {
        TerminalTab closing = tab;
        tab = null;
        try {
            WaitForAsyncUtils.asyncFx(closing::close).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        DesktopFixture.await(PATIENCE, () -> closing.screenSize() == null);
    }

    @Test
    void shellRoundTripFollowsResizeAndReportsTheExitCode(FxRobot robot) {
        String name = app.container("run", "-d", Dockerd.BUSYBOX, "sleep", "300");
        openTab(name);
        awaitStatus("Choose a shell");

        robot.clickOn("#terminal-connect");
        awaitScreen("/ #"); // busybox sh's prompt: the exec runs with a TTY
        typeLine(robot, "echo hello-$((6*7))");
        awaitScreen("hello-42");

        int[] before = tab.screenSize();
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setWidth(stage.getWidth() - 300);
            stage.setHeight(stage.getHeight() - 200);
        });
        int[] after = DesktopFixture.await(PATIENCE, () -> {
            int[] now = tab.screenSize();
            return Arrays.equals(now, before) ? null : now;
        });
        assertTrue(after[0] < before[0] && after[1] < before[1], Arrays.toString(before) + " → " + Arrays.toString(after));
        // The emulator passes a new size on to the engine half a second after the last change, and the layout may
        // still move by a column (scroll bar): compare with the size shown at each attempt.
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            int[] shown = tab.screenSize();
            String expected = shown[1] + " " + shown[0];
            if (screen().contains(expected)) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "stty never reported " + expected + ":\n" + screen());
            typeLine(robot, "clear; stty size");
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        typeLine(robot, "exit 3");
        awaitScreen("[process exited with code 3]");
        awaitStatus("[process exited with code 3]");
        Button connect = robot.lookup("#terminal-connect").queryAs(Button.class);
        DesktopFixture.await(PATIENCE, () -> connect.getText().equals("Reconnect") && !connect.isDisabled());

        robot.clickOn("#terminal-connect");
        awaitStatus("Connected to sh");
        typeLine(robot, "echo again-$((1+1))");
        awaitScreen("again-2");
        assertFalse(screen().contains("[process exited"), "a reconnect starts on a fresh screen");
    }

    @Test
    void missingBashIsSaidPlainlyAndShIsOffered(FxRobot robot) {
        String name = app.container("run", "-d", Dockerd.BUSYBOX, "sleep", "300");
        openTab(name);
        awaitStatus("Choose a shell");

        robot.clickOn("#terminal-shell").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL)
                .write("bash").type(KeyCode.ENTER); // Enter in the shell box connects
        awaitStatus("bash is not installed in this container.");
        Button useSh = robot.lookup("#terminal-use-sh").queryAs(Button.class);
        DesktopFixture.await(PATIENCE, useSh::isVisible);

        robot.clickOn("#terminal-use-sh");
        awaitStatus("Connected to sh");
        typeLine(robot, "echo sh-$((40+2))");
        awaitScreen("sh-42");
    }

    @Test
    void attachReachesTheMainProcessOnlyWhenItHasATtyAndStdin(FxRobot robot) {
        String plain = app.container("run", "-d", Dockerd.BUSYBOX, "sleep", "300");
        openTab(plain);
        awaitStatus("Choose a shell");
        assertTrue(robot.lookup("#terminal-attach").queryAs(Button.class).isDisabled());
        Label hint = robot.lookup("#terminal-attach-hint").queryAs(Label.class);
        DesktopFixture.await(PATIENCE, () -> hint.getText().contains("TTY and open stdin"));
        closeTab();

        String interactive = app.container("run", "-dit", Dockerd.BUSYBOX, "sh");
        openTab(interactive);
        Button attach = robot.lookup("#terminal-attach").queryAs(Button.class);
        DesktopFixture.await(PATIENCE, () -> !attach.isDisabled());
        robot.clickOn("#terminal-attach");
        awaitStatus("Attached to the main process");
        typeLine(robot, "echo main-$((6*7))");
        awaitScreen("main-42");

        robot.clickOn("#terminal-disconnect");
        awaitStatus("Disconnected.");
        assertEquals("true", docker("inspect", "-f", "{{.State.Running}}", interactive).strip(),
                "detaching leaves the main process running");

        typeLine(robot, "ignored"); // no session: keys go nowhere, nothing breaks
        docker("kill", interactive);
        awaitStatus("This container is not running");
        assertTrue(robot.lookup("#terminal-connect").queryAs(Button.class).isDisabled());
    }

    @Test
    void stoppedContainerIsSaidPlainlyAndClosingEndsTheShell(FxRobot robot) {
        String stopped = app.container("create", Dockerd.BUSYBOX, "sleep", "300");
        openTab(stopped);
        awaitStatus("This container is not running (created). Start it to open a terminal.");
        assertTrue(robot.lookup("#terminal-connect").queryAs(Button.class).isDisabled());

        docker("start", stopped); // the tab follows the engine's events
        awaitStatus("Choose a shell");
        robot.clickOn("#terminal-connect");
        awaitScreen("/ #");
        assertTrue(processes(stopped).contains("sh"), processes(stopped).toString());

        closeTab();
        DesktopFixture.await(PATIENCE, () -> !processes(stopped).contains("sh"));
    }

    private List<String> processes(String container) {
        return Arrays.stream(docker("exec", container, "ps", "-o", "comm").split("\n")).map(String::strip).toList();
    }

    private void openTab(String container) {
        tab = app.host(() -> new TerminalTab(app.context().background(), app.context().notifier()), container);
    }

    private void typeLine(FxRobot robot, String line) {
        robot.clickOn("#terminal-screen").write(line).type(KeyCode.ENTER);
    }

    private String screen() {
        try {
            return WaitForAsyncUtils.asyncFx(tab::screenText).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitScreen(String text) {
        try {
            DesktopFixture.await(PATIENCE, () -> tab.screenText().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError("the screen never showed \"" + text + "\":\n" + screen(), e);
        }
    }

    private void awaitStatus(String text) {
        try {
            DesktopFixture.await(PATIENCE, () -> tab.model().statusProperty().get().contains(text));
        } catch (AssertionError e) {
            throw new AssertionError("the status never said \"" + text + "\" but: "
                    + tab.model().statusProperty().get(), e);
        }
    }

    private String docker(String... args) {
        return app.dockerd().docker(args).stdout();
    }
}
