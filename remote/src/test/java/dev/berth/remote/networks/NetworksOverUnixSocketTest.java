package dev.berth.remote.networks;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class NetworksOverUnixSocketTest extends NetworksContract {

    @Override
    protected EngineClient client() {
        return Clients.unix();
    }
}
