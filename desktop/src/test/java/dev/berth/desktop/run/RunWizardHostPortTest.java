package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The ports step checks each host port with the Ports page's check before the run: a port held by a program here,
 * or by a container's docker-proxy, is reported on its row with its holder and keeps Next and Run disabled until
 * the row changes.
 */
@Tag(TestEngines.DOCKERD_ONLY) // publishes a port: not on Berth's engine until its networking lands
@ExtendWith(ApplicationExtension.class)
class RunWizardHostPortTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DesktopFixture app;
    private Stage owner;
    private Stage wizardWindow;

    @Start
    void start(Stage stage) {
        owner = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        if (wizardWindow != null) {
            robot.interact(wizardWindow::close);
        }
        app.tearDown();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    private static void replace(FxRobot robot, String id, String text) {
        robot.clickOn(id).push(KeyCode.CONTROL, KeyCode.A).type(KeyCode.BACK_SPACE).write(text);
    }

    @Test
    void aTakenHostPortIsReportedWithItsHolderAndBlocksTheRunUntilChanged(FxRobot robot) throws Exception {
        EngineSession session = app.awaitSession();
        String web = app.container("run", "-d", "-p", "127.0.0.1:0:80", Dockerd.BUSYBOX, "httpd", "-f", "-p", "80");
        String published = app.dockerd().docker("port", web, "80/tcp").requireSuccess("docker port").stdout().strip();
        String proxied = published.lines().findFirst().orElseThrow().substring("127.0.0.1:".length());

        RunContainerWizard wizard = new RunContainerWizard(app.context().background(), app.context().notifier(),
                () -> session);
        robot.interact(() -> wizardWindow = wizard.open(owner, null));
        robot.clickOn("#run-image").write(Dockerd.BUSYBOX);
        robot.clickOn("#run-next");
        robot.clickOn("#run-next");

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            robot.clickOn("#run-port-add").write("127.0.0.1");
            robot.clickOn("#run-port-host-0").write(String.valueOf(port));
            robot.clickOn("#run-port-container-0").write("80");
            long me = ProcessHandle.current().pid();
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-status-0").startsWith("taken by ")
                    && text(robot, "#run-port-status-0").endsWith("(pid " + me + ")"));
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-error-0")
                    .startsWith("host port 127.0.0.1:" + port + "/tcp is taken by "));
            assertTrue(text(robot, "#run-port-error-0").contains("(pid " + me + ")"));
            assertTrue(robot.lookup("#run-port-error-0").queryLabeled().isVisible());
            assertTrue(disabled(robot, "#run-next"), "a taken host port blocks Next");
            assertTrue(disabled(robot, "#run-finish"), "and Run");

            // a port a container publishes through docker-proxy names the container
            replace(robot, "#run-port-host-0", proxied);
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-status-0")
                    .startsWith("taken by container " + web + " (docker-proxy, pid "));
            assertTrue(disabled(robot, "#run-finish"));

            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }
            replace(robot, "#run-port-host-0", String.valueOf(free));
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-status-0").equals("free"));
            DesktopFixture.await(WAIT, () -> !disabled(robot, "#run-next") && !disabled(robot, "#run-finish"));
            assertFalse(robot.lookup("#run-port-error-0").queryLabeled().isVisible(), "the message is gone");
            assertEquals("", text(robot, "#run-port-error-0"));
        }
    }
}
