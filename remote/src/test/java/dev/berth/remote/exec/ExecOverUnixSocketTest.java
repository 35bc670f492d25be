package dev.berth.remote.exec;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class ExecOverUnixSocketTest extends ExecContract {

    @Override
    protected EngineClient client() {
        return Clients.unix();
    }
}
