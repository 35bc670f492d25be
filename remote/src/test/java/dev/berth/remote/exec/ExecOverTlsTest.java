package dev.berth.remote.exec;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class ExecOverTlsTest extends ExecContract {

    @Override
    protected EngineClient client() {
        return Clients.tls();
    }
}
