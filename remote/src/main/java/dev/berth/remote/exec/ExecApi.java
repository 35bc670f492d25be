package dev.berth.remote.exec;

import dev.berth.remote.client.EngineHttp;

/** Typed exec operations of the Engine API. */
public final class ExecApi {

    private final EngineHttp http;

    public ExecApi(EngineHttp http) {
        this.http = http;
    }
}
