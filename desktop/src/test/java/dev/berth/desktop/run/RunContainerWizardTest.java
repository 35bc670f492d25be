package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.MountPoint;
import dev.berth.desktop.testing.TestEngines;
import org.junit.jupiter.api.Tag;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The wizard driven through its UI against the real test dockerd, checked through the Engine API. */
@ExtendWith(ApplicationExtension.class)
class RunContainerWizardTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private DesktopFixture app;
    private Stage owner;
    private Stage wizardWindow;
    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    @Start
    void start(Stage stage) {
        owner = stage;
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        TestEngine dockerd = TestEngines.current();
        try {
            if (wizardWindow != null) {
                robot.interact(wizardWindow::close);
            }
            containers.forEach(c -> dockerd.docker("rm", "-f", "-v", c));
            volumes.forEach(v -> dockerd.docker("volume", "rm", "-f", v));
        } finally {
            app.close();
        }
    }

    private static String unique(String what) {
        return "berth-ui-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void open(FxRobot robot, EngineSession session) {
        RunContainerWizard wizard = new RunContainerWizard(app.context().background(), app.context().notifier(),
                () -> session);
        robot.interact(() -> wizardWindow = wizard.open(owner, null));
    }

    private static void replace(FxRobot robot, String id, String text) {
        robot.clickOn(id).push(KeyCode.CONTROL, KeyCode.A).type(KeyCode.BACK_SPACE);
        if (!text.isEmpty()) {
            robot.write(text);
        }
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Button.class).isDisabled();
    }

    @Test
    void runsTheContainerWithTheChosenEnvVolumeAndRestartPolicyAndTheDockerRunLineMatches(FxRobot robot,
            @TempDir Path site) throws Exception {
        EngineSession session = app.awaitSession();
        EngineClient client = session.client();
        String name = unique("run");
        String volume = unique("vol");
        containers.add(name);
        volumes.add(volume);
        Files.writeString(site.resolve("index.html"), "hi");
        open(robot, session);

        robot.clickOn("#run-image").write(Dockerd.BUSYBOX);
        robot.clickOn("#run-name").write(name);
        robot.clickOn("#run-command").write("sleep 300");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-image-status").startsWith("On the engine"));
        robot.clickOn("#run-next");

        robot.clickOn("#run-env-add").write("FOO");
        robot.clickOn("#run-env-value-0").write("bar");
        robot.clickOn("#run-env-add").write("GREETING");
        robot.clickOn("#run-env-value-1").write("it's a \"test\" of $HOME");
        robot.clickOn("#run-next");
        robot.clickOn("#run-next"); // no ports: the test engine has no bridge to publish on

        robot.clickOn("#run-volume-add").write(volume);
        robot.clickOn("#run-volume-target-0").write("/data");
        robot.clickOn("#run-bind-add").write(site.toString());
        robot.clickOn("#run-bind-target-0").write("/site");
        robot.clickOn("#run-bind-readonly-0");
        robot.clickOn("#run-next");

        robot.clickOn("#run-restart-unless-stopped");
        robot.clickOn("#run-next");

        String line = robot.lookup("#run-summary-command").queryAs(TextArea.class).getText();
        assertEquals("docker run -d --name " + name + " -e FOO=bar -e 'GREETING=it'\\''s a \"test\" of $HOME'"
                + " -v " + volume + ":/data -v " + site + ":/site:ro --restart unless-stopped " + Dockerd.BUSYBOX
                + " sleep 300", line);
        assertEquals("restarted unless stopped by hand", text(robot, "#run-summary-restart"));
        robot.clickOn("#run-finish");

        DesktopFixture.await(WAIT, () -> !wizardWindow.isShowing());
        ContainerInspect created = client.containers().inspect(name);
        assertTrue(created.state().running(), "the wizard starts the container");
        assertTrue(created.config().env().contains("FOO=bar"), created.config().env().toString());
        assertTrue(created.config().env().contains("GREETING=it's a \"test\" of $HOME"));
        MountPoint data = mountAt(created, "/data");
        assertEquals("volume", data.type());
        assertEquals(volume, data.name());
        MountPoint bind = mountAt(created, "/site");
        assertEquals("bind", bind.type());
        assertFalse(bind.rw(), "read-only was ticked");
        assertEquals("unless-stopped", created.hostConfig().restartPolicy().name());
        assertEquals(List.of("sleep", "300"), created.config().cmd());
        DesktopFixture.await(WAIT, () -> app.context().notifier().notices().stream().anyMatch(n ->
                n.kind() == Notifier.Kind.INFO && n.text().startsWith("Started container " + name + " (")));

        // The summary's line, run by the real docker CLI, makes the same container.
        String twin = unique("cli");
        containers.add(twin);
        List<String> args = new ArrayList<>(ShellWords.split(line));
        assertEquals(List.of("docker", "run"), args.subList(0, 2));
        args.set(args.indexOf("--name") + 1, twin);
        TestEngines.current().docker(args.subList(1, args.size()).toArray(String[]::new))
                .requireSuccess("the wizard's docker run line");
        ContainerInspect fromCli = client.containers().inspect(twin);
        assertEquals(sorted(created.config().env()), sorted(fromCli.config().env()));
        assertEquals(mounts(created), mounts(fromCli));
        assertEquals(created.hostConfig().restartPolicy(), fromCli.hostConfig().restartPolicy());
        assertEquals(created.config().cmd(), fromCli.config().cmd());
        assertEquals(created.config().entrypoint(), fromCli.config().entrypoint());
        assertEquals(sorted(created.hostConfig().binds()), sorted(fromCli.hostConfig().binds()),
                "the CLI lists binds in no fixed order");
        assertEquals(created.state().running(), fromCli.state().running());
    }

    @Test
    void anInvalidOrTakenNameKeepsNextAndRunDisabledAndSaysWhy(FxRobot robot) {
        EngineSession session = app.awaitSession();
        String taken = unique("taken");
        containers.add(taken);
        TestEngines.current().docker("create", "--name", taken, Dockerd.BUSYBOX, "true").requireSuccess("docker create");
        open(robot, session);

        robot.clickOn("#run-image").write(Dockerd.BUSYBOX);
        assertFalse(disabled(robot, "#run-finish"), "an image is all it takes");
        robot.clickOn("#run-name").write("-bad name");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-name-error").equals("\"-bad name\" is not a valid name: "
                + "use letters, digits and _ . - only, starting with a letter or digit (at least 2 characters)"));
        assertTrue(disabled(robot, "#run-finish"));
        assertTrue(disabled(robot, "#run-next"));
        assertTrue(disabled(robot, "#run-step-summary"), "later steps cannot be reached either");

        replace(robot, "#run-name", taken);
        DesktopFixture.await(WAIT, () -> text(robot, "#run-name-error")
                .equals("a container named \"" + taken + "\" already exists"));
        assertTrue(disabled(robot, "#run-finish"));

        replace(robot, "#run-name", "berth-ui-fine");
        DesktopFixture.await(WAIT, () -> !disabled(robot, "#run-finish") && !disabled(robot, "#run-next"));
        assertFalse(robot.lookup("#run-name-error").queryLabeled().isVisible());
        robot.clickOn("#run-cancel");
        DesktopFixture.await(WAIT, () -> !wizardWindow.isShowing());
        try {
            session.client().containers().inspect("berth-ui-fine");
            throw new AssertionError("Cancel must not create anything");
        } catch (EngineApiException.NotFound expected) {
            // nothing was created
        }
    }

    @Test
    @Tag(TestEngines.DOCKERD_ONLY) // publishes a port: not on Berth's engine until its networking lands
    void hostPortsAreCheckedWhileTypedAndBadInputIsFlagged(FxRobot robot, @TempDir Path dir) throws Exception {
        EngineSession session = app.awaitSession();
        Path envFile = dir.resolve("app.env");
        Files.writeString(envFile, "# demo\nMODE=demo\nFOO=from-file\n");
        open(robot, session);
        robot.clickOn("#run-image").write(Dockerd.BUSYBOX);
        robot.clickOn("#run-next");

        robot.clickOn("#run-env-add").write("FOO");
        robot.clickOn("#run-env-file").write(envFile.toString());
        robot.clickOn("#run-env-file-load");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-env-file-message").equals("Loaded 2 variables from app.env"));
        assertEquals("from-file", robot.lookup("#run-env-value-0").queryAs(TextField.class).getText(),
                "a variable already listed takes the file's value");
        assertEquals("MODE", robot.lookup("#run-env-key-1").queryAs(TextField.class).getText());
        robot.clickOn("#run-env-add").write("=oops");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-env-error-2").equals("a variable name cannot contain '='"));
        assertTrue(disabled(robot, "#run-next"));
        robot.clickOn("#run-env-remove-2");
        DesktopFixture.await(WAIT, () -> !disabled(robot, "#run-next"));
        robot.clickOn("#run-next");

        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            robot.clickOn("#run-port-add").write("127.0.0.1");
            robot.clickOn("#run-port-host-0").write(String.valueOf(busy.getLocalPort()));
            robot.clickOn("#run-port-container-0").write("80");
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-status-0").startsWith("taken by "));
            int free;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                free = probe.getLocalPort();
            }
            replace(robot, "#run-port-host-0", String.valueOf(free));
            DesktopFixture.await(WAIT, () -> text(robot, "#run-port-status-0").equals("free"));
        }
        replace(robot, "#run-port-container-0", "80000");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-port-error-0")
                .equals("container port must be a number from 1 to 65535"));
        assertTrue(disabled(robot, "#run-next"));
        assertTrue(disabled(robot, "#run-finish"));
        replace(robot, "#run-port-container-0", "80");
        robot.clickOn("#run-next");

        robot.clickOn("#run-volume-add").write("data");
        robot.clickOn("#run-volume-target-0").write("data");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-volume-error-0")
                .equals("the container path must be absolute (start with /)"));
        robot.clickOn("#run-bind-add").write(dir.resolve("nope").toString());
        robot.clickOn("#run-bind-target-0").write("/x");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-bind-error-0")
                .equals(dir.resolve("nope") + " does not exist on this machine"));
        robot.clickOn("#run-step-network");
        assertEquals("Step 4 of 6: Storage", text(robot, "#run-step-title"), "cannot skip past a page with problems");
        robot.clickOn("#run-volume-remove-0");
        robot.clickOn("#run-bind-remove-0");
        robot.clickOn("#run-next");

        robot.clickOn("#run-memory").write("256x");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-memory-error")
                .equals("unknown memory unit in \"256x\": use b, k, m, g or t, as in 256m or 1g"));
        robot.clickOn("#run-restart-on-failure");
        robot.clickOn("#run-restart-count").write("x");
        DesktopFixture.await(WAIT, () -> text(robot, "#run-restart-count-error")
                .equals("the retry count must be a whole number, like 3 (empty: no limit)"));
        assertTrue(disabled(robot, "#run-finish"));
        robot.clickOn("#run-step-summary");
        assertEquals("Step 5 of 6: Network & policy", text(robot, "#run-step-title"));
        replace(robot, "#run-memory", "64m");
        replace(robot, "#run-restart-count", "3");
        robot.clickOn("#run-next");
        String line = robot.lookup("#run-summary-command").queryAs(TextArea.class).getText();
        assertTrue(line.contains(" -p 127.0.0.1:"), line);
        assertTrue(line.contains(" --restart on-failure:3 --memory 64m "), line);
        assertTrue(line.contains(" -e FOO=from-file -e MODE=demo "), line);
        robot.clickOn("#run-summary-copy");
        assertEquals("Copied", robot.lookup("#run-summary-copy").queryAs(Button.class).getText());
    }

    private static MountPoint mountAt(ContainerInspect c, String destination) {
        return c.mounts().stream().filter(m -> destination.equals(m.destination())).findFirst()
                .orElseThrow(() -> new AssertionError("nothing mounted at " + destination + ": " + c.mounts()));
    }

    private static List<String> mounts(ContainerInspect c) {
        return c.mounts().stream()
                .map(m -> String.join(" ", m.type(), m.type().equals("volume") ? m.name() : m.source(),
                        m.destination(), String.valueOf(m.rw())).toLowerCase(Locale.ROOT))
                .sorted().collect(Collectors.toList());
    }

    private static List<String> sorted(List<String> list) {
        return list.stream().sorted().collect(Collectors.toList());
    }
}
