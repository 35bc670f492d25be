package dev.berth.remote.images;

import dev.berth.remote.client.EngineHttp;

/** Typed images operations of the Engine API. */
public final class ImagesApi {

    private final EngineHttp http;

    public ImagesApi(EngineHttp http) {
        this.http = http;
    }
}
