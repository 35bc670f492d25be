package dev.berth.engine.networks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.networks.Ipam;
import dev.berth.remote.networks.NetworkCreateRequest;
import dev.berth.remote.networks.NetworkCreateResponse;
import dev.berth.remote.networks.NetworkPruneReport;
import dev.berth.remote.networks.NetworkSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /networks}: {@code host} (the host's namespace), {@code none} (loopback only), the default {@code bridge}
 * and user-defined bridge networks, each container on a bridge in a namespace of its own wired up by CNI.
 */
public final class NetworkRoutes implements Routes {

    private final NetworkService networks;
    private final NetworkMembers members;
    private final EventBus events;
    private final String created = Instant.now().toString();

    public NetworkRoutes(NetworkService networks, NetworkMembers members, EventBus events) {
        this.networks = networks;
        this.members = members;
        this.events = events;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/networks", this::list);
        router.add("GET", "/networks/{id}", req -> Response.json(inspect(req.param("id"))));
        router.add("POST", "/networks/create", this::create);
        router.add("DELETE", "/networks/{id}", req -> {
            remove(req.param("id"));
            return Response.noContent();
        });
        router.add("POST", "/networks/prune", this::prune);
        router.add("POST", "/networks/{id}/connect", req -> {
            Network n = findUser(req.param("id"));
            JsonNode body = req.json(JsonNode.class);
            String container = body == null ? null : body.path("Container").asText(null);
            EndpointSettings settings = body == null || body.path("EndpointConfig").isMissingNode()
                    || body.path("EndpointConfig").isNull() ? null
                    : Json.MAPPER.convertValue(body.get("EndpointConfig"), EndpointSettings.class);
            members.connect(container, n, settings);
            return Response.status(200);
        });
        router.add("POST", "/networks/{id}/disconnect", req -> {
            Network n = findUser(req.param("id"));
            JsonNode body = req.json(JsonNode.class);
            String container = body == null ? null : body.path("Container").asText(null);
            members.disconnect(container, n, body != null && body.path("Force").asBoolean(false));
            return Response.status(200);
        });
    }

    private Response create(Request req) {
        NetworkCreateRequest body = req.json(NetworkCreateRequest.class);
        if (body == null) {
            throw EngineException.badRequest("network name is required");
        }
        Network n = networks.create(body);
        events.publish("network", "create", n.id(), Map.of("name", n.name(), "type", "bridge"));
        return Response.json(201, new NetworkCreateResponse(n.id(), ""));
    }

    private void remove(String ref) {
        Object found = find(ref);
        if (!(found instanceof Network n) || n.isDefault()) {
            String name = found instanceof Network n ? n.name() : (String) found;
            throw EngineException.forbidden(name + " is a pre-defined network and cannot be removed");
        }
        List<String> users = members.configuredOn(n.name());
        if (!users.isEmpty()) {
            throw EngineException.forbidden("error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints");
        }
        networks.remove(n);
        events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", "bridge"));
    }

    private Response prune(Request req) {
        Map<String, List<String>> filters = req.filters();
        List<String> deleted = new ArrayList<>();
        for (Network n : networks.all()) {
            if (n.isDefault() || !members.configuredOn(n.name()).isEmpty() || !matches(filters, n.name(), "bridge",
                    n.id(), n.labels(), false)) {
                continue;
            }
            networks.remove(n);
            events.publish("network", "destroy", n.id(), Map.of("name", n.name(), "type", "bridge"));
            deleted.add(n.name());
        }
        return Response.json(new NetworkPruneReport(deleted));
    }

    private Response list(Request request) {
        Map<String, List<String>> filters = request.filters();
        List<NetworkSummary> out = new ArrayList<>();
        for (Network n : networks.all()) {
            if (matches(filters, n.name(), "bridge", n.id(), n.labels(), n.isDefault())) {
                out.add(summary(n, false));
            }
        }
        for (String name : List.of("host", "none")) {
            String driver = name.equals("host") ? "host" : "null";
            if (matches(filters, name, driver, PredefinedNetworks.id(name), Map.of(), true)) {
                out.add(builtin(name, false));
            }
        }
        return Response.json(out);
    }

    private boolean matches(Map<String, List<String>> filters, String name, String driver, String id,
            Map<String, String> labels, boolean builtin) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            List<String> values = f.getValue();
            boolean ok = switch (f.getKey()) {
                case "name" -> values.stream().anyMatch(name::contains);
                case "id" -> values.stream().anyMatch(id::startsWith);
                case "driver" -> values.contains(driver);
                case "type" -> values.contains(builtin ? "builtin" : "custom");
                case "scope" -> values.contains("local");
                case "label" -> values.stream().allMatch(v -> {
                    int eq = v.indexOf('=');
                    return eq < 0 ? labels.containsKey(v) : v.substring(eq + 1).equals(labels.get(v.substring(0, eq)));
                });
                case "dangling" -> values.stream().anyMatch(v -> (v.equals("true") || v.equals("1"))
                        == (!builtin && members.configuredOn(name).isEmpty()));
                case "until" -> true;
                default -> throw EngineException.badRequest("invalid filter '" + f.getKey() + "'");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A Network, or the name of host/none. */
    private Object find(String ref) {
        Network n = networks.findOrNull(ref);
        if (n != null) {
            return n;
        }
        for (String name : List.of("host", "none")) {
            if (name.equals(ref) || (ref.length() >= 2 && PredefinedNetworks.id(name).startsWith(ref))) {
                return name;
            }
        }
        throw EngineException.notFound("network " + ref + " not found");
    }

    private Network findUser(String ref) {
        Object found = find(ref);
        if (found instanceof Network n) {
            return n;
        }
        throw EngineException.forbidden("container cannot be disconnected from host network or connected to host "
                + "network");
    }

    private NetworkSummary inspect(String ref) {
        Object found = find(ref);
        return found instanceof Network n ? summary(n, true) : builtin((String) found, true);
    }

    private NetworkSummary summary(Network n, boolean withContainers) {
        Map<String, String> ipamConfig = new LinkedHashMap<>();
        List<Ipam.Config> configs = new java.util.ArrayList<>(List.of(new Ipam.Config(n.subnet(), n.ipRange(),
                n.shownGateway(), null)));
        if (n.subnet6() != null) {
            configs.add(new Ipam.Config(n.subnet6(), null, n.shownGateway6(), null));
        }
        // EnableIPv4 arrived with API 1.47, after this engine's newest
        return new NetworkSummary(n.name(), n.id(), n.created(), "local", "bridge", null, n.enableIpv6(),
                new Ipam("default", configs, n.isDefault() ? null : ipamConfig), n.internal(), false, false,
                new NetworkSummary.ConfigReference(""), false,
                withContainers ? members.membersOf(n.name()) : Map.of(), n.options(), n.labels(), null);
    }

    private NetworkSummary builtin(String name, boolean withContainers) {
        return new NetworkSummary(name, PredefinedNetworks.id(name), created, "local",
                name.equals("host") ? "host" : "null", null, false, new Ipam("default", List.of(), Map.of()), false,
                false, false, new NetworkSummary.ConfigReference(""), false,
                withContainers ? members.membersOf(name) : Map.of(), Map.of(), Map.of(), null);
    }
}
