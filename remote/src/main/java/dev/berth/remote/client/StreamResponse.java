package dev.berth.remote.client;

import java.io.Closeable;
import java.io.InputStream;
import okhttp3.Call;
import okhttp3.Response;

/**
 * An answer whose body is read as it arrives (logs, events, progress, archives). {@link #cancel()} may be called from
 * any thread to end a stream that would otherwise never end, such as {@code /events}.
 */
public final class StreamResponse implements Closeable {

    private final Call call;
    private final Response response;

    StreamResponse(Call call, Response response) {
        this.call = call;
        this.response = response;
    }

    public InputStream body() {
        return response.body().byteStream();
    }

    public int status() {
        return response.code();
    }

    public String header(String name) {
        return response.header(name);
    }

    public String contentType() {
        String type = response.header("Content-Type");
        return type == null ? "" : type;
    }

    public void cancel() {
        call.cancel();
    }

    @Override
    public void close() {
        call.cancel();
        response.close();
    }
}
