package dev.berth.engine.volumes;

import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.remote.volumes.VolumeCreateRequest;
import dev.berth.remote.volumes.VolumeList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /volumes}: list, create, inspect, remove, prune. */
public final class VolumeRoutes implements Routes {

    private final VolumeService volumes;

    public VolumeRoutes(VolumeService volumes) {
        this.volumes = volumes;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/volumes", req -> Response.json(new VolumeList(volumes.list(req.filters()), List.of())));
        router.add("POST", "/volumes/create", this::create);
        router.add("POST", "/volumes/prune", this::prune);
        router.add("GET", "/volumes/{name}", req -> Response.json(volumes.inspect(req.param("name"))));
        router.add("DELETE", "/volumes/{name}", req -> {
            volumes.remove(req.param("name"), req.flag("force"));
            return Response.noContent();
        });
    }

    private Response create(Request req) {
        VolumeCreateRequest body = req.json(VolumeCreateRequest.class);
        if (body == null) {
            body = new VolumeCreateRequest(null, null, null, null);
        }
        return Response.json(201, volumes.create(body.name(), body.driver(), body.labels(), body.driverOpts()));
    }

    private Response prune(Request req) {
        Map<String, List<String>> filters = new LinkedHashMap<>(req.filters());
        // Before API 1.42 prune removed every unused volume; Docker keeps that for old clients the same way.
        if (!req.apiAtLeast("1.42")) {
            filters.put("all", List.of("true"));
        }
        return Response.json(volumes.prune(filters));
    }
}
