package dev.berth.remote.containers;

import dev.berth.remote.client.EngineHttp;

/** Typed containers operations of the Engine API. */
public final class ContainersApi {

    private final EngineHttp http;

    public ContainersApi(EngineHttp http) {
        this.http = http;
    }
}
