package dev.berth.remote.client;

import dev.berth.remote.containers.ContainersApi;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.exec.ExecApi;
import dev.berth.remote.images.ImagesApi;
import dev.berth.remote.networks.NetworksApi;
import dev.berth.remote.system.Ping;
import dev.berth.remote.system.SystemApi;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.Transport;
import dev.berth.remote.transport.TransportOptions;
import dev.berth.remote.volumes.VolumesApi;
import java.io.Closeable;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The Engine API client for one engine: dockerd, Podman's Docker API, Berth's own engine, local or remote. Works
 * like the docker CLI: the API version is negotiated through {@code /_ping} on first use, as
 * {@code min(ApiVersion.MAX, engine's version)}, and never below {@link ApiVersion#MIN}.
 */
public final class EngineClient implements Closeable {

    private final Transport transport;
    private final EngineHttp http;
    private volatile ApiVersion negotiated;
    private final SystemApi system;
    private final ContainersApi containers;
    private final ExecApi exec;
    private final ImagesApi images;
    private final NetworksApi networks;
    private final VolumesApi volumes;

    private EngineClient(Transport transport, ApiVersion pinned) {
        this.transport = transport;
        this.negotiated = pinned;
        this.http = new EngineHttp(transport, this::apiVersion);
        this.system = new SystemApi(http, this::ping);
        this.containers = new ContainersApi(http);
        this.exec = new ExecApi(http);
        this.images = new ImagesApi(http);
        this.networks = new NetworksApi(http);
        this.volumes = new VolumesApi(http);
    }

    public static EngineClient connect(EngineEndpoint endpoint) {
        return new EngineClient(Transport.open(endpoint), null);
    }

    public static EngineClient connect(EngineEndpoint endpoint, TransportOptions options) {
        return new EngineClient(Transport.open(endpoint, options), null);
    }

    /** A client that skips negotiation and always uses {@code version} (like {@code DOCKER_API_VERSION}). */
    public static EngineClient connect(EngineEndpoint endpoint, TransportOptions options, ApiVersion version) {
        return new EngineClient(Transport.open(endpoint, options), version);
    }

    public EngineEndpoint endpoint() {
        return transport.endpoint();
    }

    /** The API version in use, negotiated on first call. */
    public ApiVersion apiVersion() {
        ApiVersion v = negotiated;
        if (v == null) {
            synchronized (this) {
                if (negotiated == null) {
                    negotiated = negotiate(ping());
                }
                v = negotiated;
            }
        }
        return v;
    }

    /** Forgets the negotiated version, so the next call asks again (after the engine was upgraded). */
    public void renegotiate() {
        negotiated = null;
    }

    static ApiVersion negotiate(Ping ping) {
        ApiVersion engine = ping.apiVersion();
        if (engine == null) {
            return ApiVersion.MAX; // what the current docker CLI assumes when the header is missing
        }
        if (engine.compareTo(ApiVersion.MIN) < 0) {
            throw new EngineConnectionException(EngineConnectionException.Kind.API_VERSION_UNSUPPORTED,
                    "the engine speaks API " + engine + " (" + (ping.server() == null ? "unknown server" : ping.server())
                            + "); Berth needs API " + ApiVersion.MIN + " or newer (Docker 20.10+)", null);
        }
        return ApiVersion.min(ApiVersion.MAX, engine);
    }

    /**
     * {@code HEAD /_ping}, then {@code GET /_ping} if HEAD is refused, as the docker CLI does. Unversioned, so it
     * works whatever versions the engine accepts.
     */
    public Ping ping() {
        try {
            return pingWith("HEAD");
        } catch (EngineApiException e) {
            return pingWith("GET");
        }
    }

    private Ping pingWith(String method) {
        Request request = http.request(method, "/_ping", null, null, Headers.of(), false);
        try (Response response = http.execute(transport.http(), request)) {
            String api = response.header("Api-Version");
            ApiVersion version = null;
            if (api != null && !api.isBlank()) {
                try {
                    version = ApiVersion.parse(api);
                } catch (IllegalArgumentException e) {
                    throw new EngineProtocolException("the engine sent an unreadable Api-Version header: " + api);
                }
            }
            return new Ping(version, response.header("Ostype"),
                    "true".equalsIgnoreCase(response.header("Docker-Experimental")),
                    response.header("Builder-Version"), response.header("Swarm"), response.header("Server"));
        }
    }

    public SystemApi system() {
        return system;
    }

    public ContainersApi containers() {
        return containers;
    }

    public ExecApi exec() {
        return exec;
    }

    public ImagesApi images() {
        return images;
    }

    public NetworksApi networks() {
        return networks;
    }

    public VolumesApi volumes() {
        return volumes;
    }

    /** The HTTP layer, for calls the typed operations do not cover. */
    public EngineHttp http() {
        return http;
    }

    @Override
    public void close() {
        transport.close();
    }
}
