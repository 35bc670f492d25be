package dev.berth.remote.networks;

import dev.berth.remote.client.EngineHttp;

/** Typed networks operations of the Engine API. */
public final class NetworksApi {

    private final EngineHttp http;

    public NetworksApi(EngineHttp http) {
        this.http = http;
    }
}
