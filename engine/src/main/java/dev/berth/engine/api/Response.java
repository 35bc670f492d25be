package dev.berth.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a full body, a chunked stream written by the handler, or a hijacked connection. */
public final class Response {

    /** Writes a streamed body; {@code out.flush()} pushes what was written to the client at once. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws Exception;
    }

    /**
     * Runs on a hijacked connection: {@code in} is what the client sends (EOF when it half-closes), {@code out}
     * goes straight to the client. Returning closes the connection.
     */
    @FunctionalInterface
    public interface HijackHandler {
        void run(InputStream in, OutputStream out) throws Exception;
    }

    enum Kind { FULL, STREAM, HIJACK }

    private final Kind kind;
    private final int status;
    private final String contentType;
    private final byte[] body;
    private final StreamWriter writer;
    private final HijackHandler hijacker;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Response(Kind kind, int status, String contentType, byte[] body, StreamWriter writer,
            HijackHandler hijacker) {
        this.kind = kind;
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.writer = writer;
        this.hijacker = hijacker;
    }

    public static Response json(Object value) {
        return json(200, value);
    }

    public static Response json(int status, Object value) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(value);
            byte[] withNewline = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
            withNewline[bytes.length] = '\n';
            return new Response(Kind.FULL, status, "application/json", withNewline, null, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public static Response noContent() {
        return status(204);
    }

    public static Response status(int status) {
        return new Response(Kind.FULL, status, null, new byte[0], null, null);
    }

    public static Response text(int status, String contentType, String text) {
        return new Response(Kind.FULL, status, contentType, text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(Kind.FULL, status, contentType, body, null, null);
    }

    public static Response stream(int status, String contentType, StreamWriter writer) {
        return new Response(Kind.STREAM, status, contentType, null, writer, null);
    }

    public static Response hijack(String contentType, HijackHandler handler) {
        return new Response(Kind.HIJACK, 101, contentType, null, null, handler);
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Kind kind() {
        return kind;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    StreamWriter writer() {
        return writer;
    }

    HijackHandler hijacker() {
        return hijacker;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** For handlers' own tests: the body of a FULL response as text. */
    public String bodyText() {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    public int statusCode() {
        return status;
    }

    /** Runs a STREAM response's writer into {@code out}; for tests and in-process callers. */
    public void writeTo(OutputStream out) throws Exception {
        if (kind == Kind.FULL) {
            out.write(body);
        } else if (kind == Kind.STREAM) {
            writer.write(out);
        } else {
            throw new IOException("a hijacked response has no body to write");
        }
    }
}
