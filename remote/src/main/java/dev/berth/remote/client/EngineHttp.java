package dev.berth.remote.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP with the Engine API's conventions: versioned paths, JSON bodies, {@code {"message": …}} errors turned into
 * typed exceptions, transport failures turned into {@link EngineConnectionException}s. The typed operation classes
 * are thin layers over this.
 */
public final class EngineHttp {

    public static final MediaType JSON = MediaType.get("application/json");
    public static final MediaType TAR = MediaType.get("application/x-tar");
    private static final String TLS_PORT_HINT = "Client sent an HTTP request to an HTTPS server";
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final Transport transport;
    private final Supplier<ApiVersion> version;

    public EngineHttp(Transport transport, Supplier<ApiVersion> version) {
        this.transport = transport;
        this.version = version;
    }

    public Transport transport() {
        return transport;
    }

    public ApiVersion version() {
        return version.get();
    }

    // ---- JSON request/response ---------------------------------------------------------------------------------

    public <T> T get(String path, Query query, Class<T> type) {
        return exchange("GET", path, query, null, Json.MAPPER.constructType(type));
    }

    public <T> T get(String path, Query query, TypeReference<T> type) {
        return exchange("GET", path, query, null, Json.MAPPER.constructType(type));
    }

    public JsonNode getTree(String path, Query query) {
        return exchange("GET", path, query, null, Json.MAPPER.constructType(JsonNode.class));
    }

    public <T> T post(String path, Query query, Object body, Class<T> type) {
        return exchange("POST", path, query, jsonBody(body), Json.MAPPER.constructType(type));
    }

    public <T> T post(String path, Query query, Object body, TypeReference<T> type) {
        return exchange("POST", path, query, jsonBody(body), Json.MAPPER.constructType(type));
    }

    public <T> T delete(String path, Query query, Class<T> type) {
        return exchange("DELETE", path, query, null, Json.MAPPER.constructType(type));
    }

    public <T> T delete(String path, Query query, TypeReference<T> type) {
        return exchange("DELETE", path, query, null, Json.MAPPER.constructType(type));
    }

    /**
     * A call whose answer has no body worth reading; returns the status so callers can tell 204 from 304 ("already
     * started", "already stopped"), which Docker treats as success.
     */
    public int send(String method, String path, Query query, Object jsonBody) {
        try (Response response = execute(transport.http(), request(method, path, query, jsonBody(jsonBody), Headers.of(), true))) {
            return response.code();
        }
    }

    private <T> T exchange(String method, String path, Query query, RequestBody body, JavaType type) {
        Request request = request(method, path, query, body, Headers.of(), true);
        try (Response response = execute(transport.http(), request)) {
            if (type.getRawClass() == Void.class || response.code() == 204 || response.code() == 304) {
                return null;
            }
            return readJson(response, type, method + " " + path);
        }
    }

    // ---- streams and raw bodies --------------------------------------------------------------------------------

    /** Sends a request and returns the successful response for reading as it arrives, without read timeout. */
    public StreamResponse stream(String method, String path, Query query, RequestBody body, Headers headers) {
        Request request = request(method, path, query, body, headers, true);
        Call call = transport.streaming().newCall(request);
        Response response = execute(call);
        return new StreamResponse(call, response);
    }

    /** Like {@link #stream} but with the ordinary read timeout, for bounded downloads that must not hang. */
    public StreamResponse download(String method, String path, Query query, Headers headers) {
        Request request = request(method, path, query, null, headers, true);
        Call call = transport.http().newCall(request);
        return new StreamResponse(call, execute(call));
    }

    /** Status and headers only (HEAD), e.g. archive stat. */
    public Headers head(String path, Query query) {
        try (Response response = execute(transport.http(), request("HEAD", path, query, null, Headers.of(), true))) {
            return response.headers();
        }
    }

    /**
     * Upgrades the connection for attach or exec start ({@code Connection: Upgrade, Upgrade: tcp}) and hands over
     * the raw duplex stream. {@code multiplexed} must come from the container's or exec's Tty setting.
     */
    public HijackedConnection hijack(String path, Query query, Object jsonBody, boolean multiplexed) {
        RequestBody body = jsonBody == null ? RequestBody.create(new byte[0], MediaType.get("text/plain")) : jsonBody(jsonBody);
        Headers headers = Headers.of("Connection", "Upgrade", "Upgrade", "tcp");
        Request request = request("POST", path, query, body, headers, true);
        Call call = transport.streaming().newCall(request);
        Response response = execute(call);
        if (response.code() != 101) {
            response.close();
            throw new EngineProtocolException("the engine did not upgrade the connection for " + path
                    + " (HTTP " + response.code() + ")");
        }
        // From API 1.42 the engine says which framing it uses; older engines do not, and then the Tty setting decides.
        String type = response.header("Content-Type", "");
        boolean muxed = type.contains("multiplexed-stream")
                || (multiplexed && !(type.contains("raw-stream") && version().atLeast(new ApiVersion(1, 42))));
        return new HijackedConnection(response.socket(), muxed);
    }

    // ---- building and executing --------------------------------------------------------------------------------

    public Request request(String method, String path, Query query, RequestBody body, Headers headers, boolean versioned) {
        HttpUrl.Builder url = transport.base().newBuilder();
        if (versioned) {
            url.addPathSegment("v" + version());
        }
        url.addPathSegments(path.startsWith("/") ? path.substring(1) : path);
        if (query != null) {
            for (Map.Entry<String, String> p : query.params()) {
                url.addQueryParameter(p.getKey(), p.getValue());
            }
        }
        if (body == null && ("POST".equals(method) || "PUT".equals(method))) {
            body = RequestBody.create(new byte[0], null);
        }
        return new Request.Builder().url(url.build()).headers(headers).method(method, body)
                .header("User-Agent", "Berth/" + BerthVersion.get())
                .build();
    }

    public Response execute(OkHttpClient client, Request request) {
        return execute(client.newCall(request));
    }

    /** Executes and checks the status; the caller owns (and must close) the successful response. */
    public Response execute(Call call) {
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw transport.translate(e);
        }
        if (response.code() >= 400) {
            try (response) {
                throw errorOf(response);
            }
        }
        return response;
    }

    private RuntimeException errorOf(Response response) {
        String text = "";
        String contentType = response.header("Content-Type", "");
        ResponseBody body = response.body();
        try {
            // Chunked error bodies have no length: read up to the limit, whatever the framing.
            text = new String(body.byteStream().readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // an error without a readable body still has its status
        }
        if (response.code() == 400 && text.contains(TLS_PORT_HINT)) {
            return transport.translate(new java.io.IOException(TLS_PORT_HINT));
        }
        String message = text.trim();
        if (contentType.contains("json") || message.startsWith("{")) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (node != null && node.hasNonNull("message")) {
                    message = node.get("message").asText();
                }
            } catch (JsonProcessingException e) {
                // not JSON after all: keep the text
            }
        }
        if (message.isEmpty()) {
            message = "engine answered HTTP " + response.code() + " " + response.message() + " to "
                    + response.request().method() + " " + response.request().url().encodedPath();
        }
        return EngineApiException.of(response.code(), message);
    }

    private <T> T readJson(Response response, JavaType type, String what) {
        try {
            byte[] bytes = response.body().bytes();
            if (bytes.length == 0) {
                throw new EngineProtocolException("the engine sent an empty answer to " + what);
            }
            return Json.MAPPER.readValue(bytes, type);
        } catch (JsonProcessingException e) {
            throw new EngineProtocolException("the engine sent malformed JSON for " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw transport.translate(e);
        }
    }

    public static RequestBody jsonBody(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof RequestBody rb) {
            return rb;
        }
        try {
            return RequestBody.create(Json.MAPPER.writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getOriginalMessage(), e);
        }
    }
}
