package dev.berth.desktop.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
 * The Ports page against the real test dockerd, whose published ports go through docker-proxy: a busybox web server
 * published on a random loopback port is listed with its container and state, answers HTTP and opens in the browser
 * at the right address; a second container wanting the same host port, or a stopped one whose port a program here
 * holds, is flagged; the host port check names the holder, this JVM or the container behind a docker-proxy.
 */
@ExtendWith(ApplicationExtension.class)
class PortsPageTest {

    private static final Duration WAIT = UiSteps.WAIT;
    private static final long ME = ProcessHandle.current().pid();

    private final String marker = "berth ports test " + UUID.randomUUID();
    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        app.tearDown();
    }

    /** A busybox httpd serving a page with {@link #marker}, published on a random loopback port; its name. */
    private String webServer() {
        return app.container("run", "-d", "-p", "127.0.0.1:0:80", Dockerd.BUSYBOX, "sh", "-c",
                "mkdir -p /www && echo '<h1>" + marker + "</h1>' > /www/index.html && exec httpd -f -p 80 -h /www");
    }

    private String published(String container) {
        String out = app.dockerd().docker("port", container, "80/tcp").requireSuccess("docker port").stdout().strip();
        assertTrue(out.startsWith("127.0.0.1:"), out);
        return out.lines().findFirst().orElseThrow();
    }

    @Test
    void aPublishedWebServerIsListedAnswersHttpAndOpensInTheBrowser(FxRobot robot) throws Exception {
        app.awaitSession();
        TableView<PortRow> ports = UiSteps.open(robot, "ports", "ports-table");
        String web = webServer();
        String host = published(web);

        PortRow row = UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(web)
                && r.hostProperty().get().equals(host) && r.stateProperty().get().equals("running")
                && r.httpProperty().get().startsWith("HTTP "));
        assertEquals("80/tcp", row.targetProperty().get());
        assertEquals("HTTP 200", row.httpProperty().get());
        assertEquals("", row.warningProperty().get());

        UiSteps.clickRow(robot, ports, row);
        DesktopFixture.press(robot, KeyCode.CONTROL, KeyCode.B);
        String url = "http://" + host + "/";
        DesktopFixture.await(WAIT, () -> app.openedInBrowser().contains(url));
        assertEquals(1, app.openedInBrowser().size(), app.openedInBrowser().toString());

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(marker), page.body());

        // the toolbar button does the same
        robot.clickOn("#ports-open-browser");
        DesktopFixture.await(WAIT, () -> app.openedInBrowser().size() == 2);
        assertEquals(url, app.openedInBrowser().get(1));
    }

    @Test
    void aSecondContainerWantingTheSameHostPortIsFlaggedOnBoth(FxRobot robot) {
        app.awaitSession();
        TableView<PortRow> ports = UiSteps.open(robot, "ports", "ports-table");
        String web = webServer();
        String host = published(web);
        String rival = app.container("create", "-p", host + ":80", Dockerd.BUSYBOX, "httpd", "-f", "-p", "80");

        PortRow waiting = UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(rival)
                && !r.warningProperty().get().isEmpty());
        assertEquals(host, waiting.hostProperty().get(), "a created container's wanted binding is listed");
        assertEquals("created", waiting.stateProperty().get());
        assertEquals("Host port " + host + "/tcp is also wanted by " + web + " (running): only one of them can have "
                + "it at a time.", waiting.warningProperty().get());
        PortRow running = UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(web)
                && r.warningProperty().get().contains(rival + " (created)"));
        assertEquals(host, running.hostProperty().get());

        // the badge is on screen, its tooltip telling the story
        robot.clickOn("#ports-search").write(rival);
        Label badge = DesktopFixture.await(WAIT, () -> robot.lookup(".ports-warning").tryQueryAs(Label.class)
                .filter(l -> l.getScene() != null).orElse(null));
        assertEquals("Conflict", badge.getText());
    }

    @Test
    void aStoppedContainerWhosePortAProgramHereHoldsIsFlaggedWithTheProgram(FxRobot robot) throws Exception {
        app.awaitSession();
        TableView<PortRow> ports = UiSteps.open(robot, "ports", "ports-table");
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            String waiting = app.container("create", "-p", "127.0.0.1:" + port + ":80", Dockerd.BUSYBOX, "true");
            PortRow row = UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(waiting)
                    && !r.warningProperty().get().isEmpty());
            assertEquals("127.0.0.1:" + port, row.hostProperty().get());
            String warning = row.warningProperty().get();
            assertTrue(warning.startsWith("Host port 127.0.0.1:" + port + "/tcp is taken on this machine by "), warning);
            assertTrue(warning.contains("(pid " + ME + ")"), warning);
        }
    }

    @Test
    @Tag(TestEngines.DOCKERD_ONLY) // Berth publishes through CNI portmap: no docker-proxy process holds the port
    void theHostPortCheckNamesThisProcessTheContainerBehindADockerProxyOrSaysFree(FxRobot robot) throws Exception {
        app.awaitSession();
        UiSteps.open(robot, "ports", "ports-table");
        String web = webServer();
        String host = published(web);
        int proxied = Integer.parseInt(host.substring(host.indexOf(':') + 1));

        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            UiSteps.replaceText(robot, "#ports-check-port", String.valueOf(port));
            UiSteps.replaceText(robot, "#ports-check-address", "127.0.0.1");
            robot.clickOn("#ports-check-run");
            String taken = awaitResult(robot, "is taken by");
            assertTrue(taken.startsWith("127.0.0.1:" + port + "/tcp is taken by "), taken);
            assertTrue(taken.contains("(pid " + ME + ")"), taken);
            String details = robot.lookup("#ports-check-details").queryLabeled().getText();
            assertTrue(details.contains("listening on 127.0.0.1:" + port), details);
        }

        UiSteps.replaceText(robot, "#ports-check-port", String.valueOf(proxied));
        robot.type(KeyCode.ENTER);
        String proxy = awaitResult(robot, "container ");
        assertTrue(proxy.contains("taken by container " + web + " (docker-proxy, pid "), proxy);

        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }
        UiSteps.replaceText(robot, "#ports-check-port", String.valueOf(free));
        robot.interact(() -> robot.lookup("#ports-check-protocol").queryAs(ComboBox.class).setValue("udp"));
        robot.clickOn("#ports-check-run");
        assertEquals("127.0.0.1:" + free + "/udp is free on this machine.", awaitResult(robot, "free"));

        UiSteps.replaceText(robot, "#ports-check-port", "70000");
        robot.clickOn("#ports-check-run");
        DesktopFixture.await(WAIT, () -> robot.lookup("#ports-check-problem").queryLabeled().getText()
                .equals("\"70000\" is not a port: enter a number from 1 to 65535."));
    }

    private static String awaitResult(FxRobot robot, String containing) {
        return DesktopFixture.await(WAIT, () -> {
            String text = robot.lookup("#ports-check-result").queryLabeled().getText();
            return text != null && text.contains(containing) ? text : null;
        });
    }
}
