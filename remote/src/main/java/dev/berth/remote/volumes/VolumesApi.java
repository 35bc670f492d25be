package dev.berth.remote.volumes;

import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Query;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Typed volumes operations of the Engine API. */
public final class VolumesApi {

    /** From this API version prune spares named volumes unless asked with {@code all=true}. */
    private static final ApiVersion PRUNE_ANONYMOUS_ONLY = new ApiVersion(1, 42);

    private final EngineHttp http;

    public VolumesApi(EngineHttp http) {
        this.http = http;
    }

    public VolumeList list() {
        return list(null);
    }

    /** {@code GET /volumes}; filters: name (substring), label, dangling, driver. */
    public VolumeList list(Filters filters) {
        return http.get("/volumes", Query.of().filters(filters), VolumeList.class);
    }

    /** {@code GET /volumes/{name}}; a missing volume is a {@code NotFound}. */
    public Volume inspect(String name) {
        return http.get(path(name), null, Volume.class);
    }

    /** {@code POST /volumes/create}; creating an existing name returns the existing volume. */
    public Volume create(VolumeCreateRequest request) {
        Objects.requireNonNull(request, "request");
        return http.post("/volumes/create", null, request, Volume.class);
    }

    /**
     * {@code DELETE /volumes/{name}}. A volume in use by a container is a {@code Conflict}; {@code force} removes
     * it from the engine's records even when its driver fails to delete it.
     */
    public void remove(String name, boolean force) {
        http.send("DELETE", path(name), Query.of().flag("force", force), null);
    }

    /**
     * {@code POST /volumes/prune}: removes volumes no container uses. What "unused" covers depends on the engine:
     * from API 1.42 only anonymous volumes, unless {@code all}; before (Docker 20.10, API 1.41), named ones too,
     * whatever {@code all} says. Label filters narrow it down on both.
     */
    public VolumePruneReport prune(Filters filters, boolean all) {
        Map<String, List<String>> f = new TreeMap<>(filters == null ? Map.of() : filters.asMap());
        if (!http.version().atLeast(PRUNE_ANONYMOUS_ONLY)) {
            f.remove("all"); // 1.41 refuses the unknown filter; it prunes named volumes anyway
        } else if (all) {
            f.put("all", List.of("true"));
        }
        return http.post("/volumes/prune", Query.of().filters(f), null, VolumePruneReport.class);
    }

    /** Prune with the engine's default scope (see {@link #prune(Filters, boolean)}). */
    public VolumePruneReport prune(Filters filters) {
        return prune(filters, false);
    }

    private static String path(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a volume name is required");
        }
        return "/volumes/" + name;
    }
}
