package dev.berth.desktop.engines;

import dev.berth.remote.endpoint.EngineEndpoint;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** One engine in the sidebar: where it is, where we found it, and its live status (FX thread only). */
public final class EngineEntry {

    private final String name;
    private final String origin;
    private final EngineEndpoint endpoint;
    private final Supplier<String> starter;
    private final String certificateWarning;
    private final ObjectProperty<EngineStatus> status = new SimpleObjectProperty<>(EngineStatus.checking());

    public EngineEntry(String name, String origin, EngineEndpoint endpoint) {
        this(name, origin, endpoint, () -> null);
    }

    /**
     * An engine the app brings up itself (the embedded one): {@code starter} runs in the background before each status
     * check, makes sure the engine serves its socket, and answers null, or why it cannot, in plain words.
     */
    public EngineEntry(String name, String origin, EngineEndpoint endpoint, Supplier<String> starter) {
        this(name, origin, endpoint, starter, null);
    }

    /** @param certificateWarning why its TLS certificates need attention soon (expiry), or null */
    public EngineEntry(String name, String origin, EngineEndpoint endpoint, Supplier<String> starter,
                       String certificateWarning) {
        this.name = name;
        this.origin = origin;
        this.endpoint = endpoint;
        this.starter = starter;
        this.certificateWarning = certificateWarning;
    }

    /** Starts the engine if the app owns it; null when it serves, otherwise the reason it does not. Blocking. */
    String prepare() {
        return starter.get();
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

    /** A certificate of this connection expires within 30 days (or has expired): what to tell, else null. */
    public String certificateWarning() {
        return certificateWarning;
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
