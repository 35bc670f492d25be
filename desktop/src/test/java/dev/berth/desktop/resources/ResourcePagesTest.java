package dev.berth.desktop.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.networks.NetworkRow;
import dev.berth.desktop.ports.PortRow;
import dev.berth.desktop.testing.DesktopFixture;
import dev.berth.desktop.volumes.VolumeRow;
import dev.berth.desktop.testing.TestEngines;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestEngine;
import java.util.UUID;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Networks, Volumes and Ports, each open while the objects are made with the docker CLI: they appear from the
 * event feed, with what the CLI reports about them.
 */
// user-defined networks and published ports: not on Berth's engine until its networking lands
@ExtendWith(ApplicationExtension.class)
class ResourcePagesTest {

    private static final TestEngine DOCKERD = TestEngines.current();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String network = "berth-ui-net-" + suffix;
    private final String volume = "berth-ui-vol-" + suffix;
    private final String container = "berth-ui-web-" + suffix;
    private DesktopFixture app;

    @Start
    void start(Stage stage) {
        app = DesktopFixture.show(stage);
    }

    @AfterEach
    void cleanUp() {
        app.close();
        DOCKERD.docker("rm", "-f", container);
        DOCKERD.docker("volume", "rm", "-f", volume);
        DOCKERD.docker("network", "rm", network);
    }

    @Test
    void networksVolumesAndPortsFollowTheCli(FxRobot robot) throws Exception {
        app.awaitSession();

        TableView<NetworkRow> networks = UiSteps.open(robot, "networks", "networks-table");
        UiSteps.awaitRow(networks, r -> r.nameProperty().get().equals("none"));
        DOCKERD.docker("network", "create", network).requireSuccess("docker network create");
        NetworkRow net = UiSteps.awaitRow(networks, r -> r.nameProperty().get().equals(network));
        assertEquals("bridge", net.driverProperty().get());
        assertEquals("local", net.scopeProperty().get());
        // the pool differs by test daemon (see Dockerd): compare with what the CLI reports
        assertEquals(DOCKERD.docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Subnet}}{{end}}", network)
                .stdout().strip(), net.subnetProperty().get());
        assertEquals(DOCKERD.docker("network", "inspect", "-f", "{{range .IPAM.Config}}{{.Gateway}}{{end}}", network)
                .stdout().strip(), net.gatewayProperty().get());
        assertEquals(0, net.containersProperty().get());

        TableView<VolumeRow> volumes = UiSteps.open(robot, "volumes", "volumes-table");
        DOCKERD.docker("volume", "create", volume).requireSuccess("docker volume create");
        VolumeRow vol = UiSteps.awaitRow(volumes, r -> r.name().equals(volume));
        assertEquals("local", vol.driverProperty().get());
        assertTrue(vol.mountpointProperty().get().endsWith("/volumes/" + volume + "/_data"), vol.mountpointProperty().get());
        assertEquals("", vol.usedByProperty().get());

        TableView<PortRow> ports = UiSteps.open(robot, "ports", "ports-table");
        // --bridge=none leaves no default bridge: a published port needs a user-defined network
        DOCKERD.docker("run", "-d", "--name", container, "--network", network, "-p", "127.0.0.1::80",
                "-v", volume + ":/data", Dockerd.BUSYBOX, "httpd", "-f", "-p", "80").requireSuccess("docker run");
        String published = DOCKERD.docker("port", container, "80/tcp").requireSuccess("docker port").stdout().strip();
        assertTrue(published.startsWith("127.0.0.1:"), published);
        // while it was only created, the container's row showed the binding it asked for (a port the engine picks)
        PortRow port = UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(container)
                && r.hostProperty().get().equals(published));
        assertEquals("80/tcp", port.targetProperty().get());
        UiSteps.awaitRow(ports, r -> r.containerProperty().get().equals(container)
                && r.stateProperty().get().equals("running"));

        UiSteps.open(robot, "volumes", "volumes-table");
        UiSteps.awaitRow(volumes, r -> r.name().equals(volume) && r.usedByProperty().get().equals(container));
        UiSteps.open(robot, "networks", "networks-table");
        UiSteps.awaitRow(networks, r -> r.nameProperty().get().equals(network) && r.containersProperty().get() == 1);

        // and back out when the container goes
        UiSteps.open(robot, "ports", "ports-table");
        DOCKERD.docker("rm", "-f", container).requireSuccess("docker rm");
        UiSteps.awaitNoRow(ports, r -> r.containerProperty().get().equals(container));
    }

    @Test
    void searchNarrowsTheNetworksList(FxRobot robot) {
        app.awaitSession();
        DOCKERD.docker("network", "create", network).requireSuccess("docker network create");
        TableView<NetworkRow> networks = UiSteps.open(robot, "networks", "networks-table");
        UiSteps.awaitRow(networks, r -> r.nameProperty().get().equals(network));
        robot.clickOn("#networks-search").write(suffix);
        DesktopFixture.await(UiSteps.WAIT, () -> networks.getItems().size() == 1
                && networks.getItems().get(0).nameProperty().get().equals(network));
    }
}
