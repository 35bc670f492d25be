package dev.berth.remote.system;

import dev.berth.remote.client.EngineHttp;

/** Typed system operations of the Engine API. */
public final class SystemApi {

    private final EngineHttp http;

    public SystemApi(EngineHttp http) {
        this.http = http;
    }
}
