package dev.berth.desktop.engines;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.TransportOptions;

/** An open connection to one engine, as the panels use it: the API client and the shared event feed. */
public final class EngineSession implements AutoCloseable {

    private final String name;
    private final EngineClient client;
    private final EngineEvents events;

    EngineSession(String name, EngineEndpoint endpoint, BackgroundExecutor background, TransportOptions options) {
        this.name = name;
        this.client = EngineClient.connect(endpoint, options);
        this.events = new EngineEvents(client, background);
    }

    public String name() {
        return name;
    }

    public EngineClient client() {
        return client;
    }

    public EngineEvents events() {
        return events;
    }

    @Override
    public void close() {
        events.close();
        client.close();
    }
}
