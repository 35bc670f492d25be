package dev.berth.desktop.stats;


import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class StatsTabTest {

    private DesktopFixture app;
    private Stage stage;
    private StatsTab tab;
    private final List<String> containers = new ArrayList<>();
    private String network;

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
        for (String id : containers) {
            app.dockerd().docker("rm", "-f", id);
        }
        if (network != null) {
            app.dockerd().docker("network", "rm", network);
        }
        // on the FX thread, so the event feed's last batch is delivered before the background pool shuts down
        robot.interact(app::close);
    }

    @Test
    void showsLiveCpuMemoryWithItsLimitAndCharts(FxRobot robot) {
        String id;
        if (TestEngines.berth()) {
            id = run("--memory", "64m", "--cpus", "0.5", Dockerd.BUSYBOX, "sh", "-c", "while true; do :; done");
        } else {
            // the test dockerd runs without a default bridge: a network of its own gives the container an interface
            network = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
            app.dockerd().docker("network", "create", network).requireSuccess("network create");
            id = run("--memory", "64m", "--cpus", "0.5", "--network", network, Dockerd.BUSYBOX, "sh", "-c",
                    "while true; do :; done");
        }
        open(robot, id);
        Label cpu = robot.lookup("#stats-cpu").queryAs(Label.class);
        Label memory = robot.lookup("#stats-memory").queryAs(Label.class);
        DesktopFixture.await(Duration.ofSeconds(15), () -> cpu.getText().matches("\\d+\\.\\d %"));
        assertTrue(memory.getText().contains(" / 64.0 MiB ("), memory.getText());
        assertTrue(memory.getText().matches("\\d+(\\.\\d)? (B|KiB|MiB) / 64\\.0 MiB \\(\\d+\\.\\d %\\)"),
                memory.getText());
        if (!TestEngines.berth()) { // Berth's engine has no bridge yet: its containers have loopback only
            DesktopFixture.await(Duration.ofSeconds(10),
                    () -> robot.lookup("#stats-net").queryAs(Label.class).getText().matches("rx .*/s · tx .*/s"));
        }
        assertTrue(robot.lookup("#stats-block").queryAs(Label.class).getText().matches("read .*/s · write .*/s"));
        double busy = Double.parseDouble(cpu.getText().replace(" %", ""));
        assertTrue(busy > 20, "a busy loop shows as CPU use: " + busy);

        @SuppressWarnings("unchecked")
        List<LineChart<Number, Number>> charts = robot.lookup(".stats-chart").queryAll().stream()
                .map(n -> (LineChart<Number, Number>) n).toList();
        assertTrue(charts.size() == 4 && charts.get(0).isVisible());
        DesktopFixture.await(Duration.ofSeconds(10), () -> charts.get(0).getData().get(0).getData().size() >= 2);
        assertFalse(robot.lookup("#stats-status").queryAs(Label.class).isVisible());
    }

    @Test
    void saysPlainlyWhenTheContainerIsNotRunningAndStartsWhenItDoes(FxRobot robot) {
        String id = run(Dockerd.BUSYBOX, "sleep", "600");
        app.dockerd().docker("stop", "-t", "0", id).requireSuccess("stop");
        open(robot, id);
        Label status = robot.lookup("#stats-status").queryAs(Label.class);
        DesktopFixture.await(Duration.ofSeconds(15), () -> status.isVisible() && status.getText().contains("not running"));
        Node charts = robot.lookup("#stats-charts").query();
        assertFalse(charts.isVisible(), "no empty charts for a stopped container");

        app.dockerd().docker("start", id).requireSuccess("start");
        DesktopFixture.await(Duration.ofSeconds(15), () -> charts.isVisible()
                && robot.lookup("#stats-memory").queryAs(Label.class).getText().contains("/"));
        assertFalse(status.isVisible());
    }

    private String run(String... args) {
        String name = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> all = new ArrayList<>(List.of("run", "-d", "--name", name));
        all.addAll(List.of(args));
        String id = app.dockerd().docker(all.toArray(String[]::new)).requireSuccess("run").stdout().trim();
        containers.add(id);
        return id;
    }

    private void open(FxRobot robot, String id) {
        tab = app.host(() -> new StatsTab(app.context().background(), app.context().notifier()), id);
    }
}
