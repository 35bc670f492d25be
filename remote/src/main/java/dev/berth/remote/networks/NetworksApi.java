package dev.berth.remote.networks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Query;
import dev.berth.remote.containers.EndpointSettings;
import java.util.List;
import java.util.Objects;

/** Typed networks operations of the Engine API. */
public final class NetworksApi {

    private static final TypeReference<List<NetworkSummary>> SUMMARIES = new TypeReference<>() { };

    private final EngineHttp http;

    public NetworksApi(EngineHttp http) {
        this.http = http;
    }

    public List<NetworkSummary> list() {
        return list(null);
    }

    /** {@code GET /networks}; filters: name, id, label, driver, scope, type (custom|builtin), dangling. */
    public List<NetworkSummary> list(Filters filters) {
        return http.get("/networks", Query.of().filters(filters), SUMMARIES);
    }

    public NetworkSummary inspect(String idOrName) {
        return inspect(idOrName, false);
    }

    /** {@code GET /networks/{id}}, with attached containers; {@code verbose} adds swarm service details. */
    public NetworkSummary inspect(String idOrName, boolean verbose) {
        return http.get(path(idOrName), Query.of().flag("verbose", verbose), NetworkSummary.class);
    }

    /** {@code POST /networks/create}; a name in use is a {@code Conflict} (with CheckDuplicate, always from API 1.44). */
    public NetworkCreateResponse create(NetworkCreateRequest request) {
        Objects.requireNonNull(request, "request");
        return http.post("/networks/create", null, request, NetworkCreateResponse.class);
    }

    /**
     * {@code POST /networks/{id}/connect}: attaches a container, running or not.
     *
     * @param endpoint aliases and fixed addresses, or {@code null}
     */
    public void connect(String network, String container, EndpointSettings endpoint) {
        http.send("POST", path(network) + "/connect", null, new ConnectRequest(container, endpoint));
    }

    /** {@code POST /networks/{id}/disconnect}; {@code force} also when the container is not running. */
    public void disconnect(String network, String container, boolean force) {
        http.send("POST", path(network) + "/disconnect", null, new DisconnectRequest(container, force));
    }

    /** {@code DELETE /networks/{id}}; refused while containers are attached. */
    public void remove(String idOrName) {
        http.send("DELETE", path(idOrName), null, null);
    }

    /** {@code POST /networks/prune}: removes networks no container uses; label and until filters narrow it down. */
    public NetworkPruneReport prune(Filters filters) {
        return http.post("/networks/prune", Query.of().filters(filters), null, NetworkPruneReport.class);
    }

    private static String path(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new IllegalArgumentException("a network name or ID is required");
        }
        return "/networks/" + idOrName;
    }

    record ConnectRequest(String container, EndpointSettings endpointConfig) {
    }

    record DisconnectRequest(String container, Boolean force) {
    }
}
