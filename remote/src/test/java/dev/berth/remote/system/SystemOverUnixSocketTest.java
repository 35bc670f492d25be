package dev.berth.remote.system;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class SystemOverUnixSocketTest extends SystemContract {

    @Override
    protected EngineClient client() {
        return Clients.unix();
    }
}
