package dev.berth.desktop.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.monitor.TrafficSource;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The API traffic page on the real test dockerd: the app's own calls, filter, detail, HAR export, and the proxy. */
@ExtendWith(ApplicationExtension.class)
class MonitorPageTest {

    private DesktopFixture app;
    private Path dir;

    @Start
    void start(Stage stage) throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-ui-mon-");
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() throws IOException {
        app.tearDown();
        TestDirs.delete(dir);
    }

    private static boolean isCall(TrafficRow row, String method, String pathRegex) {
        return row.method().equals(method) && row.path().matches("/v1\\.\\d+" + pathRegex);
    }

    @Test
    void showsTheAppsCallsFiltersShowsTheJsonAndExportsHar(FxRobot robot) throws IOException {
        String container = app.container("create", Dockerd.BUSYBOX, "true");
        app.awaitSession();
        robot.clickOn("#nav-containers");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#containers-view").tryQuery().isPresent());
        TableView<TrafficRow> table = UiSteps.open(robot, "monitor", "monitor-table");

        TrafficRow list = UiSteps.awaitRow(table, r -> isCall(r, "GET", "/containers/json.*") && r.status().equals("200"));
        assertEquals(TrafficSource.APP, list.record().source());
        assertEquals("app", list.source());
        assertTrue(list.latency().endsWith(" ms"), list.latency());
        // the containers page follows the engine's events: that stream shows while it is open
        TrafficRow events = UiSteps.awaitRow(table, r -> isCall(r, "GET", "/events.*"));
        assertEquals("200, open", events.status());

        // a failing call of the app is recorded too
        String missing = "berth-ui-no-such-" + container;
        robot.interact(() -> app.context().background().submit("inspect", () -> {
            try {
                return app.awaitSession().client().containers().inspect(missing);
            } catch (EngineApiException expected) {
                return null;
            }
        }));
        UiSteps.awaitRow(table, r -> isCall(r, "GET", "/containers/" + missing + "/json") && r.status().equals("404"));

        int everything = table.getItems().size();
        UiSteps.replaceText(robot, "#monitor-filter", "containers/json 200");
        DesktopFixture.await(UiSteps.WAIT, () -> table.getItems().size() < everything);
        assertFalse(table.getItems().isEmpty());
        assertTrue(table.getItems().stream().allMatch(r -> r.path().contains("containers/json") && r.status().equals("200")),
                "the filter keeps only matching calls");

        TrafficRow shown = table.getItems().get(table.getItems().size() - 1);
        UiSteps.clickRow(robot, table, shown);
        TextArea response = robot.lookup("#monitor-response").queryAs(TextArea.class);
        DesktopFixture.await(UiSteps.WAIT, () -> response.getText().startsWith("HTTP/1.1 200"));
        assertTrue(response.getText().contains("Content-Type: application/json"), response.getText());
        assertTrue(response.getText().contains("\"Names\" : [ \"/" + container + "\" ]"),
                "the JSON body is pretty-printed: " + response.getText());
        TextArea request = robot.lookup("#monitor-request").queryAs(TextArea.class);
        assertTrue(request.getText().startsWith("GET " + shown.path() + " HTTP/1.1"), request.getText());

        robot.interact(() -> robot.lookup("#monitor-filter").queryAs(TextField.class).clear());
        robot.clickOn("#monitor-errors-only");
        DesktopFixture.await(UiSteps.WAIT, () -> !table.getItems().isEmpty()
                && table.getItems().stream().allMatch(r -> r.record().failed()));
        assertTrue(table.getItems().stream().anyMatch(r -> r.path().contains(missing)));
        int errors = table.getItems().size();

        Path har = dir.resolve("traffic.har");
        MonitorView view = robot.lookup("#monitor-view").queryAs(MonitorView.class);
        robot.interact(() -> view.setExportChooser(owner -> har));
        robot.clickOn("#monitor-export");
        DesktopFixture.await(UiSteps.WAIT, () -> Files.exists(har));
        JsonNode log = new ObjectMapper().readTree(har.toFile()).get("log");
        assertEquals("1.2", log.get("version").asText());
        assertEquals(errors, log.get("entries").size(), "only what the filter shows is exported");
        List<String> urls = new ArrayList<>();
        log.get("entries").forEach(e -> urls.add(e.get("request").get("url").asText()));
        assertTrue(urls.stream().anyMatch(u -> u.contains("/containers/" + missing + "/json")), urls.toString());
        JsonNode first = log.get("entries").get(0);
        assertTrue(first.get("response").get("status").asInt() >= 400 || first.has("_error"));
        assertEquals("app", first.get("_source").asText());
    }

    @Test
    void theProxyStartedFromThePageShowsTheCliCalls(FxRobot robot) {
        app.awaitSession();
        TableView<TrafficRow> table = UiSteps.open(robot, "monitor", "monitor-table");
        Label error = robot.lookup("#monitor-proxy-error").queryAs(Label.class);

        UiSteps.replaceText(robot, "#monitor-socket-path", "relative.sock");
        robot.clickOn("#monitor-proxy-start");
        DesktopFixture.await(UiSteps.WAIT, () -> error.getText().contains("must be absolute"));

        Path socket = dir.resolve("monitor.sock");
        UiSteps.replaceText(robot, "#monitor-socket-path", socket.toString());
        robot.clickOn("#monitor-proxy-start");
        TextField dockerHost = robot.lookup("#monitor-docker-host").queryAs(TextField.class);
        DesktopFixture.await(UiSteps.WAIT, () -> dockerHost.getText().equals("export DOCKER_HOST=unix://" + socket));
        assertEquals("", error.getText());
        assertTrue(Files.exists(socket));

        ProcessResult run = app.dockerd().dockerWith(Map.of("DOCKER_HOST", "unix://" + socket), null,
                "run", "--rm", Dockerd.BUSYBOX, "echo", "hi");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("hi\n", run.stdout());

        TrafficRow create = UiSteps.awaitRow(table, r -> r.record().source() == TrafficSource.PROXY
                && isCall(r, "POST", "/containers/create.*"));
        assertEquals("201", create.status());
        assertEquals("proxy", create.source());
        TrafficRow attach = UiSteps.awaitRow(table, r -> r.record().source() == TrafficSource.PROXY
                && isCall(r, "POST", "/containers/[0-9a-f]+/attach.*") && !r.record().open());
        assertEquals("101 hijacked", attach.status());

        robot.clickOn("#monitor-proxy-stop");
        DesktopFixture.await(UiSteps.WAIT, () -> !Files.exists(socket));
        assertEquals("", dockerHost.getText());
    }
}
