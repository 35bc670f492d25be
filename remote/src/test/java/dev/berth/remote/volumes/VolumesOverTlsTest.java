package dev.berth.remote.volumes;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class VolumesOverTlsTest extends VolumesContract {

    @Override
    protected EngineClient client() {
        return Clients.tls();
    }
}
