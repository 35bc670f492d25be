package dev.berth.desktop.tlswizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.connect.ConnectWizard;
import dev.berth.desktop.connect.SavedConnections;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.testing.WizardTestStage;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.endpoint.DockerConfigDir;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.tls.TlsBundleGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 6's first "done when": certificates made with the wizard, a real dockerd started with {@code --tlsverify}
 * on a loopback port with them, and the app connecting with the client certificate — through the connect wizard's
 * Test and Save, then listing containers — and the docker CLI through the context the wizard wrote.
 */
@ExtendWith(ApplicationExtension.class)
class TlsEndToEndTest extends WizardTestStage {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final List<EngineEntry> saved = new CopyOnWriteArrayList<>();
    private volatile Stage connectWindow;
    private TlsDockerd dockerd;

    @AfterEach
    void stopDockerd() {
        if (dockerd != null) {
            dockerd.close();
        }
    }



    @Test
    void theWizardsCertificatesSecureARealDockerdThatTheAppAndTheCliReachWithTheClientCertificate(FxRobot robot)
            throws Exception {
        DockerContexts contexts = new DockerContexts(new DockerConfigDir(temp.resolve("docker-config")));
        SavedConnections store = SavedConnections.at(temp.resolve("config/connections.json"));
        ConnectWizard connect = new ConnectWizard(background, notifier, store, contexts, latest, saved::add,
                Clock.systemUTC());
        TlsWizard wizard = new TlsWizard(background, notifier, contexts, new TlsBundleGenerator(), null, latest,
                (host, dir) -> connectWindow = opened(connect.open(owner, host, dir)));
        robot.interact(() -> opened(wizard.open(owner)));

        int port = TlsDockerd.freePort();
        Path certs = temp.resolve("certs");
        DesktopFixture.await(WAIT, () -> !robot.lookup("#tls-hosts").queryTextInputControl().getText().isBlank());
        type(robot, "#tls-hosts", "localhost, 127.0.0.1");
        type(robot, "#tls-port", Integer.toString(port));
        type(robot, "#tls-client-name", "berth-e2e");
        type(robot, "#tls-output", certs.toString());
        DesktopFixture.await(WAIT, () -> !robot.lookup("#tls-finish").queryAs(Button.class).isDisabled());
        click(robot, "#tls-finish");
        DesktopFixture.await(WAIT, () -> robot.lookup("#tls-result-title").tryQuery().isPresent());
        type(robot, "#tls-context-name", "berth-it-e2e");
        click(robot, "#tls-create-context");
        DesktopFixture.await(WAIT, () -> !robot.lookup("#tls-context-status").queryLabeled().getText().isEmpty());

        dockerd = TlsDockerd.start(certs, port);
        dockerd.importEmptyImage("berth-it/empty:latest");
        dockerd.docker("create", "--name", "berth-it-e2e-box", "berth-it/empty:latest", "/none")
                .requireSuccess("docker create");

        // the docker CLI through the context the wizard wrote (its own copy of ca.pem, cert.pem and key.pem)
        String names = dockerd.dockerWith(Map.of("DOCKER_CONFIG", temp.resolve("docker-config").toString()),
                "--context", "berth-it-e2e", "ps", "-a", "--format", "{{.Names}}").requireSuccess("docker --context ps")
                .stdout().strip();
        assertEquals("berth-it-e2e-box", names);

        // the app: "Connect to this engine…" opens the connect wizard with the address and the folder
        click(robot, "#tls-connect");
        DesktopFixture.await(WAIT, () -> connectWindow != null && connectWindow.isShowing());
        assertEquals("tcp://localhost:" + port, robot.lookup("#connect-address").queryTextInputControl().getText());
        assertEquals(certs.resolve("cert.pem").toString(), robot.lookup("#connect-cert").queryTextInputControl().getText());
        click(robot, "#connect-test");
        String headline = DesktopFixture.await(WAIT, () -> {
            String text = robot.lookup("#connect-result-title").queryLabeled().getText();
            return text.isEmpty() ? null : text;
        });
        assertTrue(headline.startsWith("Connected to "), headline + ": "
                + robot.lookup("#connect-result-detail").queryLabeled().getText());
        assertTrue(robot.lookup("#connect-result-detail").queryLabeled().getText().endsWith("0 of 1 container running"),
                robot.lookup("#connect-result-detail").queryLabeled().getText());
        click(robot, "#connect-save");
        DesktopFixture.await(WAIT, () -> !connectWindow.isShowing());

        assertEquals(1, saved.size());
        EngineEntry entry = saved.get(0);
        assertTrue(entry.endpoint().isTls());
        try (EngineClient client = EngineClient.connect(entry.endpoint())) {
            List<ContainerSummary> containers = client.containers().list(true, null, false, null);
            assertEquals(List.of("/berth-it-e2e-box"), containers.stream().flatMap(c -> c.names().stream()).toList());
        }
    }
}
