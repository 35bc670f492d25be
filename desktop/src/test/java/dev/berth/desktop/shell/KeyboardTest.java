package dev.berth.desktop.shell;


import dev.berth.desktop.containers.ContainerRow;
import dev.berth.desktop.images.ImageRow;
import dev.berth.desktop.networks.NetworkRow;
import dev.berth.desktop.ports.PortRow;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static dev.berth.desktop.testing.DesktopFixture.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole app driven by the keyboard alone, against the real test dockerd: page shortcuts, Ctrl+F on every page,
 * the container and image shortcuts, Enter for details, Delete with its confirmation, the palette's shortcuts.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private DesktopFixture app;
    private String network;
    private String image;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        try {
            app.tearDown();
        } finally {
            if (network != null) {
                app.dockerd().docker("network", "rm", network);
            }
            if (image != null) {
                app.dockerd().docker("rmi", image);
            }
        }
    }

    @Test
    void ctrlDigitsGoToThePagesAndCtrlFFindsEachPagesSearchFromAnywhere(FxRobot robot) {
        app.awaitSession();
        String[] searches = {"dashboard-events-search", "containers-search", "images-search", "networks-search",
                "volumes-search", "ports-search"};
        for (int i = 0; i < searches.length; i++) {
            String id = searches[i];
            press(robot, KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + (i + 1)));
            Node field = DesktopFixture.await(WAIT, () -> robot.lookup("#" + id).tryQuery()
                    .filter(n -> n.getScene() != null).orElse(null));
            // the focus is elsewhere, in the sidebar: Ctrl+F still finds the page's search
            robot.interact(() -> robot.lookup("#engines-list").query().requestFocus());
            assertFalse(field.isFocused());
            press(robot, KeyCode.CONTROL, KeyCode.F);
            DesktopFixture.await(WAIT, field::isFocused);
        }
    }

    @Test
    void containersAreStartedPausedStoppedOpenedAndRemovedByKeyboard(FxRobot robot) {
        String name = app.container("create", Dockerd.BUSYBOX, "sleep", "300");
        TableView<ContainerRow> table = selectContainer(robot, name);

        press(robot, KeyCode.CONTROL, KeyCode.S);
        awaitState(name, "running");
        press(robot, KeyCode.CONTROL, KeyCode.P);
        awaitState(name, "paused");
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P);
        awaitState(name, "running");
        String started = startedAt(name);
        press(robot, KeyCode.CONTROL, KeyCode.R);
        DesktopFixture.await(WAIT, () -> !startedAt(name).equals(started) && "running".equals(state(name)));
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S);
        awaitState(name, "exited");

        robot.type(KeyCode.ENTER);
        Label title = DesktopFixture.await(WAIT, () -> robot.lookup("#container-details-title").tryQueryAs(Label.class)
                .filter(l -> l.getScene() != null && name.equals(l.getText())).orElse(null));
        robot.type(KeyCode.ESCAPE);
        DesktopFixture.await(WAIT, () -> title.getScene() == null);

        press(robot, KeyCode.CONTROL, KeyCode.C);
        assertEquals(name, clipboard());

        robot.type(KeyCode.DELETE);
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isPresent());
        robot.type(KeyCode.ENTER); // Enter right after Delete is Cancel
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isEmpty());
        assertEquals("exited", state(name), "Enter cancelled the removal");

        robot.type(KeyCode.DELETE);
        DesktopFixture.await(WAIT, () -> robot.lookup("#confirm-remove").tryQuery().isPresent());
        tabTo(robot, "#confirm-remove-ok");
        robot.type(KeyCode.SPACE);
        DesktopFixture.await(WAIT, () -> app.dockerd().docker("inspect", name).exitCode() != 0);
        DesktopFixture.await(WAIT, () -> table.getItems().stream().noneMatch(r -> name.equals(r.name())));
    }

    @Test
    void thePaletteShowsEachCommandsShortcutAndRunsIt(FxRobot robot) {
        String name = app.container("create", Dockerd.BUSYBOX, "sleep", "300");
        selectContainer(robot, name);

        press(robot, KeyCode.CONTROL, KeyCode.K);
        DesktopFixture.await(WAIT, () -> robot.lookup("#palette-search").tryQuery().map(Node::isFocused).orElse(false));
        robot.write("start selected");
        @SuppressWarnings("unchecked")
        ListView<PaletteCommand> list = robot.lookup("#palette-list").queryAs(ListView.class);
        DesktopFixture.await(WAIT, () -> list.getSelectionModel().getSelectedItem() != null
                && list.getSelectionModel().getSelectedItem().title().equals("Start selected containers"));
        assertEquals("Ctrl+S", list.getSelectionModel().getSelectedItem().shortcutText());
        DesktopFixture.await(WAIT, () -> robot.from(list).lookup(".palette-shortcut").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().equals("Ctrl+S") && l.isVisible()));
        robot.type(KeyCode.ENTER);
        awaitState(name, "running");

        // the same palette lists every page with its Ctrl+digit and goes there
        press(robot, KeyCode.CONTROL, KeyCode.K);
        focusWindowOf(robot, "#palette-search");
        robot.write("go to volumes");
        @SuppressWarnings("unchecked")
        ListView<PaletteCommand> again = robot.lookup("#palette-list").queryAs(ListView.class);
        try {
            DesktopFixture.await(WAIT, () -> again.getSelectionModel().getSelectedItem() != null
                    && "Ctrl+5".equals(again.getSelectionModel().getSelectedItem().shortcutText()));
        } catch (AssertionError e) {
            throw new AssertionError("palette shows " + again.getItems().stream()
                    .map(c -> c.title() + " [" + c.shortcutText() + "]").toList(), e);
        }
        robot.type(KeyCode.ENTER);
        table(robot, "volumes-table");
    }

    @Test
    void imagesShowHistoryTagCopyAndRemoveByKeyboard(FxRobot robot) {
        image = "berth-kbd-" + suffix + ":v1";
        app.awaitSession();
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT3);
        TableView<ImageRow> table = table(robot, "images-table");
        selectBySearch(robot, "images-search", Dockerd.BUSYBOX, table, ImageRow::reference);

        robot.type(KeyCode.ENTER);
        DesktopFixture.await(WAIT, () -> robot.lookup("#history-dialog").tryQuery().isPresent());
        robot.type(KeyCode.ESCAPE);
        DesktopFixture.await(WAIT, () -> robot.lookup("#history-dialog").tryQuery().isEmpty());

        press(robot, KeyCode.CONTROL, KeyCode.T);
        DesktopFixture.await(WAIT, () -> robot.lookup("#tag-target").tryQuery().map(Node::isFocused).orElse(false));
        focusWindowOf(robot, "#tag-target");
        press(robot, KeyCode.CONTROL, KeyCode.A);
        robot.write(image).type(KeyCode.ENTER);
        DesktopFixture.await(WAIT, () -> app.dockerd().docker("image", "inspect", image).exitCode() == 0);

        selectBySearch(robot, "images-search", "berth-kbd-" + suffix, table, ImageRow::reference);
        press(robot, KeyCode.CONTROL, KeyCode.C);
        assertEquals(image, clipboard());

        robot.type(KeyCode.DELETE);
        focusWindowOf(robot, "#remove-dialog");
        robot.type(KeyCode.ENTER); // Cancel, as for containers
        DesktopFixture.await(WAIT, () -> robot.lookup("#remove-dialog").tryQuery().isEmpty());
        assertTrue(app.dockerd().docker("image", "inspect", image).exitCode() == 0, "Enter cancelled the removal");

        robot.type(KeyCode.DELETE);
        focusWindowOf(robot, "#remove-dialog");
        tabTo(robot, "#remove-confirm");
        robot.type(KeyCode.SPACE);
        DesktopFixture.await(WAIT, () -> app.dockerd().docker("image", "inspect", image).exitCode() != 0);
        image = null;
    }

    @Test
    void enterInspectsANetworkAndOpensAPortsContainer(FxRobot robot) throws Exception {
        network = "berth-kbd-" + suffix;
        app.dockerd().docker("network", "create", network).requireSuccess("docker network create");
        // --bridge=none leaves no default bridge: a published port needs a user-defined network
        String web = app.container("run", "-d", "--network", network, "-p", "127.0.0.1::80", Dockerd.BUSYBOX,
                "httpd", "-f", "-p", "80");
        app.awaitSession();

        press(robot, KeyCode.CONTROL, KeyCode.DIGIT4);
        TableView<NetworkRow> networks = table(robot, "networks-table");
        selectBySearch(robot, "networks-search", network, networks, r -> r.nameProperty().get());
        press(robot, KeyCode.CONTROL, KeyCode.C);
        assertEquals(network, clipboard());
        robot.type(KeyCode.ENTER);
        TextArea json = DesktopFixture.await(WAIT, () -> robot.lookup("#network-details-json")
                .tryQueryAs(TextArea.class).filter(t -> t.getText().contains("\"Driver\"")).orElse(null));
        assertTrue(json.getText().contains("\"" + network + "\""), json.getText());
        robot.type(KeyCode.ESCAPE);
        DesktopFixture.await(WAIT, () -> robot.lookup("#network-details").tryQuery().isEmpty());

        press(robot, KeyCode.CONTROL, KeyCode.DIGIT6);
        TableView<PortRow> ports = table(robot, "ports-table");
        selectBySearch(robot, "ports-search", web, ports, r -> r.containerProperty().get());
        robot.type(KeyCode.ENTER);
        DesktopFixture.await(WAIT, () -> robot.lookup("#container-details-title").tryQueryAs(Label.class)
                .filter(l -> l.getScene() != null && web.equals(l.getText())).isPresent());
        assertTrue(robot.lookup("#containers-table").tryQuery().map(n -> n.getScene() != null).orElse(false),
                "the Containers page is shown");
    }

    @Test
    void ctrlNOpensTheRunWizard(FxRobot robot) {
        app.awaitSession();
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT1);
        press(robot, KeyCode.CONTROL, KeyCode.N);
        Node wizard = DesktopFixture.await(WAIT, () -> robot.lookup("#run-wizard").tryQuery().orElse(null));
        Window window = wizard.getScene().getWindow();
        assertTrue(((Stage) window).getTitle().startsWith("Run a container on"), ((Stage) window).getTitle());
        robot.interact(() -> ((Stage) window).close());
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    /**
     * Points the robot's typing at the window of this node: TestFX types characters into its target window, which
     * stays the main window when a second dialog opens (both report being focused under Monocle).
     */
    private static void focusWindowOf(FxRobot robot, String query) {
        Node node = DesktopFixture.await(WAIT, () -> robot.lookup(query).tryQuery().orElse(null));
        robot.targetWindow(node.getScene().getWindow());
    }

    /** Ctrl+2, then the container selected by searching for it. */
    private TableView<ContainerRow> selectContainer(FxRobot robot, String name) {
        app.awaitSession();
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        TableView<ContainerRow> table = table(robot, "containers-table");
        selectBySearch(robot, "containers-search", name, table, ContainerRow::name);
        return table;
    }

    /** Ctrl+F, the text, Down: the only matching row is selected and the table has the focus. */
    private <R> void selectBySearch(FxRobot robot, String searchId, String text, TableView<R> table,
                                    java.util.function.Function<R, String> key) {
        robot.targetWindow(table.getScene().getWindow());
        press(robot, KeyCode.CONTROL, KeyCode.F);
        DesktopFixture.await(WAIT, () -> robot.lookup("#" + searchId).query().isFocused());
        press(robot, KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        DesktopFixture.await(WAIT, () -> table.getItems().size() >= 1
                && table.getItems().stream().allMatch(r -> key.apply(r).contains(text)));
        robot.type(KeyCode.DOWN);
        DesktopFixture.await(WAIT, () -> table.isFocused() && table.getSelectionModel().getSelectedItem() != null
                && key.apply(table.getSelectionModel().getSelectedItem()).contains(text));
    }

    private static <R> TableView<R> table(FxRobot robot, String id) {
        return DesktopFixture.await(WAIT, () -> {
            @SuppressWarnings("unchecked")
            TableView<R> t = robot.lookup("#" + id).tryQueryAs(TableView.class).orElse(null);
            return t != null && t.getScene() != null ? t : null;
        });
    }

    /** Tab until the button with this id has the focus (a dialog's buttons come after its fields). */
    private static void tabTo(FxRobot robot, String query) {
        Button button = DesktopFixture.await(WAIT, () -> robot.lookup(query).tryQueryAs(Button.class).orElse(null));
        for (int i = 0; i < 8 && !button.isFocused(); i++) {
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertTrue(button.isFocused(), query + " never got the focus");
    }



    private static String clipboard() {
        try {
            return WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String state(String name) {
        return app.dockerd().docker("inspect", "-f", "{{.State.Status}}", name).stdout().strip();
    }

    private String startedAt(String name) {
        return app.dockerd().docker("inspect", "-f", "{{.State.StartedAt}}", name).stdout().strip();
    }

    private void awaitState(String name, String state) {
        try {
            DesktopFixture.await(WAIT, () -> state.equals(state(name)));
        } catch (AssertionError e) {
            throw new AssertionError(name + " never became " + state + " but is " + state(name), e);
        }
    }
}
