package dev.berth.desktop.networks;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

/**
 * The networks and their containers as a diagram: networks in a row across the top, containers in a row below, a
 * line from each container to every network it is on, and the ports a container publishes on the host under it
 * (host-ip:port → container port). Drawn anew whenever the topology changes; stopped containers are dimmed.
 */
final class TopologyMap extends ScrollPane {

    private static final Texts T = Texts.of(TopologyMap.class);
    private static final double BOX_WIDTH = 200;
    private static final double SLOT = 225;
    private static final double MARGIN = 20;
    private static final double NETWORK_Y = 20;
    private static final double NETWORK_HEIGHT = 56;
    private static final double CONTAINER_Y = 200;
    private static final double CONTAINER_HEIGHT = 40;
    private static final double PORT_LINE = 20;

    private final Pane canvas = new Pane();

    TopologyMap(ObservableValue<Topology> topology) {
        setId("network-topology");
        getStyleClass().add("network-topology");
        canvas.getStyleClass().add("network-topology-canvas");
        setContent(canvas);
        setFitToHeight(true);
        setFitToWidth(true);
        topology.addListener((obs, old, now) -> draw(now));
        draw(topology.getValue());
    }

    private void draw(Topology topology) {
        canvas.getChildren().clear();
        List<Topology.Net> nets = topology.networks();
        List<Topology.Member> members = byNetworkPosition(topology.containers(), nets);
        int columns = Math.max(Math.max(nets.size(), members.size()), 1);
        double width = MARGIN * 2 + columns * SLOT;
        Map<String, double[]> anchors = new HashMap<>();
        double netStart = MARGIN + (columns - nets.size()) * SLOT / 2;
        for (int i = 0; i < nets.size(); i++) {
            Topology.Net n = nets.get(i);
            double x = netStart + i * SLOT;
            Label name = new Label(n.name(), AppIcon.NETWORK.node(14));
            name.getStyleClass().add(Styles.TEXT_BOLD);
            Label detail = new Label(n.subnet().isEmpty() ? n.driver() : n.driver() + " · " + n.subnet());
            detail.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            Box box = box("topology-network-" + n.name(), "topology-network", x, NETWORK_Y, NETWORK_HEIGHT, name, detail);
            box.setTooltip(n.name());
            canvas.getChildren().add(box);
            anchors.put(n.name(), new double[] {x + BOX_WIDTH / 2, NETWORK_Y + NETWORK_HEIGHT});
        }
        double containerStart = MARGIN + (columns - members.size()) * SLOT / 2;
        double deepest = CONTAINER_Y + CONTAINER_HEIGHT;
        for (int i = 0; i < members.size(); i++) {
            Topology.Member m = members.get(i);
            double x = containerStart + i * SLOT;
            double centre = x + BOX_WIDTH / 2;
            for (String network : m.networks()) {
                double[] to = anchors.get(network);
                if (to == null) {
                    continue; // a network listed by the container that the list no longer has: removed meanwhile
                }
                Line line = new Line(centre, CONTAINER_Y, to[0], to[1]);
                line.setId("topology-link-" + m.name() + "-" + network);
                line.getStyleClass().add("topology-link");
                line.setStyle("-fx-stroke: -color-accent-emphasis; -fx-stroke-width: 1.5;");
                if (!m.running()) {
                    line.getStrokeDashArray().setAll(4.0, 4.0);
                }
                line.setUserData(new String[] {m.name(), network});
                canvas.getChildren().add(0, line); // under the boxes
            }
            Label name = new Label(m.name(), dev.berth.icons.AppIcon.CONTAINER.node(14));
            Box box = box("topology-container-" + m.name(), "topology-container", x, CONTAINER_Y, CONTAINER_HEIGHT, name);
            box.setTooltip(m.running() ? T.get("map.running", m.name()) : T.get("map.stopped", m.name()));
            if (!m.running()) {
                box.setOpacity(0.55);
            }
            canvas.getChildren().add(box);
            for (int p = 0; p < m.ports().size(); p++) {
                Label port = new Label(m.ports().get(p));
                port.setId("topology-port-" + m.name() + "-" + p);
                port.getStyleClass().addAll("topology-port", Styles.TEXT_SMALL);
                port.relocate(x + 4, CONTAINER_Y + CONTAINER_HEIGHT + 6 + p * PORT_LINE);
                canvas.getChildren().add(port);
                deepest = Math.max(deepest, CONTAINER_Y + CONTAINER_HEIGHT + 6 + (p + 1) * PORT_LINE);
            }
        }
        if (members.isEmpty()) {
            Label none = new Label(T.get("map.noContainers"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            none.relocate(MARGIN, CONTAINER_Y);
            canvas.getChildren().add(none);
        }
        canvas.setMinSize(width, deepest + MARGIN);
        canvas.setPrefSize(width, deepest + MARGIN);
    }

    /**
     * Containers ordered by where their networks are (the mean position), then by name: a container sits under its
     * networks and lines cross less.
     */
    private static List<Topology.Member> byNetworkPosition(List<Topology.Member> members, List<Topology.Net> nets) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < nets.size(); i++) {
            position.put(nets.get(i).name(), i);
        }
        java.util.function.ToDoubleFunction<Topology.Member> mean = m -> m.networks().stream()
                .filter(position::containsKey).mapToInt(position::get).average().orElse(nets.size());
        return members.stream().sorted(java.util.Comparator.comparingDouble(mean)
                .thenComparing(Topology.Member::name)).toList();
    }

    private static Box box(String id, String styleClass, double x, double y, double height, Label... lines) {
        Box box = new Box(lines);
        box.setId(id);
        box.getStyleClass().addAll("topology-box", styleClass);
        box.setPadding(new Insets(6, 10, 6, 10));
        box.setAlignment(Pos.CENTER_LEFT);
        box.setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default;"
                + " -fx-border-radius: 6; -fx-background-radius: 6;");
        box.setPrefSize(BOX_WIDTH, height);
        box.setMaxSize(BOX_WIDTH, height);
        box.resizeRelocate(x, y, BOX_WIDTH, height);
        box.relocate(x, y);
        return box;
    }

    /** A box that carries its own tooltip. */
    private static final class Box extends VBox {

        Box(Label... lines) {
            super(2, lines);
        }

        void setTooltip(String text) {
            Tooltip.install(this, new Tooltip(text));
        }
    }
}
