package dev.berth.desktop.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/**
 * The details below the table, with stand-in tabs: which container they are opened for, that they open lazily, and
 * that every way of leaving (close button, Escape, another container, hiding the page) closes them.
 */
@ExtendWith(ApplicationExtension.class)
class ContainerDetailsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestEngine DOCKERD = TestEngines.current();

    private final String prefix = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<FakeTab> made = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private DesktopFixture app;
    private ContainersPage page;
    private Stage pageStage;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    /** The page on its own window, with tabs this test can see into. */
    @BeforeEach
    void openPage(FxRobot robot) {
        EngineSession session = app.awaitSession();
        robot.interact(() -> {
            page = new ContainersPage(app.context().background(), app.context().notifier(), () -> {
                List<ContainerDetailTab> tabs = List.of(new FakeTab("logs"), new FakeTab("stats"));
                tabs.forEach(t -> made.add((FakeTab) t));
                return tabs;
            });
            pageStage = new Stage();
            pageStage.setScene(new Scene((javafx.scene.Parent) page.view(), 1200, 800));
            pageStage.show();
            page.show(session);
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            page.hide();
            pageStage.close();
        });
        app.close();
        created.forEach(n -> DOCKERD.docker("rm", "-f", n));
    }

    @Test
    void enterOpensTheTabsForThatContainerAndEachTabOpensWhenFirstShown(FxRobot robot) {
        String name = create("one");
        String id = DOCKERD.docker("inspect", "-f", "{{.Id}}", name).stdout().strip();
        robot.clickOn(cell(robot, name)).type(KeyCode.ENTER);

        DesktopFixture.await(WAIT, () -> made.size() == 2 && made.get(0).opens == 1);
        assertEquals(id, made.get(0).openedWith);
        assertEquals(0, made.get(1).opens, "a tab nobody looked at starts nothing");
        TabPane tabs = robot.from(page.view()).lookup("#container-detail-tabs").queryAs(TabPane.class);
        assertEquals(2, tabs.getTabs().size());
        assertTrue(robot.from(page.view()).lookup("#detail-logs").tryQuery().isPresent());

        robot.clickOn(robot.from(page.view()).lookup("Fake stats").<Node>query());
        DesktopFixture.await(WAIT, () -> made.get(1).opens == 1);
        assertEquals(id, made.get(1).openedWith);

        robot.clickOn(robot.from(page.view()).lookup("#container-details-close").queryButton());
        DesktopFixture.await(WAIT, () -> made.get(0).closed && made.get(1).closed);
        assertTrue(robot.from(page.view()).lookup("#container-details").tryQuery().isEmpty());
    }

    @Test
    void anotherContainerGetsFreshTabsAndKeepsTheChosenTab(FxRobot robot) {
        String first = create("first");
        String second = create("second");
        robot.doubleClickOn(cell(robot, first));
        DesktopFixture.await(WAIT, () -> made.size() == 2);
        robot.clickOn(robot.from(page.view()).lookup("Fake stats").<Node>query());
        DesktopFixture.await(WAIT, () -> made.get(1).opens == 1);

        // on a loaded machine a double click can land as two single clicks: try again rather than fail
        for (int attempt = 0; attempt < 3 && made.size() < 4; attempt++) {
            robot.doubleClickOn(cell(robot, second));
            DesktopFixture.awaitQuietly(java.time.Duration.ofSeconds(7), () -> made.size() == 4);
        }
        DesktopFixture.await(WAIT, () -> made.size() == 4 && made.get(3).opens == 1);
        assertTrue(made.get(0).closed && made.get(1).closed, "the first container's tabs are closed");
        assertEquals(0, made.get(2).opens, "the stats tab stayed selected, so logs did not open");
        assertEquals(DOCKERD.docker("inspect", "-f", "{{.Id}}", second).stdout().strip(), made.get(3).openedWith);

        robot.type(KeyCode.ESCAPE);
        DesktopFixture.await(WAIT, () -> made.get(2).closed && made.get(3).closed);
    }

    @Test
    void hidingThePageClosesTheTabs(FxRobot robot) {
        String name = create("hide");
        robot.doubleClickOn(cell(robot, name));
        DesktopFixture.await(WAIT, () -> made.size() == 2 && made.get(0).opens == 1);
        robot.interact(page::hide);
        assertTrue(made.get(0).closed && made.get(1).closed);
        assertFalse(robot.from(page.view()).lookup("#container-details").tryQuery().isPresent());
        robot.interact(() -> page.show(app.awaitSession()));
    }

    @Test
    void removingTheOpenedContainerClosesItsDetails(FxRobot robot) {
        String name = create("gone");
        robot.doubleClickOn(cell(robot, name));
        DesktopFixture.await(WAIT, () -> made.size() == 2 && made.get(0).opens == 1);
        DOCKERD.docker("rm", name).requireSuccess("docker rm");
        DesktopFixture.await(WAIT, () -> made.get(0).closed);
        assertNull(page.model().row(made.get(0).openedWith));
    }

    private String create(String suffix) {
        String name = prefix + "-" + suffix;
        created.add(name);
        DOCKERD.docker("create", "--name", name, Dockerd.BUSYBOX, "sleep", "300").requireSuccess("docker create");
        return name;
    }

    private Node cell(FxRobot robot, String name) {
        return DesktopFixture.await(WAIT, () -> robot.from(page.view()).lookup("#containers-table .table-cell")
                .match(LabeledMatchers.hasText(name)).tryQuery().orElse(null));
    }

    /** Records what the details pane does with it. */
    private static final class FakeTab implements ContainerDetailTab {

        private final String id;
        private final Label view = new Label();
        private int opens;
        private String openedWith;
        private boolean closed;

        FakeTab(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String title() {
            return "Fake " + id;
        }

        @Override
        public Node view() {
            return view;
        }

        @Override
        public void open(EngineSession session, String containerId) {
            opens++;
            openedWith = containerId;
            view.setText("showing " + containerId);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
