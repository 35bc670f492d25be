package dev.berth.desktop.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.berth.desktop.app.AppContext;
import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The wizards inside the app: saved connections in the engines list (with the expiry badge), the sidebar's
 * "Connect to engine…" button saving straight into the list, and the command palette's certificate command.
 */
@ExtendWith(ApplicationExtension.class)
class EnginesListConnectTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private AppContext context;
    private SavedConnections store;
    private TlsBundle expiring;

    @Start
    void start(Stage stage) {
        Texts.useLocale(Locale.ENGLISH); // the tests find nodes by their English text
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        expiring = new TlsBundleGenerator().generate(TlsBundleRequest.of(temp.resolve("expiring"),
                List.of("localhost")).withDays(10));
        store = SavedConnections.at(temp.resolve("config/connections.json"));
        store.save(new SavedConnection("berth-it-expiring", "tcp://localhost:1", true, true,
                expiring.outDir().resolve("ca.pem"), expiring.outDir().resolve("cert.pem"),
                expiring.outDir().resolve("key.pem")));
        EngineEntry engine = new EngineEntry("test dockerd", "test", Dockerd.shared().unixEndpoint());
        context = new AppContext(new EndpointResolver(Map.of(), temp.resolve("home")), List.of(engine), List.of(),
                store, temp.resolve("config/certificates"));
        Scene scene = new Scene(context.mainWindow(), 1400, 900);
        scene.getStylesheets().add(AppContext.class.getResource("/dev/berth/desktop/app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void cleanUp(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s && s.getScene() != null && s.getScene().getRoot() != context.mainWindow()) {
                    s.close();
                }
            }
        });
        robot.interact(context::close);
    }

    private EngineEntry engine(String name) {
        return context.engines().engines().stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void savedConnectionsAreListedAndOnesWhoseCertificatesExpireSoonAreFlagged(FxRobot robot) {
        EngineEntry saved = DesktopFixture.await(WAIT, () -> engine("berth-it-expiring"));
        assertEquals("saved", saved.origin());
        assertEquals(List.of("test dockerd", "berth-it-expiring"),
                context.engines().engines().stream().map(EngineEntry::name).toList(), "after the app's own engines");
        Node badge = DesktopFixture.await(WAIT, () -> robot.lookup(".engine-cert-warning").tryQuery().orElse(null));
        ListCell<?> cell = null;
        for (Node n = badge; n != null && cell == null; n = n.getParent()) {
            cell = n instanceof ListCell<?> c ? c : null;
        }
        assertEquals(saved, cell.getItem());
        assertTrue(cell.getTooltip().getText().contains("The client certificate expires in 10 days"),
                cell.getTooltip().getText());
        assertEquals(1, robot.lookup(".engine-cert-warning").queryAll().size(), "only the expiring one is flagged");
    }

    @Test
    void theSidebarButtonConnectsAndTheSavedEngineJoinsTheList(FxRobot robot) {
        Dockerd dockerd = Dockerd.shared();
        Path certs = dockerd.certDir();
        DesktopFixture.await(WAIT, () -> engine("berth-it-expiring"));
        robot.clickOn("#engines-connect");
        DesktopFixture.await(WAIT, () -> robot.lookup("#connect-wizard").tryQuery().isPresent());
        robot.clickOn("#connect-address").write("tcp://localhost:" + dockerd.tlsPort());
        robot.interact(() -> {
            robot.lookup("#connect-ca").queryTextInputControl().setText(certs.resolve("ca.pem").toString());
            robot.lookup("#connect-cert").queryTextInputControl().setText(certs.resolve("cert.pem").toString());
            robot.lookup("#connect-key").queryTextInputControl().setText(certs.resolve("key.pem").toString());
            robot.lookup("#connect-name").queryTextInputControl().setText("berth-it-app");
        });
        robot.clickOn("#connect-save");

        EngineEntry added = DesktopFixture.await(WAIT, () -> engine("berth-it-app"));
        assertEquals("saved", added.origin());
        DesktopFixture.await(WAIT, () -> added.status().reachable());
        assertEquals(List.of("berth-it-expiring", "berth-it-app"),
                store.list().stream().map(SavedConnection::name).toList());
    }

    @Test
    void theCommandPaletteOpensTheCertificateWizard(FxRobot robot) {
        DesktopFixture.await(WAIT, () -> engine("berth-it-expiring"));
        robot.interact(() -> context.mainWindow().openPalette());
        DesktopFixture.await(WAIT, () -> robot.lookup("#palette-search").tryQuery().isPresent());
        robot.clickOn("#palette-search").write("generate tls").type(KeyCode.ENTER);
        DesktopFixture.await(WAIT, () -> robot.lookup("#tls-wizard").tryQuery().isPresent());
        assertTrue(robot.lookup("#engines-certificates").tryQuery().isPresent(), "and the sidebar has a button for it");
    }
}
