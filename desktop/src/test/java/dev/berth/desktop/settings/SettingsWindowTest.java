package dev.berth.desktop.settings;

import static dev.berth.desktop.testing.DesktopFixture.await;
import static dev.berth.desktop.testing.DesktopFixture.press;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.app.AppContext;
import dev.berth.desktop.connect.SavedConnections;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.TransportOptions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxRobotInterface;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings on the app's own embedded engine (the real {@code EmbeddedEngine}, restarted in place): certificates from
 * the wizard, remote access switched on for a loopback port, then the real docker CLI with the lines the window shows,
 * Berth's remote client, a stranger's certificate refused, the app's own session back, the container still running;
 * switched off, the port is closed. A broken certificate folder is refused before anything restarts.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsWindowTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static PrivateEmbeddedEngine engine;

    @TempDir
    Path temp;

    private Stage stage;
    private AppContext context;

    @BeforeAll
    static void startEngine() {
        Texts.useLocale(Locale.ENGLISH);
        engine = new PrivateEmbeddedEngine();
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        stage.setScene(new Scene(new StackPane(), 1400, 900));
        stage.show();
    }

    @AfterEach
    void closeApp(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
            if (context != null) {
                context.close();
            }
        });
    }

    /** The whole app on the private embedded engine (or on no engine), with settings in the temporary folder. */
    private void showApp(FxRobot robot, boolean withEmbeddedEngine) {
        robot.interact(() -> {
            context = new AppContext(new EndpointResolver(Map.of(), temp.resolve("home")),
                    withEmbeddedEngine ? List.of(engine.engine().entry()) : List.of(), List.of(),
                    SavedConnections.inMemory(), null, null, SettingsStore.at(temp.resolve("config/settings.json")),
                    withEmbeddedEngine ? engine.engine() : null);
            stage.getScene().setRoot(context.mainWindow());
            stage.getScene().getStylesheets().setAll(
                    AppContext.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
        });
    }

    private void openSettingsWithCtrlComma(FxRobot robot) {
        robot.interact(() -> robot.lookup("#navigation").query().requestFocus());
        press(robot, KeyCode.CONTROL, KeyCode.COMMA);
        await(WAIT, () -> robot.lookup("#settings").tryQuery().isPresent());
    }

    private static FxRobotInterface click(FxRobot robot, String id) {
        robot.interact(() -> robot.lookup(id).query().requestFocus());
        return robot.clickOn(id);
    }

    private static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryTextInputControl().setText(""));
        click(robot, id).write(text);
    }

    private static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Labeled l ? l.getText() : ((javafx.scene.control.TextInputControl) node).getText();
    }

    /** Waits until the node's text passes; on timeout, says what the window shows instead. */
    private static String awaitText(FxRobot robot, String id, java.util.function.Predicate<String> ok) {
        try {
            return await(WAIT, () -> ok.test(text(robot, id)) ? text(robot, id) : null);
        } catch (AssertionError e) {
            StringBuilder shown = new StringBuilder(id + " shows \"" + text(robot, id) + "\"; the window:");
            for (String other : List.of("#settings-tls-status", "#settings-tls-address-problem",
                    "#settings-tls-port-problem", "#settings-tls-folder-problem", "#settings-tls-certificate",
                    "#settings-tls-folder")) {
                shown.append("\n  ").append(other).append(": ").append(text(robot, other));
            }
            throw new AssertionError(shown.toString(), e);
        }
    }

    /** Flips the switch as a person does: on its track (the label beside it does not flip it). */
    private static void flip(FxRobot robot, String id) {
        ToggleSwitch toggle = robot.lookup(id).queryAs(ToggleSwitch.class);
        boolean before = toggle.isSelected();
        Node track = robot.from(toggle).lookup(".thumb-area").query();
        robot.clickOn(track, javafx.scene.input.MouseButton.PRIMARY);
        await(WAIT, () -> toggle.isSelected() != before);
    }

    private static boolean disabled(FxRobot robot, String id) {
        return robot.lookup(id).query().isDisabled();
    }

    @Test
    void remoteAccessServesTheDockerCliOverMutualTlsKeepsContainersAndTurnsOff(FxRobot robot) throws Exception {
        String box = "berth-settings-" + Long.toHexString(System.nanoTime());
        engine.docker("run", "-d", "--name", box, dev.berth.engine.testing.BusyboxImage.NAME, "sleep", "600")
                .requireSuccess("docker run");
        String pid = containerPid(box);
        Path stranger = temp.resolve("stranger");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(stranger, List.of("localhost", "127.0.0.1")));
        showApp(robot, true);
        await(WAIT, () -> context.engines().sessionProperty().get());
        openSettingsWithCtrlComma(robot);
        awaitText(robot, "#settings-tls-status", t -> t.startsWith("Remote access is off"));

        // certificates from the wizard that "Generate certificates…" opens; its folder becomes the listener's
        Path certs = temp.resolve("certs");
        click(robot, "#settings-tls-generate");
        await(WAIT, () -> robot.lookup("#tls-hosts").tryQuery().isPresent());
        type(robot, "#tls-hosts", "localhost, 127.0.0.1");
        type(robot, "#tls-output", certs.toString());
        await(WAIT, () -> !robot.lookup("#tls-finish").queryAs(Button.class).isDisabled());
        click(robot, "#tls-finish");
        await(WAIT, () -> robot.lookup("#tls-result-title").tryQuery().isPresent());
        click(robot, "#tls-close");
        await(WAIT, () -> certs.toString().equals(text(robot, "#settings-tls-folder")));
        awaitText(robot, "#settings-tls-certificate", t -> t.startsWith("Server certificate for localhost, "
                + "127.0.0.1; valid until "));

        int port = freePort();
        flip(robot, "#settings-tls-enabled");
        type(robot, "#settings-tls-address", "127.0.0.1");
        type(robot, "#settings-tls-port", Integer.toString(port));
        await(WAIT, () -> !disabled(robot, "#settings-tls-apply"));
        assertEquals("", text(robot, "#settings-tls-port-problem"));
        click(robot, "#settings-tls-apply");
        String listening = awaitText(robot, "#settings-tls-status",
                t -> t.startsWith("Listening on") || t.startsWith("Berth's engine could"));
        assertEquals("Listening on tcp://127.0.0.1:" + port + " with TLS. Only clients with a certificate from "
                + "this CA can connect.", listening);

        // the lines the window gives a client, as the docker CLI's environment
        String lines = robot.lookup("#settings-tls-client").queryAs(TextArea.class).getText();
        assertEquals("export DOCKER_HOST=tcp://127.0.0.1:" + port + "\nexport DOCKER_TLS_VERIFY=1\n"
                + "export DOCKER_CERT_PATH=" + certs, lines);
        Map<String, String> env = new HashMap<>();
        lines.lines().map(l -> l.substring("export ".length()).split("=", 2)).forEach(kv -> env.put(kv[0], kv[1]));
        String names = engine.dockerWith(env, "ps", "--format", "{{.Names}}").requireSuccess("docker ps over TLS")
                .stdout().strip();
        assertEquals(box, names);

        // Berth's remote client with the client certificate; a certificate from another CA fails the handshake
        EngineEndpoint tcp = EngineEndpoint.parse("tcp://127.0.0.1:" + port, TlsSettings.fromCertDir(certs, true),
                "test");
        try (EngineClient client = EngineClient.connect(tcp, TransportOptions.DEFAULT)) {
            List<ContainerSummary> running = client.containers().list(ListContainersParams.includingStopped());
            assertEquals(List.of("/" + box), running.stream().flatMap(c -> c.names().stream()).toList());
        }
        Path mixed = Files.createDirectories(temp.resolve("mixed"));
        Files.copy(certs.resolve("ca.pem"), mixed.resolve("ca.pem"));
        Files.copy(stranger.resolve("cert.pem"), mixed.resolve("cert.pem"));
        Files.copy(stranger.resolve("key.pem"), mixed.resolve("key.pem"));
        EngineEndpoint strangerEndpoint = EngineEndpoint.parse("tcp://127.0.0.1:" + port,
                TlsSettings.fromCertDir(mixed, true), "test");
        assertThrows(EngineConnectionException.class, () -> {
            try (EngineClient client = EngineClient.connect(strangerEndpoint, TransportOptions.DEFAULT)) {
                client.system().version();
            }
        });

        // the engine restarted in place: the container kept running, the app's session is back, the choice is saved
        assertEquals(pid, containerPid(box), "the container kept running through the restart");
        EngineSession session = await(WAIT, () -> context.engines().sessionProperty().get());
        assertEquals(List.of("/" + box), session.client().containers().list(ListContainersParams.includingStopped())
                .stream().flatMap(c -> c.names().stream()).toList());
        RemoteAccess saved = SettingsStore.at(temp.resolve("config/settings.json")).load().remoteAccess();
        assertEquals(new RemoteAccess(true, "127.0.0.1", port, certs), saved);

        // off: the engine restarts without the TCP listener
        flip(robot, "#settings-tls-enabled");
        await(WAIT, () -> !disabled(robot, "#settings-tls-apply"));
        click(robot, "#settings-tls-apply");
        awaitText(robot, "#settings-tls-status", t -> t.startsWith("Remote access is off"));
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            }
        });
        assertEquals(List.of(), engine.engine().listening().stream().filter(h -> h.startsWith("tcp:")).toList());
        assertEquals(pid, containerPid(box));
        assertFalse(SettingsStore.at(temp.resolve("config/settings.json")).load().remoteAccess().enabled());
        engine.docker("rm", "-f", box).requireSuccess("docker rm");
    }

    @Test
    void aFolderWithoutTheServerKeyIsRefusedInlineAndNothingRestarts(FxRobot robot) throws Exception {
        Path certs = temp.resolve("certs");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(certs, List.of("localhost", "127.0.0.1")));
        Files.delete(certs.resolve("server-key.pem"));
        Object socketBefore = Files.readAttributes(engine.socket(), BasicFileAttributes.class).fileKey();
        showApp(robot, true);
        openSettingsWithCtrlComma(robot);
        awaitText(robot, "#settings-tls-status", t -> t.startsWith("Remote access is off"));

        flip(robot, "#settings-tls-enabled");
        type(robot, "#settings-tls-address", "127.0.0.1");
        type(robot, "#settings-tls-port", Integer.toString(freePort()));
        type(robot, "#settings-tls-folder", certs.toString());
        awaitText(robot, "#settings-tls-folder-problem", t -> t.equals("There is no server-key.pem in " + certs
                + ". Choose the folder the certificate wizard wrote, or generate certificates."));
        assertTrue(disabled(robot, "#settings-tls-apply"), "Apply waits for a usable folder");
        type(robot, "#settings-tls-port", "70000");
        awaitText(robot, "#settings-tls-port-problem", t -> t.equals("Enter a port from 1 to 65535."));
        robot.interact(() -> robot.lookup("#settings-tls-apply").queryAs(Button.class).fire());

        assertEquals(socketBefore, Files.readAttributes(engine.socket(), BasicFileAttributes.class).fileKey(),
                "the engine was not restarted (it would have made its socket anew)");
        assertEquals(List.of(), engine.engine().listening().stream().filter(h -> h.startsWith("tcp:")).toList());
        assertFalse(Files.exists(temp.resolve("config/settings.json")), "nothing was saved");
    }

    @Test
    void whenTheEngineCannotListenItSaysWhyAndRunsAgainWithoutRemoteAccess(FxRobot robot) throws Exception {
        Path certs = temp.resolve("certs");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(certs, List.of("localhost", "127.0.0.1", "::1")));
        showApp(robot, true);
        openSettingsWithCtrlComma(robot);
        awaitText(robot, "#settings-tls-status", t -> t.startsWith("Remote access is off"));
        int port = freePort();
        flip(robot, "#settings-tls-enabled");
        type(robot, "#settings-tls-address", "127.0.0.1");
        type(robot, "#settings-tls-port", Integer.toString(port));
        type(robot, "#settings-tls-folder", certs.toString());
        await(WAIT, () -> !disabled(robot, "#settings-tls-apply"));
        click(robot, "#settings-tls-apply");
        awaitText(robot, "#settings-tls-status", t -> t.startsWith("Listening on tcp://127.0.0.1:" + port));

        // the engine's own port counts as free (the restart frees it), but another program holds it on ::1, so the
        // engine cannot take it on every address
        try (ServerSocket blocker = new ServerSocket()) {
            blocker.bind(new InetSocketAddress("::1", port));
            type(robot, "#settings-tls-address", "::");
            await(WAIT, () -> !disabled(robot, "#settings-tls-apply"));
            click(robot, "#settings-tls-apply");
            String failed = awaitText(robot, "#settings-tls-status", t -> t.startsWith("Berth's engine could not"));
            assertTrue(failed.startsWith("Berth's engine could not listen on tcp://[::]:" + port + ": cannot listen on "
                    + "tcp://[::]:" + port + ": "), failed);
            assertTrue(failed.endsWith(". It runs again without remote access, and remote access was switched off."),
                    failed);
        }
        assertFalse(robot.lookup("#settings-tls-enabled").queryAs(ToggleSwitch.class).isSelected());
        assertEquals(List.of("unix://" + engine.socket()), engine.engine().listening());
        EngineSession session = await(WAIT, () -> context.engines().sessionProperty().get());
        session.client().system().ping();
        RemoteAccess saved = SettingsStore.at(temp.resolve("config/settings.json")).load().remoteAccess();
        assertEquals(new RemoteAccess(false, "::", port, certs), saved, "the next start does not try again");
    }

    @Test
    void savedRemoteAccessTheEngineCannotUseAtStartUpIsDroppedAndSaidSo(FxRobot robot) throws IOException {
        Path gone = temp.resolve("no-such-folder");
        RemoteAccess remote = new RemoteAccess(true, "127.0.0.1", freePort(), gone);
        SettingsStore.at(temp.resolve("config/settings.json")).save(Settings.defaults().withRemoteAccess(remote));
        try {
            // as the app starts its engine with the saved settings
            engine.engine().close();
            engine.engine().useExtraFlags(remote.startFlags());
            assertEquals(null, engine.engine().ensureRunning(), "the engine starts, without the listener");
            assertEquals(List.of("unix://" + engine.socket()), engine.engine().listening());

            showApp(robot, true);
            openSettingsWithCtrlComma(robot);
            String status = awaitText(robot, "#settings-tls-status", t -> t.startsWith("Remote access was on"));
            assertTrue(status.startsWith("Remote access was on, but Berth's engine could not listen when it started: "),
                    status);
            assertTrue(status.contains(gone + "/server-cert.pem does not exist"), status);
            awaitText(robot, "#settings-tls-folder-problem", t -> t.equals(gone + " is not a folder."));
        } finally {
            engine.engine().useExtraFlags(List.of());
        }
    }

    @Test
    void withoutTheEmbeddedEngineTheSectionSaysWhyAndIsDisabledWhileTheLanguageIsSaved(FxRobot robot) {
        showApp(robot, false);
        openSettingsWithCtrlComma(robot);
        await(WAIT, () -> text(robot, "#settings-tls-unavailable").startsWith("This window does not run Berth's own"
                + " engine"));
        assertTrue(disabled(robot, "#settings-tls-enabled"));
        assertTrue(disabled(robot, "#settings-tls-apply"));

        robot.interact(() -> robot.lookup("#settings-language").<Language>queryComboBox().getSelectionModel()
                .select(Language.KOREAN));
        await(WAIT, () -> text(robot, "#settings-language-note").startsWith("Saved. Berth shows this language from "
                + "its next start"));
        assertEquals(Language.KOREAN, SettingsStore.at(temp.resolve("config/settings.json")).load().language());
        assertEquals(Locale.ENGLISH, Texts.locale(), "the window keeps its language until Berth starts again");

        // the palette offers it too, with its shortcut
        robot.interact(() -> robot.lookup("#settings").query().getScene().getWindow().hide());
        robot.interact(() -> context.mainWindow().openPalette());
        await(WAIT, () -> robot.lookup("#palette-search").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#palette-search").queryTextInputControl().setText("settings"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<PaletteCommand> list = robot.lookup("#palette-list").queryAs(
                javafx.scene.control.ListView.class);
        PaletteCommand command;
        try {
            command = await(WAIT, () -> {
                PaletteCommand selected = list.getSelectionModel().getSelectedItem();
                return selected != null && selected.title().equals("Settings…") ? selected : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError("palette shows " + list.getItems().stream().map(PaletteCommand::title).toList(), e);
        }
        assertEquals("Ctrl+,", command.shortcutText());
        robot.interact(() -> {
            robot.lookup("#palette-search").query().getScene().getWindow().hide();
            command.action().run();
        });
        await(WAIT, () -> robot.lookup("#settings").tryQuery().isPresent());
    }

    private static String containerPid(String name) {
        return engine.docker("inspect", "-f", "{{.State.Running}} {{.State.Pid}}", name).requireSuccess("inspect")
                .stdout().strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
