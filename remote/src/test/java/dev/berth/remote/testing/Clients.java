package dev.berth.remote.testing;

import dev.berth.remote.client.EngineClient;

/** One client per transport to the shared test dockerd, reused across test classes. */
public final class Clients {

    private static EngineClient unix;
    private static EngineClient tls;

    private Clients() {
    }

    public static synchronized EngineClient unix() {
        if (unix == null) {
            unix = EngineClient.connect(Dockerd.shared().unixEndpoint());
        }
        return unix;
    }

    public static synchronized EngineClient tls() {
        if (tls == null) {
            tls = EngineClient.connect(Dockerd.shared().tlsEndpoint());
        }
        return tls;
    }
}
