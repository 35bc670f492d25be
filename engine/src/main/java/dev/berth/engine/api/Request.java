package dev.berth.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One API request as a handler sees it: method, path parameters, query, headers and a streamed body. */
public final class Request {

    private final String method;
    private final String path;
    private final String apiVersion;
    private final Map<String, String> params;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final InputStream body;
    private final boolean upgradeRequested;
    private final CompletableFuture<Void> gone;

    Request(String method, String path, String apiVersion, Map<String, String> params,
            Map<String, List<String>> query, Map<String, String> headers, InputStream body,
            boolean upgradeRequested, CompletableFuture<Void> gone) {
        this.gone = gone;
        this.method = method;
        this.path = path;
        this.apiVersion = apiVersion;
        this.params = params;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.upgradeRequested = upgradeRequested;
    }

    /** For tests and internal callers: a request with no body. */
    public static Request of(String method, String path, Map<String, String> params,
            Map<String, List<String>> query) {
        return new Request(method, path, ApiVersions.MAX, params, query, Map.of(), InputStream.nullInputStream(),
                false, new CompletableFuture<>());
    }

    public String method() {
        return method;
    }

    /** The path without its /vX.Y prefix. */
    public String path() {
        return path;
    }

    /** The version the client asked for in the path, or the newest we serve when it named none. */
    public String apiVersion() {
        return apiVersion;
    }

    public boolean apiAtLeast(String version) {
        return ApiVersions.atLeast(apiVersion, version);
    }

    public String param(String name) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String query(String name, String defaultValue) {
        return query(name).orElse(defaultValue);
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** Go's strconv.ParseBool as Docker's httputils.BoolValue uses it: 1/true/True/TRUE/t/T; absent is false. */
    public boolean flag(String name) {
        return query(name).map(v -> switch (v.trim().toLowerCase()) {
            case "1", "true", "t", "yes" -> true;
            default -> false;
        }).orElse(false);
    }

    /** Like {@link #flag} but with a default when the parameter is absent or empty. */
    public boolean flag(String name, boolean defaultValue) {
        Optional<String> v = query(name).filter(s -> !s.isBlank());
        return v.isEmpty() ? defaultValue : flag(name);
    }

    public int intQuery(String name, int defaultValue) {
        return (int) longQuery(name, defaultValue);
    }

    public long longQuery(String name, long defaultValue) {
        Optional<String> v = query(name).filter(s -> !s.isBlank());
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get().trim());
        } catch (NumberFormatException e) {
            throw EngineException.badRequest("invalid value for " + name + ": " + v.get());
        }
    }

    /**
     * The {@code filters} parameter as name → values. Accepts Docker's current form {@code {"label":{"a=b":true}}}
     * and the legacy {@code {"label":["a=b"]}}.
     */
    public Map<String, List<String>> filters() {
        Optional<String> raw = query("filters").filter(s -> !s.isBlank());
        Map<String, List<String>> filters = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return filters;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(raw.get());
        } catch (JsonProcessingException e) {
            throw EngineException.badRequest("invalid filter: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw EngineException.badRequest("invalid filter: expected a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            List<String> values = new java.util.ArrayList<>();
            JsonNode node = entry.getValue();
            if (node.isArray()) {
                node.forEach(v -> values.add(v.asText()));
            } else if (node.isObject()) {
                node.fields().forEachRemaining(f -> {
                    if (f.getValue().asBoolean(true)) {
                        values.add(f.getKey());
                    }
                });
            } else {
                throw EngineException.badRequest("invalid filter: " + entry.getKey());
            }
            filters.put(entry.getKey(), values);
        }
        return filters;
    }

    /** A header, case-insensitively; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase());
    }

    /** Whether the client sent {@code Upgrade: tcp} (the docker CLI's hijack). */
    public boolean upgradeRequested() {
        return upgradeRequested;
    }

    /** Whether the client has closed the connection; long waits (events, follow) check it to stop. */
    public boolean clientGone() {
        return gone.isDone();
    }

    /** Runs {@code action} once the client closes the connection (at once if it already has). */
    public void onClientGone(Runnable action) {
        gone.thenRun(action);
    }

    /** The body as it arrives; large uploads (tars) are streamed, not buffered. */
    public InputStream body() {
        return body;
    }

    public byte[] bodyBytes() {
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body parsed as JSON into a wire record; null when the body is empty. */
    public <T> T json(Class<T> type) {
        byte[] bytes = bodyBytes();
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
            throw EngineException.badRequest("invalid JSON: " + detail);
        }
    }
}
