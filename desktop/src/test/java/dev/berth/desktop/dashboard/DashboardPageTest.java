package dev.berth.desktop.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.util.UUID;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The dashboard of the whole app on the real test dockerd. */
@ExtendWith(ApplicationExtension.class)
class DashboardPageTest {

    private static final TestEngine DOCKERD = TestEngines.current();

    private final String container = "berth-ui-dash-" + UUID.randomUUID().toString().substring(0, 8);
    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        app.close();
        DOCKERD.docker("rm", "-f", container);
    }

    @Test
    void showsTheEngineItsCountsAndDiskUsage(FxRobot robot) {
        app.awaitSession();
        UiSteps.open(robot, "dashboard", "dashboard-events");
        Label version = DesktopFixture.await(UiSteps.WAIT,
                () -> robot.lookup("#dashboard-version").tryQueryAs(Label.class).orElse(null));
        String engineVersion = DOCKERD.docker("version", "--format", "{{.Server.Version}}")
                .requireSuccess("docker version").stdout().strip();
        String api = DOCKERD.docker("version", "--format", "{{.Server.APIVersion}}")
                .requireSuccess("docker version").stdout().strip();
        DesktopFixture.await(UiSteps.WAIT, () -> version.getText().contains(engineVersion));
        assertTrue(version.getText().contains("API " + api), version.getText());
        String root = DOCKERD.docker("info", "--format", "{{.DockerRootDir}}").requireSuccess("docker info").stdout().strip();
        assertEquals(root, robot.lookup("#dashboard-root").queryAs(Label.class).getText());
        String cpus = DOCKERD.docker("info", "--format", "{{.NCPU}}").requireSuccess("docker info").stdout().strip();
        assertEquals(cpus, robot.lookup("#dashboard-cpus").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#dashboard-kernel").queryAs(Label.class).getText().isBlank());
        assertFalse(robot.lookup("#dashboard-storage").queryAs(Label.class).getText().isBlank());
        assertTrue(robot.lookup("#dashboard-memory").queryAs(Label.class).getText().endsWith("iB"));

        String images = DOCKERD.docker("info", "--format", "{{.Images}}").requireSuccess("docker info").stdout().strip();
        DesktopFixture.await(UiSteps.WAIT,
                () -> robot.lookup("#dashboard-count-images").queryAs(Label.class).getText().equals(images));
        // the test image is imported busybox: its size is on the images line of disk usage
        Label imagesSize = DesktopFixture.await(UiSteps.WAIT,
                () -> robot.lookup("#dashboard-df-images-size").tryQueryAs(Label.class).orElse(null));
        assertTrue(imagesSize.getText().endsWith("MB"), imagesSize.getText());
        robot.lookup("#dashboard-df-build-cache-size").queryAs(Label.class);
    }

    @Test
    void aContainerCreatedWithTheCliShowsUpLiveInEventsAndCounts(FxRobot robot) {
        app.awaitSession();
        TableView<EventRow> events = UiSteps.open(robot, "dashboard", "dashboard-events");
        Label stopped = DesktopFixture.await(UiSteps.WAIT,
                () -> robot.lookup("#dashboard-count-stopped").tryQueryAs(Label.class).orElse(null));
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#dashboard-version").tryQuery().isPresent());
        int before = Integer.parseInt(stopped.getText());

        DOCKERD.docker("create", "--name", container, Dockerd.BUSYBOX, "true").requireSuccess("docker create");

        EventRow created = UiSteps.awaitRow(events, r -> r.object().equals(container) && r.action().equals("create"));
        assertEquals("container", created.type());
        assertEquals(Dockerd.BUSYBOX, created.detail());
        assertEquals(created, events.getItems().get(0), "newest first");
        DesktopFixture.await(UiSteps.WAIT, () -> Integer.parseInt(stopped.getText()) == before + 1);
    }
}
