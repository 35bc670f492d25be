package dev.berth.remote.networks;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class NetworksOverTlsTest extends NetworksContract {

    @Override
    protected EngineClient client() {
        return Clients.tls();
    }
}
