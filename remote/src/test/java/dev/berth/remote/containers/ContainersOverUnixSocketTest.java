package dev.berth.remote.containers;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class ContainersOverUnixSocketTest extends ContainersContract {

    @Override
    protected EngineClient client() {
        return Clients.unix();
    }
}
