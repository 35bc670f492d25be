package dev.berth.desktop.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;

/** The containers page of the whole app, driven with the robot, against the real test dockerd. */
@ExtendWith(ApplicationExtension.class)
class ContainersPageTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestEngine DOCKERD = TestEngines.current();
    private static String early;

    private final String prefix = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();
    private DesktopFixture app;

    @BeforeAll
    static void createOneBeforeTheAppOpens() {
        early = "berth-ui-early-" + UUID.randomUUID().toString().substring(0, 8);
        DOCKERD.docker("create", "--name", early, Dockerd.BUSYBOX, "sleep", "300").requireSuccess("docker create");
    }

    @AfterAll
    static void removeIt() {
        DOCKERD.docker("rm", "-f", early);
    }

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        app.close();
        for (String name : created) {
            DOCKERD.docker("rm", "-f", name);
        }
    }

    @Test
    void listsAContainerCreatedBeforeTheAppOpened(FxRobot robot) {
        app.awaitSession();
        awaitState(early, "created");
        robot.lookup("#containers-table .table-cell").match(LabeledMatchers.hasText(early)).query();
    }

    @Test
    void aContainerRunFromOutsideTheAppAppearsLiveAsRunning(FxRobot robot) {
        app.awaitSession();
        awaitState(early, "created");
        String name = run("live");
        awaitState(name, "running");
        DesktopFixture.await(WAIT, () -> robot.lookup("#containers-table .state-cell")
                .match((TableCell<?, ?> c) -> c.getTableRow() != null && c.getTableRow().getItem() != null
                        && name.equals(((ContainerRow) c.getTableRow().getItem()).name())
                        && "running".equals(c.getText())
                        && c.getPseudoClassStates().contains(PseudoClass.getPseudoClass("running")))
                .tryQuery().isPresent());
        // usage figures arrive from the periodic one-shot stats: memory at once, CPU % from the second sample
        ContainerRow row = DesktopFixture.await(WAIT, () -> table(robot).getItems().stream()
                .filter(r -> name.equals(r.name())).findFirst().orElse(null));
        DesktopFixture.await(WAIT, () -> row.memoryBytesProperty().get() != null
                && row.cpuPercentProperty().get() != null);
        assertTrue(row.memoryBytesProperty().get() > 0, "memory in use");
        DOCKERD.docker("stop", name).requireSuccess("docker stop");
        awaitState(name, "exited");
        DOCKERD.docker("rm", name).requireSuccess("docker rm");
        DesktopFixture.await(WAIT, () -> names().stream().noneMatch(name::equals));
    }

    @Test
    void searchAndStateFilterNarrowTheRows(FxRobot robot) {
        String running = run("web");
        String stopped = create("db");
        app.awaitSession();
        awaitState(running, "running");
        awaitState(stopped, "created");

        robot.clickOn(cell(robot, early));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        DesktopFixture.await(WAIT, () -> robot.lookup("#containers-search").queryAs(TextField.class).isFocused());
        robot.write(prefix);
        DesktopFixture.await(WAIT, () -> Set.copyOf(names()).equals(Set.of(running, stopped)));

        chooseState(robot, "Running");
        DesktopFixture.await(WAIT, () -> names().equals(List.of(running)));
        chooseState(robot, "Created");
        DesktopFixture.await(WAIT, () -> names().equals(List.of(stopped)));
        chooseState(robot, "All");
        robot.clickOn("#containers-search").type(KeyCode.ESCAPE);
        DesktopFixture.await(WAIT, () -> names().containsAll(List.of(early, running, stopped)));
        robot.write(stopped.substring(stopped.length() - 6));
        DesktopFixture.await(WAIT, () -> names().equals(List.of(stopped)));
    }

    @Test
    void theSelectionSurvivesSearchingAsLongAsItMatches(FxRobot robot) {
        String name = create("keep");
        create("other");
        app.awaitSession();
        awaitState(name, "created");
        robot.clickOn(cell(robot, name));
        robot.clickOn("#containers-search").write(prefix);
        DesktopFixture.await(WAIT, () -> names().size() == 2);
        assertEquals(List.of(name), table(robot).getSelectionModel().getSelectedItems().stream()
                .map(ContainerRow::name).collect(Collectors.toList()));
        assertFalse(robot.lookup("#containers-start").query().isDisabled(), "actions still apply to it");
    }

    @Test
    void groupingShowsEachComposeProjectUnderItsHeader(FxRobot robot) {
        String project = prefix + "-stack";
        String web = createInProject("web", project);
        String db = createInProject("db", project);
        String lone = create("lone");
        app.awaitSession();
        awaitState(lone, "created");
        robot.clickOn("#containers-search").write(prefix);
        robot.clickOn("#containers-group");
        DesktopFixture.await(WAIT, () -> rowsShown().equals(List.of("[" + project + "]", db, web, "[]", lone))
                || rowsShown().equals(List.of("[" + project + "]", web, db, "[]", lone)));
        robot.clickOn(robot.lookup("#containers-table .table-cell")
                .match(LabeledMatchers.hasText(project + " (2)")).<Node>query());
        DesktopFixture.await(WAIT, () -> rowsShown().equals(List.of("[" + project + "]", "[]", lone)));
        robot.clickOn("#containers-group");
        DesktopFixture.await(WAIT, () -> names().size() == 3);
    }

    @Test
    void toolbarActionsChangeTheRealContainer(FxRobot robot) {
        String name = create("life");
        app.awaitSession();
        awaitState(name, "created");
        robot.clickOn(cell(robot, name));

        robot.clickOn("#containers-start");
        awaitEngineState(name, "running");
        awaitState(name, "running");
        robot.clickOn("#containers-pause");
        awaitEngineState(name, "paused");
        awaitState(name, "paused");
        robot.clickOn("#containers-unpause");
        awaitEngineState(name, "running");
        awaitState(name, "running");
        robot.clickOn("#containers-stop");
        awaitEngineState(name, "exited");
        awaitState(name, "exited");
        assertTrue(robot.lookup("#containers-stop").query().isDisabled(), "nothing left to stop");
    }

    @Test
    void removeAsksForConfirmationFirst(FxRobot robot) {
        String name = run("rm");
        app.awaitSession();
        awaitState(name, "running");
        robot.clickOn(cell(robot, name));

        robot.type(KeyCode.DELETE);
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isPresent());
        robot.clickOn("#confirm-remove-cancel");
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isEmpty());
        assertEquals("running", engineState(name), "cancel leaves it alone");

        robot.clickOn("#containers-remove");
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isPresent());
        robot.clickOn("#confirm-remove-force").clickOn("#confirm-remove-ok");
        DesktopFixture.await(WAIT, () -> engineState(name) == null);
        DesktopFixture.await(WAIT, () -> names().stream().noneMatch(name::equals));
    }

    @Test
    void removingARunningContainerWithoutForceShowsTheEnginesMessage(FxRobot robot) {
        String name = run("noforce");
        app.awaitSession();
        awaitState(name, "running");
        robot.clickOn(cell(robot, name)).clickOn("#containers-remove");
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isPresent());
        robot.clickOn("#confirm-remove-ok");
        Notifier.Notice notice = DesktopFixture.await(WAIT, () -> app.context().notifier().notices().stream()
                .filter(n -> n.kind() == Notifier.Kind.ERROR).findFirst().orElse(null));
        assertTrue(notice.text().startsWith("Remove " + name + " failed: "), notice.text());
        assertTrue(notice.text().toLowerCase().contains("running"), notice.text());
        assertEquals("running", engineState(name));
    }

    @Test
    void bulkStopOfTwoSelectedContainers(FxRobot robot) {
        String one = run("bulk1");
        String two = run("bulk2");
        app.awaitSession();
        awaitState(one, "running");
        awaitState(two, "running");
        robot.clickOn(cell(robot, one));
        robot.press(KeyCode.CONTROL).clickOn(cell(robot, two)).release(KeyCode.CONTROL);
        DesktopFixture.await(WAIT, () -> table(robot).getSelectionModel().getSelectedItems().size() == 2);

        robot.clickOn("#containers-stop");
        awaitEngineState(one, "exited");
        awaitEngineState(two, "exited");
        awaitState(one, "exited");
        awaitState(two, "exited");
        DesktopFixture.await(WAIT, () -> app.context().notifier().notices().stream()
                .anyMatch(n -> n.kind() == Notifier.Kind.INFO && n.text().equals("Stopped 2 containers")));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private String create(String suffix) {
        String name = prefix + "-" + suffix;
        created.add(name);
        DOCKERD.docker("create", "--name", name, "--stop-timeout", "1", Dockerd.BUSYBOX, "sleep", "300")
                .requireSuccess("docker create");
        return name;
    }

    private String run(String suffix) {
        String name = prefix + "-" + suffix;
        created.add(name);
        DOCKERD.docker("run", "-d", "--name", name, "--stop-timeout", "1", Dockerd.BUSYBOX, "sleep", "300")
                .requireSuccess("docker run");
        return name;
    }

    /** Picks from the state filter's popup (the table has a "Created" column header too). */
    private void chooseState(FxRobot robot, String state) {
        robot.clickOn("#containers-state-filter");
        Node item = DesktopFixture.await(WAIT, () -> robot.lookup(".combo-box-popup .list-cell")
                .match(LabeledMatchers.hasText(state)).tryQuery().orElse(null));
        robot.clickOn(item);
    }

    private String createInProject(String suffix, String project) {
        String name = prefix + "-" + suffix;
        created.add(name);
        DOCKERD.docker("create", "--name", name, "--label", ContainerRow.PROJECT_LABEL + "=" + project,
                Dockerd.BUSYBOX, "sleep", "300").requireSuccess("docker create");
        return name;
    }

    /** Rows as shown, group headers as "[project]". */
    private List<String> rowsShown() {
        TableView<ContainerRow> table = new FxRobot().lookup("#containers-table").queryTableView();
        return table.getItems().stream().map(r -> r.isHeader() ? "[" + r.project() + "]" : r.name())
                .collect(Collectors.toList());
    }

    private TableView<ContainerRow> table(FxRobot robot) {
        return robot.lookup("#containers-table").queryTableView();
    }

    /** Names of the rows the table shows now. */
    private List<String> names() {
        TableView<ContainerRow> table = new FxRobot().lookup("#containers-table").queryTableView();
        return table.getItems().stream().filter(r -> !r.isHeader()).map(ContainerRow::name)
                .collect(Collectors.toList());
    }

    private void awaitState(String name, String state) {
        DesktopFixture.await(WAIT, () -> {
            TableView<ContainerRow> table = new FxRobot().lookup("#containers-table").queryTableView();
            return table.getItems().stream().anyMatch(r -> name.equals(r.name()) && state.equals(r.state()));
        });
    }

    private Node cell(FxRobot robot, String name) {
        return DesktopFixture.await(WAIT, () -> robot.lookup("#containers-table .table-cell")
                .match(LabeledMatchers.hasText(name)).tryQuery().orElse(null));
    }

    private EngineClient client() {
        return app.awaitSession().client();
    }

    /** The state the engine reports, or null when the container does not exist. */
    private String engineState(String name) {
        try {
            return client().containers().inspect(name).state().status();
        } catch (EngineApiException.NotFound e) {
            return null;
        }
    }

    private void awaitEngineState(String name, String state) {
        DesktopFixture.await(WAIT, () -> state.equals(engineState(name)));
    }
}
