package dev.berth.remote.images;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.testing.Clients;

class ImagesOverUnixSocketTest extends ImagesContract {

    @Override
    protected EngineClient client() {
        return Clients.unix();
    }
}
