package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;
import javafx.scene.Node;

/**
 * One tab of a container's detail view (Logs, Terminal, Inspect, Stats, Files). Tabs are made fresh for each
 * container opened; {@link #close()} must stop every stream and thread the tab started.
 */
public interface ContainerDetailTab {

    /** Stable id for tests, e.g. "logs"; the tab's node gets the id "detail-" + id. */
    String id();

    String title();

    Node view();

    /** Starts showing this container. Called once, on the FX thread. */
    void open(EngineSession session, String containerId);

    void close();
}
