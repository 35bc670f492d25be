package dev.berth.desktop.docs;

import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.app.AppContext;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.testing.Dockerd;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static dev.berth.desktop.testing.DesktopFixture.press;

/**
 * The user guide's screenshots: the whole app, headless (Monocle), on the private test dockerd with a small demo
 * project on it; each view is drawn with {@link Scene#snapshot} and written as PNG. Not part of the suite (the name
 * does not end in Test): {@code docs/screenshots.sh} runs it. Output: {@code -Dberth.screenshots=DIR}, else
 * docs/images.
 */
@ExtendWith(ApplicationExtension.class)
class DocsScreenshots {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Dockerd DOCKERD = Dockerd.shared();
    private static final String[] CONTAINERS = {"shop-web", "shop-api", "shop-worker", "scratchpad", "nightly-backup",
            "batch-job"};

    private final Path out = Path.of(System.getProperty("berth.screenshots", "../docs/images"));
    private final List<String> images = new ArrayList<>();
    private final String dataRoot = DOCKERD.docker("info", "-f", "{{.DockerRootDir}}").stdout().strip();
    private final String engineBase = Path.of(dataRoot).getParent().toString();
    private AppContext context;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Path home = Files.createTempDirectory("berth-docs-home");
        EngineEntry local = new EngineEntry("local dockerd", "DOCKER_HOST", DOCKERD.unixEndpoint());
        // a context whose engine is down: how an unreachable engine looks in the sidebar
        EngineEntry staging = new EngineEntry("staging", "docker context \"staging\"",
                EngineEndpoint.parse("tcp://127.0.0.1:9", null, "docker context staging"));
        context = new AppContext(new EndpointResolver(Map.of(), home), List.of(local, staging), List.of());
        Scene scene = new Scene(context.mainWindow(), 1280, 800);
        scene.getStylesheets().add(AppContext.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
        stage.setTitle("Berth");
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        robot.interact(() -> context.close());
        for (String name : CONTAINERS) {
            DOCKERD.docker("rm", "-f", name);
        }
        DOCKERD.docker("network", "rm", "shop-net");
        DOCKERD.docker("volume", "rm", "-f", "shop-data", "shop-cache");
        for (String image : images) {
            DOCKERD.docker("rmi", image);
        }
    }

    @Test
    void takeEveryScreenshot(FxRobot robot) throws Exception {
        Files.createDirectories(out);
        demoProject();
        DesktopFixture.await(WAIT, () -> context.engines().sessionProperty().get());

        // ---- containers
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        TableView<?> containers = table(robot, "containers-table");
        DesktopFixture.await(WAIT, () -> containers.getItems().size() >= CONTAINERS.length);
        select(robot, "containers-search", "shop-web");
        robot.interact(() -> robot.lookup("#containers-search").queryTextInputControl().clear());
        pause(6000); // CPU and memory figures come from the periodic stats samples
        snap(stage.getScene(), "containers.png");

        press(robot, KeyCode.CONTROL, KeyCode.G);
        pause(500);
        snap(stage.getScene(), "containers-grouped.png");
        press(robot, KeyCode.CONTROL, KeyCode.G);

        // ---- details of the worker: logs, terminal, inspect, files
        select(robot, "containers-search", "shop-worker");
        robot.type(KeyCode.ENTER);
        TabPane tabs = DesktopFixture.await(WAIT, () -> robot.lookup("#container-detail-tabs").tryQueryAs(TabPane.class)
                .filter(t -> t.getScene() != null).orElse(null));
        ListView<?> logLines = DesktopFixture.await(WAIT, () -> robot.lookup("#logs-list").tryQueryAs(ListView.class)
                .filter(l -> l.getItems().size() >= 12).orElse(null));
        pause(500);
        snap(stage.getScene(), "container-logs.png");

        selectTab(robot, tabs, "detail-tab-terminal");
        Button connect = DesktopFixture.await(WAIT, () -> robot.lookup("#terminal-connect").tryQueryAs(Button.class)
                .filter(b -> !b.isDisabled()).orElse(null));
        robot.clickOn(connect);
        pause(2000);
        robot.clickOn("#terminal-screen").write("ls /data && ps").type(KeyCode.ENTER);
        pause(2000);
        snap(stage.getScene(), "container-terminal.png");

        selectTab(robot, tabs, "detail-tab-inspect");
        DesktopFixture.await(WAIT, () -> robot.lookup("#inspect-tree").tryQueryAs(TreeView.class)
                .map(t -> t.getRoot() != null).orElse(false));
        pause(500);
        snap(stage.getScene(), "container-inspect.png");

        selectTab(robot, tabs, "detail-tab-files");
        DesktopFixture.await(WAIT, () -> robot.lookup("#files-table").tryQueryAs(TableView.class)
                .map(t -> !t.getItems().isEmpty()).orElse(false));
        pause(500);
        snap(stage.getScene(), "container-files.png");
        robot.type(KeyCode.ESCAPE);

        // ---- the busy API container's stats
        select(robot, "containers-search", "shop-api");
        robot.type(KeyCode.ENTER);
        TabPane apiTabs = DesktopFixture.await(WAIT, () -> robot.lookup("#container-detail-tabs")
                .tryQueryAs(TabPane.class).filter(t -> t.getScene() != null).orElse(null));
        selectTab(robot, apiTabs, "detail-tab-stats");
        pause(12000);
        snap(stage.getScene(), "container-stats.png");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> robot.lookup("#containers-search").queryTextInputControl().clear());

        // ---- the palette, then the dark theme
        select(robot, "containers-search", "shop-web");
        press(robot, KeyCode.CONTROL, KeyCode.K);
        Node palette = DesktopFixture.await(WAIT, () -> robot.lookup("#command-palette").tryQuery().orElse(null));
        pause(500);
        snap(palette.getScene(), "palette.png");
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> robot.lookup("#containers-search").queryTextInputControl().clear());

        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L);
        pause(1000);
        snap(stage.getScene(), "containers-dark.png");
        press(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.L);
        pause(500);

        // ---- dashboard
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT1);
        DesktopFixture.await(WAIT, () -> robot.lookup("#dashboard-df-images-size").tryQuery().isPresent());
        pause(1500);
        snap(stage.getScene(), "dashboard.png");

        // ---- images: table, history, pull with progress from the local registry
        String pulled = DOCKERD.registry() + "/shop/cache:7";
        prepareRegistryImage(pulled);
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT3);
        TableView<?> imageTable = table(robot, "images-table");
        DesktopFixture.await(WAIT, () -> imageTable.getItems().size() >= 3);
        select(robot, "images-search", "shop/web");
        robot.interact(() -> robot.lookup("#images-search").queryTextInputControl().clear());
        pause(500);
        snap(stage.getScene(), "images.png");

        select(robot, "images-search", Dockerd.BUSYBOX);
        robot.type(KeyCode.ENTER);
        Node history = DesktopFixture.await(WAIT, () -> robot.lookup("#history-table").tryQueryAs(TableView.class)
                .filter(t -> !t.getItems().isEmpty()).orElse(null));
        pause(500);
        snap(history.getScene(), "image-history.png");
        robot.type(KeyCode.ESCAPE);

        press(robot, KeyCode.CONTROL, KeyCode.P);
        DesktopFixture.await(WAIT, () -> robot.lookup("#pull-image").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#pull-image").queryTextInputControl().setText(pulled));
        robot.clickOn("#pull-auth-none");
        robot.clickOn("#pull-start");
        ProgressBar overall = DesktopFixture.await(WAIT, () -> robot.lookup("#pull-overall")
                .tryQueryAs(ProgressBar.class).orElse(null));
        DesktopFixture.await(WAIT, () -> overall.getProgress() == 1.0);
        pause(500);
        snap(overall.getScene(), "image-pull.png");
        robot.clickOn("#pull-close");
        images.add(pulled);
        DesktopFixture.await(WAIT, () -> context.notifier().notices().stream()
                .anyMatch(n -> n.text().startsWith("Pulled")));
        robot.interact(() -> robot.lookup("#images-search").queryTextInputControl().clear());
        pause(800);
        snap(stage.getScene(), "notifications.png");

        // ---- networks, volumes, ports
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT4);
        TableView<?> networks = table(robot, "networks-table");
        DesktopFixture.await(WAIT, () -> networks.getItems().size() >= 3);
        pause(500);
        snap(stage.getScene(), "networks.png");
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT5);
        TableView<?> volumes = table(robot, "volumes-table");
        DesktopFixture.await(WAIT, () -> !volumes.getItems().isEmpty());
        pause(500);
        snap(stage.getScene(), "volumes.png");
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT6);
        TableView<?> ports = table(robot, "ports-table");
        DesktopFixture.await(WAIT, () -> !ports.getItems().isEmpty());
        pause(500);
        snap(stage.getScene(), "ports.png");
        newViews(robot);

        // ---- the run wizard
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT2);
        press(robot, KeyCode.CONTROL, KeyCode.N);
        Node wizard = DesktopFixture.await(WAIT, () -> robot.lookup("#run-wizard").tryQuery().orElse(null));
        Window wizardWindow = wizard.getScene().getWindow();
        fill(robot, "#run-image", Dockerd.BUSYBOX, "#run-name", "shop-cache", "#run-command", "httpd -f -p 80");
        DesktopFixture.await(WAIT, () -> robot.lookup("#run-image-status").queryAs(Label.class).getText()
                .startsWith("On the engine"));
        pause(500);
        snap(wizard.getScene(), "run-wizard-image.png");
        robot.clickOn("#run-next");
        fill(robot, "#run-env-add", "CACHE_SIZE", "#run-env-value-0", "256m", "#run-next", null);
        fill(robot, "#run-port-add", null, "#run-port-container-0", "80", "#run-port-host-0", "8081");
        pause(1500);
        snap(wizard.getScene(), "run-wizard-ports.png");
        robot.clickOn("#run-next");
        fill(robot, "#run-volume-add", "shop-cache", "#run-volume-target-0", "/var/cache", "#run-next", null);
        robot.clickOn("#run-next");
        DesktopFixture.await(WAIT, () -> robot.lookup("#run-summary-command").tryQueryAs(TextArea.class)
                .map(t -> !t.getText().isEmpty()).orElse(false));
        pause(500);
        snap(wizard.getScene(), "run-wizard-summary.png");
        robot.interact(() -> ((Stage) wizardWindow).close());

        // ---- an engine that is down
        robot.interact(() -> context.engines().selectedProperty().set(context.engines().engines().get(1)));
        pause(2500);
        snap(stage.getScene(), "engine-unreachable.png");
        robot.interact(() -> context.engines().selectedProperty().set(context.engines().engines().get(0)));
    }

    /** The networks' details, the volume browser, the port check, the API monitor and the two TLS wizards. */
    private void newViews(FxRobot robot) {
        press(robot, KeyCode.CONTROL, KeyCode.DIGIT4);
        select(robot, "networks-search", "shop-net");
        robot.clickOn("#network-tab-containers");
        DesktopFixture.await(WAIT, () -> robot.lookup("#network-containers-table").tryQueryAs(TableView.class)
                .map(t -> t.getItems().size() >= 3).orElse(false));
        pause(500);
        snap(stage.getScene(), "network-containers.png");
        robot.clickOn("#network-tab-topology");
        DesktopFixture.await(WAIT, () -> robot.lookup("#topology-container-shop-web").tryQuery().orElse(null));
        pause(800);
        snap(stage.getScene(), "network-topology.png");
        press(robot, KeyCode.CONTROL, KeyCode.N);
        Node create = DesktopFixture.await(WAIT, () -> robot.lookup("#network-create-dialog").tryQuery().orElse(null));
        fill(robot, "#network-name", "shop-backend", "#network-subnet", "172.30.0.0/24", "#network-gateway", "172.30.0.1",
                "#network-labels", "com.docker.compose.project=shop");
        pause(500);
        snap(create.getScene(), "network-create.png");
        robot.interact(() -> ((Stage) create.getScene().getWindow()).close());

        press(robot, KeyCode.CONTROL, KeyCode.DIGIT5);
        select(robot, "volumes-search", "shop-data");
        robot.clickOn("#volumes-browse");
        Label about = DesktopFixture.await(WAIT, () -> robot.lookup("#volume-browser-about").tryQueryAs(Label.class)
                .orElse(null));
        DesktopFixture.await(WAIT, () -> robot.lookup("#files-table").tryQueryAs(TableView.class)
                .filter(t -> t.getScene() == about.getScene()).map(t -> !t.getItems().isEmpty()).orElse(false));
        pause(800);
        snap(about.getScene(), "volume-browser.png");
        robot.interact(() -> ((Stage) about.getScene().getWindow()).close());

        press(robot, KeyCode.CONTROL, KeyCode.DIGIT6);
        robot.clickOn("#ports-check-port").write("18080");
        robot.clickOn("#ports-check-run");
        DesktopFixture.await(WAIT, () -> robot.lookup("#ports-check-result").queryAs(Label.class).getText().length() > 0);
        pause(800);
        snap(stage.getScene(), "ports-check.png");

        press(robot, KeyCode.CONTROL, KeyCode.DIGIT7);
        TableView<?> traffic = table(robot, "monitor-table");
        robot.clickOn("#monitor-proxy-start");
        DesktopFixture.await(WAIT, () -> robot.lookup("#monitor-proxy-stop").tryQuery().map(n -> !n.isDisabled())
                .orElse(false));
        String dockerHost = robot.lookup("#monitor-docker-host").queryTextInputControl().getText()
                .replaceFirst("^export DOCKER_HOST=", "");
        DOCKERD.dockerWith(Map.of("DOCKER_HOST", dockerHost), null, "run", "--rm", Dockerd.BUSYBOX, "echo", "hi");
        DesktopFixture.await(WAIT, () -> traffic.getItems().size() >= 5);
        robot.interact(() -> traffic.getSelectionModel().selectLast());
        pause(800);
        snap(stage.getScene(), "api-monitor.png");
        robot.clickOn("#monitor-proxy-stop");

        robot.clickOn("#engines-certificates");
        Node tls = DesktopFixture.await(WAIT, () -> robot.lookup("#tls-wizard").tryQuery().orElse(null));
        pause(800);
        snap(tls.getScene(), "tls-wizard.png");
        robot.interact(() -> ((Stage) tls.getScene().getWindow()).close());
        robot.clickOn("#engines-connect");
        Node connect = DesktopFixture.await(WAIT, () -> robot.lookup("#connect-wizard").tryQuery().orElse(null));
        pause(800);
        snap(connect.getScene(), "connect-wizard.png");
        robot.interact(() -> ((Stage) connect.getScene().getWindow()).close());

        press(robot, KeyCode.CONTROL, KeyCode.COMMA);
        Node settings = DesktopFixture.await(WAIT, () -> robot.lookup("#settings").tryQuery().orElse(null));
        pause(800);
        snap(settings.getScene(), "settings.png");
        robot.interact(() -> ((Stage) settings.getScene().getWindow()).close());
    }

    private void usualPaths(Node node) {
        if (node instanceof Labeled labeled && labeled.getText() != null && labeled.getText().contains(engineBase)) {
            labeled.setText(usual(labeled.getText()));
        } else if (node instanceof Text text && text.getText() != null && text.getText().contains(engineBase)) {
            text.setText(usual(text.getText()));
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(this::usualPaths);
        }
    }

    private String usual(String text) {
        return text.replace(dataRoot, "/var/lib/docker").replace(engineBase, "/run/docker");
    }

    /** A small compose-like project: a web server, a busy API, a worker that logs, and a few loose containers. */
    private void demoProject() {
        DOCKERD.docker("network", "create", "shop-net").requireSuccess("network create");
        DOCKERD.docker("volume", "create", "shop-data").requireSuccess("volume create");
        for (String tag : List.of("shop/web:1.4", "shop/api:2.0", "shop/worker:2.0")) {
            DOCKERD.docker("tag", Dockerd.BUSYBOX, tag).requireSuccess("tag");
            images.add(tag);
        }
        compose("web", "shop/web:1.4", "--network", "shop-net", "-p", "127.0.0.1:18080:80", "--", "httpd", "-f",
                "-p", "80");
        compose("api", "shop/api:2.0", "--network", "shop-net", "--cpus", "0.3", "--memory", "128m", "--",
                "sh", "-c", "while true; do :; done");
        compose("worker", "shop/worker:2.0", "--network", "shop-net", "-v", "shop-data:/data", "--", "sh", "-c",
                "i=1; while true; do echo \"$(date -u +%H:%M:%S) INFO  processed order $i in $((i % 7 + 3)) ms\";"
                        + " [ $((i % 5)) -eq 0 ] && echo \"$(date -u +%H:%M:%S) WARN  order $i retried\" >&2;"
                        + " echo order-$i > /data/last; i=$((i+1)); sleep 0.4; done");
        DOCKERD.docker("create", "--name", "scratchpad", Dockerd.BUSYBOX, "sleep", "3600").requireSuccess("create");
        DOCKERD.docker("run", "--name", "nightly-backup", Dockerd.BUSYBOX, "sh", "-c", "echo backed up")
                .requireSuccess("run");
        DOCKERD.docker("run", "-d", "--name", "batch-job", Dockerd.BUSYBOX, "sleep", "3600").requireSuccess("run");
        DOCKERD.docker("pause", "batch-job").requireSuccess("pause");
    }

    private static void compose(String service, String image, String... argsThenCommand) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", "shop-" + service,
                "-l", "com.docker.compose.project=shop", "-l", "com.docker.compose.service=" + service));
        int split = List.of(argsThenCommand).indexOf("--");
        args.addAll(List.of(argsThenCommand).subList(0, split));
        args.add(image);
        args.addAll(List.of(argsThenCommand).subList(split + 1, argsThenCommand.length));
        DOCKERD.docker(args.toArray(String[]::new)).requireSuccess(String.join(" ", args));
    }

    /** An image with a layer of its own in the local registry, and not on the engine: something to pull. */
    private void prepareRegistryImage(String ref) {
        DOCKERD.docker("run", "--name", "shop-build", Dockerd.BUSYBOX, "sh", "-c",
                "head -c 3000000 /dev/urandom > /payload").requireSuccess("run");
        DOCKERD.docker("commit", "shop-build", ref).requireSuccess("commit");
        DOCKERD.docker("push", ref).requireSuccess("push");
        DOCKERD.docker("rm", "shop-build").requireSuccess("rm");
        DOCKERD.docker("rmi", ref).requireSuccess("rmi");
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    /** Clicks each node in turn and types its text after it (null: only the click). */
    private static void fill(FxRobot robot, String... queriesAndTexts) {
        for (int i = 0; i < queriesAndTexts.length; i += 2) {
            robot.clickOn(queriesAndTexts[i]);
            if (queriesAndTexts[i + 1] != null) {
                robot.write(queriesAndTexts[i + 1]);
            }
        }
    }

    /** Ctrl+F, the text, Down: the first matching row is selected. */
    private static void select(FxRobot robot, String searchId, String text) {
        press(robot, KeyCode.CONTROL, KeyCode.F);
        DesktopFixture.await(WAIT, () -> robot.lookup("#" + searchId).query().isFocused());
        press(robot, KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        pause(400);
        robot.type(KeyCode.DOWN);
        pause(200);
    }

    private static void selectTab(FxRobot robot, TabPane tabs, String id) {
        robot.interact(() -> tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static TableView<?> table(FxRobot robot, String id) {
        return DesktopFixture.await(WAIT, () -> robot.lookup("#" + id).tryQueryAs(TableView.class)
                .filter(t -> t.getScene() != null).orElse(null));
    }



    private static void pause(long millis) {
        WaitForAsyncUtils.sleep(millis, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Draws the scene as it is now and writes it as an opaque PNG. The test engine keeps its data in a temporary
     * directory of the machine that makes the screenshots; wherever that path is on screen it is drawn as Docker's
     * usual one, so that the pictures show what a user sees and name no path of the build machine.
     */
    private void snap(Scene scene, String file) {
        try {
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> {
                usualPaths(scene.getRoot());
                return scene.snapshot(null);
            }).get(30, TimeUnit.SECONDS);
            int w = (int) image.getWidth();
            int h = (int) image.getHeight();
            int[] argb = new int[w * h];
            image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            png.setRGB(0, 0, w, h, argb, 0, w);
            ImageIO.write(png, "png", out.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("snapshot " + file + " failed", e);
        }
    }
}
