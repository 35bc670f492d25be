package dev.berth.remote.volumes;

import dev.berth.remote.client.EngineHttp;

/** Typed volumes operations of the Engine API. */
public final class VolumesApi {

    private final EngineHttp http;

    public VolumesApi(EngineHttp http) {
        this.http = http;
    }
}
