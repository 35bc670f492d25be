package dev.berth.desktop.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.engines.EngineCatalog;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.WizardTestStage;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.ContextDefinition;
import dev.berth.remote.endpoint.ContextTlsMaterial;
import dev.berth.remote.endpoint.DockerConfigDir;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The connect wizard driven through its UI against the real test dockerd (mutual TLS on 127.0.0.1, and the same
 * certificate on 127.0.0.2, which it does not name): each kind of failure shows its own headline.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectWizardTest extends WizardTestStage {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<EngineEntry> saved = new CopyOnWriteArrayList<>();
    private Stage window;

    private SavedConnections store() {
        return SavedConnections.at(temp.resolve("config/connections.json"));
    }

    private DockerContexts contexts() {
        return new DockerContexts(new DockerConfigDir(temp.resolve("docker-config")));
    }

    private void open(FxRobot robot) {
        ConnectWizard wizard = new ConnectWizard(background, notifier, store(), contexts(), latest, saved::add,
                Clock.systemUTC());
        robot.interact(() -> window = opened(wizard.open(owner)));
    }

    /** Focuses the node first, so that the wizard scrolls it into sight, then clicks it as a user would. */


    /** Types the address and the three paths, as a user would. */
    private static void fill(FxRobot robot, String address, Path ca, Path cert, Path key) {
        type(robot, "#connect-address", address);
        type(robot, "#connect-ca", ca.toString());
        type(robot, "#connect-cert", cert.toString());
        type(robot, "#connect-key", key.toString());
    }

    /** Types the address; pastes the paths (typing long paths only makes the failure tests slow). */
    private static void fillQuickly(FxRobot robot, String address, Path ca, Path cert, Path key) {
        type(robot, "#connect-address", address);
        robot.interact(() -> {
            robot.lookup("#connect-ca").queryTextInputControl().setText(ca.toString());
            robot.lookup("#connect-cert").queryTextInputControl().setText(cert.toString());
            robot.lookup("#connect-key").queryTextInputControl().setText(key.toString());
        });
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled().getText();
    }

    /** Clicks Test and waits for the outcome's headline. */
    private static String test(FxRobot robot) {
        click(robot, "#connect-test");
        return DesktopFixture.await(WAIT, () -> {
            String headline = text(robot, "#connect-result-title");
            return headline.isEmpty() ? null : headline;
        });
    }

    private Path otherCa() {
        Path dir = temp.resolve("other-ca");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(dir, List.of("localhost", "127.0.0.1"))
                .withClientName("stranger"));
        return dir;
    }

    @Test
    void aWorkingConnectionShowsTheEnginesVersionAndContainerCounts(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        open(robot);
        fill(robot, "tcp://localhost:" + dockerd.tlsPort(), certs.resolve("ca.pem"), certs.resolve("cert.pem"),
                certs.resolve("key.pem"));

        String headline = test(robot);
        String version = dockerd.docker("version", "--format", "{{.Server.Version}}").requireSuccess("version")
                .stdout().strip();
        assertTrue(headline.startsWith("Connected to ") && headline.endsWith(" " + version), headline);
        String detail = text(robot, "#connect-result-detail");
        try (EngineClient client = EngineClient.connect(dockerd.unixEndpoint())) {
            int total = client.system().info().containers();
            assertTrue(detail.matches("API 1\\.\\d+ · linux/\\w+ · \\d+ of " + total + " containers? running"), detail);
        }
    }

    @Test
    void aCaThatDidNotSignTheEnginesCertificateIsNamed(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        Path other = otherCa();
        open(robot);
        fillQuickly(robot, "tcp://localhost:" + dockerd.tlsPort(), other.resolve("ca.pem"), certs.resolve("cert.pem"),
                certs.resolve("key.pem"));

        assertEquals("The engine's certificate is not signed by this CA", test(robot));
        assertTrue(text(robot, "#connect-result-detail").contains("not signed by the CA we trust"),
                text(robot, "#connect-result-detail"));
    }

    @Test
    void aClientCertificateFromAnotherCaIsRejectedByTheEngine(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        Path other = otherCa();
        open(robot);
        fillQuickly(robot, "tcp://localhost:" + dockerd.tlsPort(), certs.resolve("ca.pem"), other.resolve("cert.pem"),
                other.resolve("key.pem"));

        assertEquals("The engine rejected the client certificate", test(robot));
        assertTrue(text(robot, "#connect-result-detail").contains("rejected our client certificate"),
                text(robot, "#connect-result-detail"));
    }

    @Test
    void anAddressTheCertificateDoesNotNameIsNamed(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        open(robot);
        fillQuickly(robot, "tcp://127.0.0.2:" + dockerd.unlistedAddressPort(), certs.resolve("ca.pem"),
                certs.resolve("cert.pem"), certs.resolve("key.pem"));

        assertEquals("The address is not in the engine's certificate", test(robot));
        assertTrue(text(robot, "#connect-result-detail").contains("127.0.0.2"), text(robot, "#connect-result-detail"));
    }

    @Test
    void plainHttpToTheTlsPortSaysToTurnTlsOn(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        open(robot);
        type(robot, "#connect-address", "tcp://localhost:" + dockerd.tlsPort());
        click(robot, "#connect-tls");

        assertEquals("This port expects HTTPS (TLS), but TLS is off", test(robot));
    }

    @Test
    void problemsShowUnderTheirFieldsAndKeepTestAndSaveDisabled(FxRobot robot) {
        open(robot);
        assertFalse(text(robot, "#connect-address-problem").isEmpty());
        assertTrue(robot.lookup("#connect-test").queryAs(Button.class).isDisabled());

        type(robot, "#connect-address", "ftp://example");
        assertTrue(text(robot, "#connect-address-problem").contains("ftp://example"),
                text(robot, "#connect-address-problem"));
        type(robot, "#connect-address", "unix:///run/docker.sock");
        assertEquals("", text(robot, "#connect-address-problem"));
        assertEquals("TLS is for tcp:// addresses; turn it off for a Unix socket.", text(robot, "#connect-tls-problem"));
        click(robot, "#connect-tls");
        assertEquals("", text(robot, "#connect-tls-problem"));
        assertEquals("docker.sock", robot.lookup("#connect-name").queryTextInputControl().getText(),
                "the name follows the address until the user types one");

        type(robot, "#connect-address", "tcp://example.com:2376");
        click(robot, "#connect-tls");
        type(robot, "#connect-cert", "/somewhere/cert.pem");
        assertTrue(text(robot, "#connect-tls-problem").startsWith("A client certificate needs both files"));
        assertTrue(robot.lookup("#connect-save").queryAs(Button.class).isDisabled());
    }

    @Test
    void savedConnectionsKeepPathsOnlyAndAreListedAsSavedAfterARestart(FxRobot robot) throws Exception {
        Dockerd dockerd = Dockerd.shared();
        latest.set(dockerd.certDir());
        open(robot);
        type(robot, "#connect-address", "tcp://localhost:" + dockerd.tlsPort());
        click(robot, "#connect-latest"); // the certificate wizard's folder: ca.pem, cert.pem, key.pem
        assertEquals(dockerd.certDir().resolve("key.pem").toString(),
                robot.lookup("#connect-key").queryTextInputControl().getText());
        type(robot, "#connect-name", "berth-it-remote");
        click(robot, "#connect-save");

        DesktopFixture.await(WAIT, () -> !window.isShowing());
        assertEquals(1, saved.size());
        assertEquals("berth-it-remote", saved.get(0).name());
        assertEquals("saved", saved.get(0).origin());
        String json = Files.readString(store().file().orElseThrow());
        assertFalse(json.contains("PRIVATE KEY"), json);
        assertEquals(List.of(new SavedConnection("berth-it-remote", "tcp://localhost:" + dockerd.tlsPort(), true, true,
                dockerd.certDir().resolve("ca.pem"), dockerd.certDir().resolve("cert.pem"),
                dockerd.certDir().resolve("key.pem"))), store().list());

        // after a restart: the catalog lists it as "saved", and it connects
        SavedConnections reopened = SavedConnections.at(store().file().orElseThrow());
        List<EngineEntry> engines = new EngineCatalog(new EndpointResolver(Map.of(), temp.resolve("home")),
                () -> reopened.entries(Clock.systemUTC()), List.of()).discover();
        assertEquals(1, engines.size());
        assertEquals("saved", engines.get(0).origin());
        assertTrue(ConnectionCheck.run(engines.get(0).endpoint()).ok());
    }

    @Test
    void aDockerContextFillsTheAddressAndTlsFiles(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        contexts().create(new ContextDefinition("berth-it-ctx", null, "tcp://127.0.0.1:" + dockerd.tlsPort(), false,
                ContextTlsMaterial.readFiles(certs.resolve("ca.pem"), certs.resolve("cert.pem"),
                        certs.resolve("key.pem"))));
        open(robot);
        @SuppressWarnings("unchecked")
        ComboBox<ConnectViewModel.ContextChoice> box = robot.lookup("#connect-context").queryAs(ComboBox.class);
        DesktopFixture.await(WAIT, () -> !box.getItems().isEmpty());
        robot.interact(() -> box.getSelectionModel().select(0));

        assertEquals("tcp://127.0.0.1:" + dockerd.tlsPort(),
                robot.lookup("#connect-address").queryTextInputControl().getText());
        assertEquals("berth-it-ctx", robot.lookup("#connect-name").queryTextInputControl().getText());
        assertEquals(contexts().tlsDir("berth-it-ctx").resolve("cert.pem").toString(),
                robot.lookup("#connect-cert").queryTextInputControl().getText());
        assertTrue(test(robot).startsWith("Connected to "));
    }
}
