package dev.berth.remote.monitor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.ForwardingSource;
import okio.Okio;
import okio.Sink;
import okio.Source;

/**
 * Records the calls of one OkHttp client without changing what the caller sees: bodies are counted and their first
 * bytes kept as they pass through, in the caller's own reads and writes, so nothing is read ahead or buffered. The
 * exchange is recorded when the caller has read the body to its end or closed it; a hijacked connection when its
 * input ends or it is dropped.
 */
final class RecordingInterceptor implements Interceptor {

    private final TrafficRecorder recorder;
    private final String client;

    RecordingInterceptor(TrafficRecorder recorder, String client) {
        this.recorder = recorder;
        this.client = client;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String target = request.url().encodedPath()
                + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery());
        List<HeaderLine> requestHeaders = headers(request.headers());
        RequestBody body = request.body();
        if (body != null && body.contentType() != null && request.header("Content-Type") == null) {
            requestHeaders = new ArrayList<>(requestHeaders);
            requestHeaders.add(new HeaderLine("Content-Type", body.contentType().toString()));
        }
        ExchangeInProgress exchange = new ExchangeInProgress(recorder, TrafficSource.APP, client, request.method(),
                target, requestHeaders);
        Request sent = body == null ? request
                : request.newBuilder().method(request.method(), new CountingRequestBody(body, exchange.request)).build();
        Response response;
        try {
            response = chain.proceed(sent);
        } catch (IOException | RuntimeException e) {
            exchange.fail(describe(e));
            throw e;
        }
        okio.Socket socket = response.socket();
        BodyCapture capture = exchange.responded(response.code(), response.message(), headers(response.headers()),
                response.code() == 101 && socket != null);
        if (response.code() == 101 && socket != null) {
            return response.newBuilder().socket(new CountingSocket(socket, exchange, capture)).build();
        }
        ResponseBody original = response.body();
        Source counted = new CountingSource(original.source(), exchange, capture);
        return response.newBuilder()
                .body(ResponseBody.create(Okio.buffer(counted), original.contentType(), original.contentLength()))
                .build();
    }

    static List<HeaderLine> headers(Headers headers) {
        List<HeaderLine> lines = new ArrayList<>(headers.size());
        for (int i = 0; i < headers.size(); i++) {
            lines.add(new HeaderLine(headers.name(i), headers.value(i)));
        }
        return lines;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Counts the response body as the caller reads it; the end of the body, or closing it, ends the exchange. */
    private static final class CountingSource extends ForwardingSource {

        private final ExchangeInProgress exchange;
        private final BodyCapture capture;

        CountingSource(Source delegate, ExchangeInProgress exchange, BodyCapture capture) {
            super(delegate);
            this.exchange = exchange;
            this.capture = capture;
        }

        @Override
        public long read(Buffer sink, long byteCount) throws IOException {
            long read;
            try {
                read = super.read(sink, byteCount);
            } catch (IOException | RuntimeException e) {
                exchange.fail(describe(e));
                throw e;
            }
            if (read < 0) {
                exchange.finish();
            } else if (read > 0) {
                Buffer view = new Buffer();
                sink.copyTo(view, sink.size() - read, read);
                byte[] copy = view.readByteArray();
                capture.update(copy, 0, copy.length);
            }
            return read;
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                exchange.finish();
            }
        }
    }

    /** Counts the request body as OkHttp writes it, without changing its length or content. */
    private static final class CountingRequestBody extends RequestBody {

        private final RequestBody delegate;
        private final BodyCapture capture;

        CountingRequestBody(RequestBody delegate, BodyCapture capture) {
            this.delegate = delegate;
            this.capture = capture;
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() throws IOException {
            return delegate.contentLength();
        }

        @Override
        public boolean isOneShot() {
            return delegate.isOneShot();
        }

        @Override
        public boolean isDuplex() {
            return delegate.isDuplex();
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            BufferedSink counting = Okio.buffer(new CountingSink(sink, capture));
            delegate.writeTo(counting);
            counting.emit();
        }
    }

    private static final class CountingSink extends ForwardingSink {

        private final BodyCapture capture;

        CountingSink(Sink delegate, BodyCapture capture) {
            super(delegate);
            this.capture = capture;
        }

        @Override
        public void write(Buffer source, long byteCount) throws IOException {
            Buffer view = new Buffer();
            source.copyTo(view, 0, byteCount);
            byte[] copy = view.readByteArray();
            super.write(source, byteCount);
            capture.update(copy, 0, copy.length);
        }

        @Override
        public void close() {
            // the body's sink belongs to OkHttp: closing ours must not close the connection's
        }
    }

    /**
     * A hijacked connection: bytes both ways are counted; the exchange ends when the engine's side ends or the
     * caller drops the connection.
     */
    private static final class CountingSocket implements okio.Socket {

        private final okio.Socket delegate;
        private final ExchangeInProgress exchange;
        private final Source source;
        private final Sink sink;

        CountingSocket(okio.Socket delegate, ExchangeInProgress exchange, BodyCapture received) {
            this.delegate = delegate;
            this.exchange = exchange;
            this.source = new CountingSource(delegate.getSource(), exchange, received);
            this.sink = new ForwardingSink(delegate.getSink()) {
                @Override
                public void write(Buffer data, long byteCount) throws IOException {
                    Buffer view = new Buffer();
                    data.copyTo(view, 0, byteCount);
                    byte[] copy = view.readByteArray();
                    super.write(data, byteCount);
                    exchange.sentRaw.update(copy, 0, copy.length);
                }
            };
        }

        @Override
        public Source getSource() {
            return source;
        }

        @Override
        public Sink getSink() {
            return sink;
        }

        @Override
        public void cancel() {
            delegate.cancel();
            exchange.finish();
        }
    }
}
