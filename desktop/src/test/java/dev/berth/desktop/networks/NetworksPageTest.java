package dev.berth.desktop.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.resources.UiSteps;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.remote.testing.Dockerd;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Networks page against the real test dockerd: create through the dialog (and its inline validation), connect
 * and disconnect a container with an alias, the attached containers and the topology map, remove and prune. What
 * the UI did is checked with the docker CLI.
 */
// user-defined networks, published ports and connect: not on Berth's engine until its networking lands
@ExtendWith(ApplicationExtension.class)
class NetworksPageTest {

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> networks = new ArrayList<>();
    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        try {
            app.tearDown();
        } finally {
            for (String n : networks) {
                app.dockerd().docker("network", "rm", n);
            }
        }
    }

    private String network(String what) {
        String name = "berth-ui-" + what + "-" + suffix;
        networks.add(name);
        return name;
    }

    @Test
    void createValidatesInlineThenMakesTheNetworkWithSubnetGatewayAndLabel(FxRobot robot) {
        app.awaitSession();
        String name = network("made");
        String subnet = "172.29." + ThreadLocalRandom.current().nextInt(1, 250) + ".0/24";
        String prefix = subnet.substring(0, subnet.lastIndexOf('.'));
        TableView<NetworkRow> table = UiSteps.open(robot, "networks", "networks-table");

        // Ctrl+N on this page creates a network (not a container)
        robot.clickOn(table);
        DesktopFixture.press(robot, KeyCode.CONTROL, KeyCode.N);
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-create-dialog").tryQuery().orElse(null));
        robot.clickOn("#network-name").write(name);
        robot.clickOn("#network-subnet").write(prefix + ".0/33");
        robot.clickOn("#network-create-confirm");
        Label error = robot.lookup("#network-create-error").queryAs(Label.class);
        DesktopFixture.await(UiSteps.WAIT, () -> error.isVisible() && error.getText().contains("CIDR"));
        assertTrue(error.getText().contains(prefix + ".0/33"), error.getText());

        UiSteps.replaceText(robot, "#network-subnet", subnet);
        robot.clickOn("#network-gateway").write("172.28.0.1");
        robot.clickOn("#network-create-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> error.getText().contains("not inside subnet"));
        assertFalse(error.getText().contains("CIDR"), "the subnet problem went once it was fixed: " + error.getText());
        assertNotEquals(0, app.dockerd().docker("network", "inspect", name).exitCode(),
                "an invalid form never reaches the engine");

        UiSteps.replaceText(robot, "#network-gateway", prefix + ".1");
        robot.clickOn("#network-ip-range").write(prefix + ".128/25");
        robot.clickOn("#network-labels").write("dev.berth.test=netvol");
        robot.clickOn("#network-create-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-create-dialog").tryQuery().isEmpty());

        String ipam = app.dockerd().docker("network", "inspect", "-f",
                "{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}", name)
                .requireSuccess("docker network inspect").stdout().strip();
        assertEquals(subnet + " " + prefix + ".1 " + prefix + ".128/25", ipam);
        assertEquals("netvol", app.dockerd().docker("network", "inspect", "-f",
                "{{index .Labels \"dev.berth.test\"}}", name).stdout().strip());
        assertEquals("bridge", app.dockerd().docker("network", "inspect", "-f", "{{.Driver}}", name).stdout().strip());
        NetworkRow row = UiSteps.awaitRow(table, r -> r.name().equals(name));
        assertEquals(subnet, row.subnetProperty().get());
        assertEquals(prefix + ".1", row.gatewayProperty().get());
    }

    @Test
    void connectWithAnAliasShowsTheContainerOnTheNetworkThenDisconnects(FxRobot robot) {
        String net = network("conn");
        app.dockerd().docker("network", "create", net).requireSuccess("docker network create");
        String web = app.container("run", "-d", Dockerd.BUSYBOX, "sleep", "600");
        app.awaitSession();
        TableView<NetworkRow> table = UiSteps.open(robot, "networks", "networks-table");
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.name().equals(net)));

        robot.clickOn("#networks-connect");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-connect-dialog").tryQuery().orElse(null));
        ComboBox<?> container = robot.lookup("#connect-container").queryAs(ComboBox.class);
        DesktopFixture.await(UiSteps.WAIT, () -> container.getItems().contains(web));
        robot.clickOn(container.getEditor()).write(web);
        robot.clickOn("#connect-aliases").write("db-" + suffix + ", primary");
        robot.clickOn("#network-connect-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-connect-dialog").tryQuery().isEmpty());

        String aliases = app.dockerd().docker("inspect", "-f",
                "{{json (index .NetworkSettings.Networks \"" + net + "\").Aliases}}", web)
                .requireSuccess("docker inspect").stdout();
        assertTrue(aliases.contains("\"db-" + suffix + "\"") && aliases.contains("\"primary\""), aliases);
        String ip = app.dockerd().docker("inspect", "-f",
                "{{(index .NetworkSettings.Networks \"" + net + "\").IPAddress}}", web).stdout().strip();
        assertFalse(ip.isEmpty(), "the container has an address on the network");

        @SuppressWarnings("unchecked")
        TableView<AttachedContainer> attached = robot.lookup("#network-containers-table").queryAs(TableView.class);
        AttachedContainer shown = UiSteps.awaitRow(attached, c -> c.name().equals(web));
        assertEquals(ip, shown.ipv4().substring(0, shown.ipv4().indexOf('/')));
        assertEquals(List.of("db-" + suffix, "primary"), shown.aliases());
        assertFalse(shown.mac().isEmpty());
        UiSteps.awaitRow(table, r -> r.name().equals(net) && r.containersProperty().get() == 1);

        UiSteps.clickRow(robot, attached, shown);
        robot.clickOn("#network-containers-disconnect");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-disconnect-dialog").tryQuery().orElse(null));
        robot.clickOn("#disconnect-force");
        robot.clickOn("#network-disconnect-confirm");
        UiSteps.awaitNoRow(attached, c -> c.name().equals(web));
        assertEquals("false", app.dockerd().docker("inspect", "-f",
                "{{if index .NetworkSettings.Networks \"" + net + "\"}}true{{else}}false{{end}}", web).stdout().strip());
    }

    @Test
    void topologyMapLinksContainersToTheirNetworksAndShowsPublishedPorts(FxRobot robot) {
        String net = network("map");
        app.dockerd().docker("network", "create", net).requireSuccess("docker network create");
        app.awaitSession();
        UiSteps.open(robot, "networks", "networks-table");
        robot.clickOn("#network-tab-topology");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#topology-network-" + net).tryQuery().orElse(null));

        // started while the map is shown: it follows the engine's events
        String web = app.container("run", "-d", "--network", net, "-p", "127.0.0.1:0:80", Dockerd.BUSYBOX,
                "httpd", "-f", "-p", "80");
        String published = app.dockerd().docker("port", web, "80/tcp").requireSuccess("docker port").stdout().strip();
        assertTrue(published.startsWith("127.0.0.1:"), published);

        Node box = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#topology-container-" + web).tryQuery()
                .orElse(null));
        Line link = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#topology-link-" + web + "-" + net)
                .tryQueryAs(Line.class).orElse(null));
        Node network = robot.lookup("#topology-network-" + net).query();
        // the line runs from the container's box to the network's box
        assertEquals(box.getBoundsInParent().getMinY(), link.getStartY(), 0.5);
        assertEquals(network.getBoundsInParent().getMaxY(), link.getEndY(), 0.5);
        assertTrue(link.getStartX() > box.getBoundsInParent().getMinX() && link.getStartX() < box.getBoundsInParent().getMaxX());
        assertTrue(link.getEndX() > network.getBoundsInParent().getMinX() && link.getEndX() < network.getBoundsInParent().getMaxX());
        Label port = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#topology-port-" + web + "-0")
                .tryQueryAs(Label.class).orElse(null));
        assertEquals(published + " → 80/tcp", port.getText());

        app.dockerd().docker("rm", "-f", web).requireSuccess("docker rm");
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#topology-container-" + web).tryQuery().isEmpty());
        assertTrue(robot.lookup("#topology-link-" + web + "-" + net).tryQuery().isEmpty());
    }

    @Test
    void removeConfirmsRefusesWhatTheEngineRefusesAndPruneClearsUnused(FxRobot robot) {
        String gone = network("rm");
        String busy = network("busy");
        String unused = network("prune");
        for (String n : List.of(gone, busy, unused)) {
            app.dockerd().docker("network", "create", n).requireSuccess("docker network create " + n);
        }
        app.container("run", "-d", "--network", busy, Dockerd.BUSYBOX, "sleep", "600");
        app.awaitSession();
        TableView<NetworkRow> table = UiSteps.open(robot, "networks", "networks-table");

        // Delete asks first, and Enter there means Cancel
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.name().equals(gone)));
        robot.type(KeyCode.DELETE);
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-remove-dialog").tryQuery().orElse(null));
        robot.type(KeyCode.ENTER);
        DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-remove-dialog").tryQuery().isEmpty());
        assertEquals(0, app.dockerd().docker("network", "inspect", gone).exitCode(), "Cancel kept the network");
        robot.clickOn("#networks-remove");
        robot.clickOn("#network-remove-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> app.dockerd().docker("network", "inspect", gone).exitCode() != 0);
        UiSteps.awaitNoRow(table, r -> r.name().equals(gone));

        // the engine's own networks are not offered for removal
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.name().equals("bridge")));
        robot.clickOn("#networks-remove");
        Label error = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-remove-error")
                .tryQueryAs(Label.class).filter(Label::isVisible).orElse(null));
        assertTrue(error.getText().contains("bridge is one of the engine's own networks"), error.getText());
        assertTrue(robot.lookup("#network-remove-confirm").queryAs(Button.class).isDisabled());
        robot.clickOn("#network-cancel");

        // one with a container: the engine's refusal is shown in the dialog
        UiSteps.clickRow(robot, table, UiSteps.awaitRow(table, r -> r.name().equals(busy)
                && r.containersProperty().get() == 1));
        robot.clickOn("#networks-remove");
        assertTrue(robot.lookup("#network-remove-in-use").queryAs(Label.class).getText().contains("One container"));
        robot.clickOn("#network-remove-confirm");
        Label refusal = DesktopFixture.await(UiSteps.WAIT, () -> robot.lookup("#network-remove-error")
                .tryQueryAs(Label.class).filter(Label::isVisible).orElse(null));
        assertTrue(refusal.getText().contains("active endpoints"), refusal.getText());
        robot.clickOn("#network-cancel");
        assertEquals(0, app.dockerd().docker("network", "inspect", busy).exitCode());

        robot.clickOn("#networks-prune");
        robot.clickOn("#network-prune-confirm");
        DesktopFixture.await(UiSteps.WAIT, () -> app.dockerd().docker("network", "inspect", unused).exitCode() != 0);
        UiSteps.awaitNoRow(table, r -> r.name().equals(unused));
        assertEquals(0, app.dockerd().docker("network", "inspect", busy).exitCode(), "prune spares networks in use");
    }
}
