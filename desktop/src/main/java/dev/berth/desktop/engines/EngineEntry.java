package dev.berth.desktop.engines;

import dev.berth.remote.endpoint.EngineEndpoint;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One engine in the sidebar: where it is, where we found it, and its live status (FX thread only). */
public final class EngineEntry {

    private final String name;
    private final String origin;
    private final EngineEndpoint endpoint;
    private final ObjectProperty<EngineStatus> status = new SimpleObjectProperty<>(EngineStatus.checking());

    public EngineEntry(String name, String origin, EngineEndpoint endpoint) {
        this.name = name;
        this.origin = origin;
        this.endpoint = endpoint;
    }

    public String name() {
        return name;
    }

    /** Where the entry came from: "DOCKER_HOST", "docker context", "local socket", "saved". */
    public String origin() {
        return origin;
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    public ReadOnlyObjectProperty<EngineStatus> statusProperty() {
        return status;
    }

    public EngineStatus status() {
        return status.get();
    }

    void setStatus(EngineStatus value) {
        status.set(value);
    }

    @Override
    public String toString() {
        return name + " (" + endpoint.uri() + ")";
    }
}
