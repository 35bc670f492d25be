package dev.berth.engine.networks;

import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.networks.Ipam;
import dev.berth.remote.networks.NetworkSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;

/**
 * The networks this engine has: {@code host} (the host's network namespace) and {@code none} (a private namespace
 * with only loopback). Bridge and user-defined networks arrive with the networking work; until then creating one
 * is refused with a message that says so.
 */
public final class NetworkRoutes implements Routes {

    private static final List<String[]> PREDEFINED = List.of(new String[] {"host", "host"},
            new String[] {"none", "null"});

    private final NetworkMembers members;
    private final String created = Instant.now().toString();

    public NetworkRoutes(NetworkMembers members) {
        this.members = members;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/networks", this::list);
        router.add("GET", "/networks/{id}", req -> Response.json(summary(find(req.param("id")), true)));
        router.add("POST", "/networks/create", req -> {
            throw EngineException.forbidden("Berth's engine has the host and none networks only; bridge and "
                    + "user-defined networks are not supported yet");
        });
        router.add("DELETE", "/networks/{id}", req -> {
            String[] network = find(req.param("id"));
            throw EngineException.forbidden(network[0] + " is a pre-defined network and cannot be removed");
        });
        router.add("POST", "/networks/prune", req -> Response.json(Map.of("NetworksDeleted", List.of())));
    }

    private Response list(Request request) {
        Map<String, List<String>> filters = request.filters();
        List<NetworkSummary> out = new ArrayList<>();
        for (String[] network : PREDEFINED) {
            if (matches(filters, network)) {
                out.add(summary(network, false));
            }
        }
        return Response.json(out);
    }

    private static boolean matches(Map<String, List<String>> filters, String[] network) {
        for (Map.Entry<String, List<String>> f : filters.entrySet()) {
            List<String> values = f.getValue();
            boolean ok = switch (f.getKey()) {
                case "name" -> values.stream().anyMatch(v -> network[0].contains(v));
                case "id" -> values.stream().anyMatch(v -> id(network[0]).startsWith(v));
                case "driver" -> values.contains(network[1]);
                case "type" -> values.contains("builtin");
                case "scope" -> values.contains("local");
                case "label", "dangling" -> false;
                default -> throw EngineException.badRequest("invalid filter '" + f.getKey() + "'");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private String[] find(String idOrName) {
        for (String[] network : PREDEFINED) {
            if (network[0].equals(idOrName) || (idOrName.length() >= 2 && id(network[0]).startsWith(idOrName))) {
                return network;
            }
        }
        throw EngineException.notFound("network " + idOrName + " not found");
    }

    private NetworkSummary summary(String[] network, boolean withContainers) {
        return new NetworkSummary(network[0], id(network[0]), created, "local", network[1], true, false,
                new Ipam("default", List.of(), Map.of()), false, false, false, null, false,
                withContainers ? members.membersOf(network[0]) : Map.of(), Map.of(), Map.of(), null);
    }

    /** A stable 64-hex ID per network name, so IDs survive restarts as Docker's do. */
    static String id(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("berth-network:" + name).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
