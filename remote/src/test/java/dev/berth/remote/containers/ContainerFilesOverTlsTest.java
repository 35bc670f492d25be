package dev.berth.remote.containers;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class ContainerFilesOverTlsTest extends ContainerFilesContract {

    @Override
    protected EngineClient client() {
        return Clients.tls();
    }
}
