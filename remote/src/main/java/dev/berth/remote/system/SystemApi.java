package dev.berth.remote.system;

import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.Query;
import dev.berth.remote.client.StreamResponse;
import dev.berth.remote.stream.JsonStream;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.Headers;

/** Typed system operations of the Engine API: ping, version, info, disk usage, events and registry login. */
public final class SystemApi {

    private final EngineHttp http;
    private final Supplier<Ping> ping;

    public SystemApi(EngineHttp http, Supplier<Ping> ping) {
        this.http = http;
        this.ping = Objects.requireNonNull(ping, "ping");
    }

    /** {@code /_ping}, unversioned; the same as {@code EngineClient.ping()}. */
    public Ping ping() {
        return ping.get();
    }

    /** {@code GET /version}. */
    public VersionInfo version() {
        return http.get("/version", null, VersionInfo.class);
    }

    /** {@code GET /info}. */
    public SystemInfo info() {
        return http.get("/info", null, SystemInfo.class);
    }

    /** {@code GET /system/df}; can take a while on an engine with many images or volumes. */
    public DiskUsage df() {
        return http.get("/system/df", null, DiskUsage.class);
    }

    /**
     * {@code GET /events}: replayed events since {@code options.since()}, then live ones as they happen, until
     * {@code options.until()} or forever. The stream has no read timeout; {@link JsonStream#close()} may be called
     * from any thread and ends it promptly: a reader blocked in {@link JsonStream#next()} then sees the end of the
     * stream ({@code null}) rather than an error. Returns as soon as the engine has accepted the subscription.
     */
    public JsonStream<EventMessage> events(EventsOptions options) {
        EventsOptions o = options == null ? EventsOptions.live() : options;
        Query query = Query.of().add("since", o.since()).add("until", o.until()).filters(o.filters());
        StreamResponse response = http.stream("GET", "/events", query, null, Headers.of());
        return new JsonStream<>(response.body(), EventMessage.class, "the event stream");
    }

    /**
     * {@code POST /auth}: lets the engine check the credentials against the registry. A refusal is an
     * {@code EngineApiException} carrying the registry's reason: {@code Unauthorized} from current engines, a
     * {@code ServerError} naming the registry's 401 from Docker 20.10.
     */
    public AuthResponse auth(AuthConfig auth) {
        Objects.requireNonNull(auth, "auth");
        AuthResponse response = http.post("/auth", null, auth, AuthResponse.class);
        // 204 means success without a body
        return response == null ? new AuthResponse("Login Succeeded", null) : response;
    }
}
