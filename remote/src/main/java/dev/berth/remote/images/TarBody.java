package dev.berth.remote.images;

import dev.berth.remote.client.EngineHttp;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/** A tar archive streamed to the engine as it is read (chunked), never held in memory. */
final class TarBody extends RequestBody {

    /**
     * Sent with every upload: the engine checks the query (say, an import's Dockerfile changes) before it reads the
     * body, and when it refuses, it answers and closes while we are still sending; without "100 Continue" the
     * connection is reset under us and its message is lost. With it, the body goes only once the engine asks.
     */
    static final Headers EXPECT_CONTINUE = Headers.of("Expect", "100-continue");

    private final InputStream in;

    TarBody(InputStream in) {
        this.in = in;
    }

    @Override
    public MediaType contentType() {
        return EngineHttp.TAR;
    }

    @Override
    public long contentLength() {
        return -1;
    }

    /** The stream can be read only once, so OkHttp must not retry with it. */
    @Override
    public boolean isOneShot() {
        return true;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        Source source = Okio.source(in);
        sink.writeAll(source);
    }
}
