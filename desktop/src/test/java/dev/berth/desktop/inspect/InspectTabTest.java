package dev.berth.desktop.inspect;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class InspectTabTest {

    private DesktopFixture app;
    private Stage stage;
    private InspectTab tab;
    private String container;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        if (tab != null) {
            robot.interact(tab::close);
        }
        if (container != null) {
            app.dockerd().docker("rm", "-f", container);
        }
        // on the FX thread, so the event feed's last batch is delivered before the background pool shuts down
        robot.interact(app::close);
    }

    @Test
    void showsTheInspectJsonAsASearchableTreeAndAsRawText(FxRobot robot) throws Exception {
        String marker = "BERTH_MARKER=" + UUID.randomUUID().toString().substring(0, 8);
        container = app.dockerd().docker("run", "-d", "--name", "berth-ui-" + UUID.randomUUID().toString().substring(0, 8),
                "-e", marker, Dockerd.BUSYBOX, "sleep", "600").requireSuccess("run").stdout().trim();
        tab = app.host(() -> new InspectTab(app.context().background(), app.context().notifier()),
                container.substring(0, 12));

        @SuppressWarnings("unchecked")
        TreeView<JsonEntry> tree = robot.lookup("#inspect-tree").queryAs(TreeView.class);
        TreeItem<JsonEntry> id = DesktopFixture.await(Duration.ofSeconds(15), () -> tree.getRoot() == null ? null
                : tree.getRoot().getChildren().stream().filter(i -> "Id".equals(i.getValue().key())).findFirst()
                .orElse(null));
        assertEquals(container, id.getValue().node().asText());
        assertTrue(tree.getRow(id) >= 0, "top-level keys are visible");

        // search expands down to Config.Env and selects the value
        robot.clickOn("#inspect-search").write(marker.substring(13));
        TreeItem<JsonEntry> env = DesktopFixture.await(Duration.ofSeconds(5),
                () -> tree.getSelectionModel().getSelectedItem());
        assertEquals(marker, env.getValue().node().asText());
        assertTrue(env.getValue().path().startsWith("Config.Env["), env.getValue().path());
        assertTrue(env.getParent().isExpanded() && env.getParent().getParent().isExpanded());
        assertTrue(tree.getRow(env) >= 0, "the match is shown");
        assertEquals("1 of 1", robot.lookup("#inspect-matches").queryLabeled().getText());

        robot.clickOn("#inspect-show-raw");
        TextArea raw = robot.lookup("#inspect-raw").queryAs(TextArea.class);
        assertTrue(raw.isVisible() && !tree.isVisible());
        assertTrue(raw.getText().contains("\"Id\": \"" + container + "\""), "pretty-printed like docker inspect");
        assertTrue(raw.getText().contains("\"" + marker + "\""));
        assertEquals(marker.substring(13), raw.getSelectedText(), "search selects the occurrence in the raw text");
        assertTrue(!raw.isEditable());

        robot.clickOn("#inspect-copy");
        String copied = DesktopFixture.await(Duration.ofSeconds(5), () -> Clipboard.getSystemClipboard().getString());
        JsonNode json = new ObjectMapper().readTree(copied);
        assertEquals(container, json.path("Id").asText());

        robot.clickOn("#inspect-show-tree");
        robot.clickOn("#inspect-search").push(KeyCode.CONTROL, KeyCode.A).write("restartcount");
        TreeItem<JsonEntry> restartCount = DesktopFixture.await(Duration.ofSeconds(5), () -> {
            TreeItem<JsonEntry> s = tree.getSelectionModel().getSelectedItem();
            return s != null && "RestartCount".equals(s.getValue().key()) ? s : null;
        });
        assertEquals(0, restartCount.getValue().node().asInt());
    }
}
