package dev.berth.remote.client;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import okhttp3.Call;
import okhttp3.Response;

/**
 * An answer whose body is read as it arrives (logs, events, progress, archives). {@link #close()} may be called from
 * any thread to end a stream that would otherwise never end, such as {@code /events}: a reader blocked in another
 * thread then sees a clean end of stream rather than the cancelled call's error.
 */
public final class StreamResponse implements Closeable {

    private final Call call;
    private final Response response;
    private final CancellingBody body;

    StreamResponse(Call call, Response response) {
        this.call = call;
        this.response = response;
        this.body = new CancellingBody(response.body().byteStream());
    }

    /** The body; closing it closes the whole response. */
    public InputStream body() {
        return body;
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

    public boolean isClosed() {
        return body.closed;
    }

    @Override
    public void close() {
        body.closed = true;
        call.cancel();
        try {
            response.close();
        } catch (RuntimeException concurrentRead) {
            // Another thread is inside a read of this body; the cancel above already ends it, and okio may trip
            // over the buffer being released under it. Nothing is left to release.
        }
    }

    private final class CancellingBody extends FilterInputStream {

        private volatile boolean closed;

        CancellingBody(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            if (closed) {
                return -1;
            }
            try {
                return super.read();
            } catch (IOException e) {
                if (closed) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (closed) {
                return -1;
            }
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                if (closed) {
                    return -1;
                }
                throw e;
            }
        }

        @Override
        public void close() {
            StreamResponse.this.close();
        }
    }
}
