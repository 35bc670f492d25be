package dev.berth.remote.containers;

import dev.berth.remote.client.StreamResponse;
import java.io.FilterInputStream;

/** A response body whose {@code close()} cancels the call, so a reader blocked in another thread is released. */
final class CancellingInputStream extends FilterInputStream {

    private final StreamResponse response;

    CancellingInputStream(StreamResponse response) {
        super(response.body());
        this.response = response;
    }

    @Override
    public void close() {
        response.close();
    }
}
