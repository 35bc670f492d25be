package dev.berth.desktop.logs;


import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class LogsTabTest {

    private static final Pattern NUMBERED = Pattern.compile("(?:line|seq) (\\d+)");

    private DesktopFixture app;
    private Stage stage;
    private LogsTab tab;
    private final List<String> containers = new ArrayList<>();

    @TempDir
    Path temp;

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
        // on the FX thread, so the event feed's last batch is delivered before the background pool shuts down
        robot.interact(app::close);
    }

    @Test
    void followShowsNewLinesWithStderrInItsOwnColour(FxRobot robot) {
        String id = run("sh", "-c", "echo to-stdout; echo to-stderr >&2; i=0; "
                + "while true; do echo line $i; i=$((i+1)); sleep 0.1; done");
        open(robot, id);
        assertTrue(robot.lookup("#logs-follow").queryAs(ToggleButton.class).isSelected(), "follow is on by default");
        assertEquals("500", robot.lookup("#logs-tail").queryTextInputControl().getText());

        int first = DesktopFixture.await(Duration.ofSeconds(15), () -> maxNumber(tab.model().lines()) >= 0
                ? maxNumber(tab.model().lines()) : null);
        // lines the container prints after the tab opened keep arriving
        DesktopFixture.await(Duration.ofSeconds(15), () -> maxNumber(tab.model().lines()) >= first + 15);
        assertEquals("Following new lines.", robot.lookup("#logs-status").queryAs(Label.class).getText());

        LogLineCell err = cell(robot, "to-stderr").orElseThrow();
        LogLineCell out = cell(robot, "to-stdout").orElseThrow();
        assertEquals(LogLine.Source.STDERR, err.getItem().source());
        assertTrue(err.getStyleClass().contains("log-stderr"));
        assertTrue(out.getStyleClass().contains("log-stdout"));
        Paint errFill = textFill(err);
        Paint outFill = textFill(out);
        assertNotEquals(outFill, errFill, "stderr is drawn in another colour than stdout");
    }

    @Test
    void tailLimitsTheFirstLinesAndSearchTimestampsAndSaveWork(FxRobot robot) throws Exception {
        String id = run("sh", "-c", "echo trouble >&2; sleep 0.5; for i in $(seq 1 100); do echo n$i; done; "
                + "echo long $(seq 1 400); sleep 600");
        awaitDockerLogs(id, "long 1 2 3");
        open(robot, id);
        awaitLines(robot, 102);

        robot.clickOn("#logs-tail").push(KeyCode.CONTROL, KeyCode.A).write("10").type(KeyCode.ENTER);
        try {
            DesktopFixture.await(Duration.ofSeconds(15), () -> tab.model().lines().size() == 10
                    && texts().contains("n100"));
        } catch (AssertionError e) {
            throw new AssertionError("tail field " + robot.lookup("#logs-tail").queryTextInputControl().getText()
                    + ", model tail " + tab.model().tailProperty().get() + ", status "
                    + robot.lookup("#logs-status").queryAs(Label.class).getText() + ", lines " + texts(), e);
        }
        assertEquals(List.of("n92", "n93", "n94", "n95", "n96", "n97", "n98", "n99", "n100"), texts().subList(0, 9));
        assertTrue(texts().get(9).startsWith("long 1 2 3 "));

        robot.clickOn("#logs-search").write("N95");
        DesktopFixture.await(Duration.ofSeconds(5), () -> {
            LogLine selected = robot.lookup("#logs-list").queryListView().getSelectionModel().getSelectedItem() instanceof
                    LogLine l ? l : null;
            return selected != null && selected.text().equals("n95");
        });
        assertEquals("1 of 1", robot.lookup("#logs-matches").queryAs(Label.class).getText());
        LogLineCell hit = DesktopFixture.await(Duration.ofSeconds(5), () -> cell(robot, "n95").orElse(null));
        Label match = DesktopFixture.await(Duration.ofSeconds(5), () -> hit.flow().getChildren().stream()
                .filter(n -> n instanceof Label && n.getStyleClass().contains("log-match-current"))
                .map(n -> (Label) n).findFirst().orElse(null));
        assertEquals("n95", match.getText());
        robot.clickOn("#logs-copy");
        assertEquals("n95\n", DesktopFixture.await(Duration.ofSeconds(5),
                () -> Clipboard.getSystemClipboard().getString()), "copy takes the selected line");
        robot.clickOn("#logs-search").push(KeyCode.CONTROL, KeyCode.A).write("n9");
        DesktopFixture.await(Duration.ofSeconds(5),
                () -> "8 of 8".equals(robot.lookup("#logs-matches").queryAs(Label.class).getText()));
        robot.clickOn("#logs-search-next");
        DesktopFixture.await(Duration.ofSeconds(5),
                () -> "1 of 8".equals(robot.lookup("#logs-matches").queryAs(Label.class).getText()));

        robot.clickOn("#logs-timestamps");
        LogLineCell stamped = DesktopFixture.await(Duration.ofSeconds(5), () -> cell(robot, "n100")
                .filter(c -> c.flow().getChildren().get(0).getStyleClass().contains("log-timestamp")).orElse(null));
        assertTrue(((Text) stamped.flow().getChildren().get(0)).getText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z "));

        LogLineCell longLine = DesktopFixture.await(Duration.ofSeconds(5),
                () -> cell(robot, texts().get(9)).orElse(null));
        double oneLine = longLine.getHeight();
        robot.clickOn("#logs-wrap");
        DesktopFixture.await(Duration.ofSeconds(5), () -> cell(robot, texts().get(9))
                .filter(c -> c.getHeight() > 3 * oneLine).orElse(null));

        Path file = temp.resolve("saved.log");
        robot.interact(() -> tab.logsView().setSaveTarget(owner -> file.toFile()));
        robot.clickOn("#logs-save");
        List<String> saved = DesktopFixture.await(Duration.ofSeconds(10),
                () -> Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : null);
        assertEquals(10, saved.size());
        assertTrue(saved.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z n92"), saved.get(0));
        assertTrue(saved.get(9).contains("Z long 1 2 3 "), saved.get(9));
    }

    @Test
    void followingResumesAfterARestartWithoutLosingOrRepeatingLines(FxRobot robot) {
        // the counter survives restarts in the container's filesystem; the TERM trap lets an iteration finish
        String id = run("sh", "-c", "trap 'stop=1' TERM; n=$(cat /tmp/n 2>/dev/null || echo 0); "
                + "while [ -z \"$stop\" ]; do n=$((n+1)); echo $n > /tmp/n; echo seq $n; sleep 0.1; done");
        open(robot, id);
        DesktopFixture.await(Duration.ofSeconds(15), () -> maxNumber(tab.model().lines()) >= 5);
        app.dockerd().docker("stop", "-t", "10", id).requireSuccess("stop");
        DesktopFixture.await(Duration.ofSeconds(15), () -> robot.lookup("#logs-status").queryAs(Label.class)
                .getText().contains("not running"));
        int beforeRestart = maxNumber(tab.model().lines());
        app.dockerd().docker("start", id).requireSuccess("start");
        DesktopFixture.await(Duration.ofSeconds(15), () -> maxNumber(tab.model().lines()) >= beforeRestart + 10);

        List<Integer> numbers = new ArrayList<>();
        robot.interact(() -> tab.model().lines().forEach(l -> numbers.add(number(l.text()))));
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "lines in order, none lost or repeated: " + numbers);
        }
        assertEquals(1, numbers.get(0));
    }

    @Test
    void ttyOutputIsSplitIntoCleanLines(FxRobot robot) {
        String name = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
        String id = app.dockerd().docker("run", "-d", "-t", "--name", name, Dockerd.BUSYBOX, "sh", "-c",
                "printf 'first\\nsecond\\n'; printf 'loading 10%%\\rloading 20%%\\rdone       \\n'; "
                        + "printf '\\033[32mgreen\\033[0m\\n'; sleep 600")
                .requireSuccess("run").stdout().trim();
        containers.add(id);
        open(robot, id);
        DesktopFixture.await(Duration.ofSeconds(15), () -> tab.model().lines().size() >= 4);
        assertEquals(List.of("first", "second", "done       ", "green"), texts());
    }

    @Test
    void thousandsOfLinesArriveWhole(FxRobot robot) {
        String id = run("sh", "-c", "sleep 2; seq 1 30000; sleep 600");
        open(robot, id);
        DesktopFixture.await(Duration.ofSeconds(30), () -> tab.model().lines().size() == 30000);
        List<String> texts = texts();
        assertEquals("1", texts.get(0));
        assertEquals("30000", texts.get(29999));
        assertFalse(robot.lookup(".log-cell").queryAll().isEmpty());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void awaitLines(FxRobot robot, int count) {
        try {
            DesktopFixture.await(Duration.ofSeconds(15), () -> tab.model().lines().size() == count);
        } catch (AssertionError e) {
            throw new AssertionError("expected " + count + " lines; status "
                    + robot.lookup("#logs-status").queryAs(Label.class).getText() + "; got " + texts(), e);
        }
    }

    private String run(String... command) {
        String name = "berth-ui-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, Dockerd.BUSYBOX));
        args.addAll(List.of(command));
        String id = app.dockerd().docker(args.toArray(String[]::new)).requireSuccess("run").stdout().trim();
        containers.add(id);
        return id;
    }

    private void awaitDockerLogs(String id, String text) {
        DesktopFixture.await(Duration.ofSeconds(15), () -> {
            var logs = app.dockerd().docker("logs", id);
            return (logs.stdout() + logs.stderr()).contains(text);
        });
    }

    private void open(FxRobot robot, String id) {
        tab = app.host(() -> new LogsTab(app.context().background(), app.context().notifier()), id);
    }

    private List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (LogLine line : List.copyOf(tab.model().lines())) {
            texts.add(line.text());
        }
        return texts;
    }

    private static Optional<LogLineCell> cell(FxRobot robot, String text) {
        return robot.lookup(".log-cell").queryAllAs(LogLineCell.class).stream()
                .filter(c -> c.getItem() != null && c.getItem().text().equals(text) && c.isVisible())
                .findFirst();
    }

    private static Paint textFill(LogLineCell cell) {
        return cell.flow().getChildren().stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getFill())
                .findFirst().orElseThrow();
    }

    private static int maxNumber(List<LogLine> lines) {
        int max = -1;
        for (LogLine line : List.copyOf(lines)) {
            max = Math.max(max, number(line.text()));
        }
        return max;
    }

    private static int number(String text) {
        Matcher m = NUMBERED.matcher(text);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
