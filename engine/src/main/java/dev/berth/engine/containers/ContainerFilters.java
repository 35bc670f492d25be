package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.MountPoint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code GET /containers/json} filters, as dockerd evaluates them (daemon/list.go). */
final class ContainerFilters {

    private static final Set<String> KNOWN = Set.of("id", "name", "label", "status", "ancestor", "before", "since",
            "exited", "volume", "network", "health", "isolation", "is-task", "expose", "publish");
    private static final Set<String> STATUSES = Set.of("created", "restarting", "running", "removing", "paused",
            "exited", "dead");
    private static final Set<String> HEALTH = Set.of(HealthMonitor.STARTING, HealthMonitor.HEALTHY,
            HealthMonitor.UNHEALTHY, "none");

    private final Map<String, List<String>> filters;
    private final Instant before;
    private final Instant since;
    private final Function<String, String> imageIdOf;

    /**
     * @param findCreated resolves a before/since reference to that container's creation time
     * @param imageIdOf   resolves an ancestor reference to an image ID, or null when there is no such image
     */
    ContainerFilters(Map<String, List<String>> filters, Function<String, Instant> findCreated,
            Function<String, String> imageIdOf) {
        this.filters = filters;
        this.imageIdOf = imageIdOf;
        for (String key : filters.keySet()) {
            if (!KNOWN.contains(key)) {
                throw EngineException.badRequest("invalid filter '" + key + "'");
            }
        }
        for (String status : filters.getOrDefault("status", List.of())) {
            if (!STATUSES.contains(status)) {
                throw EngineException.badRequest("invalid filter 'status=" + status + "'");
            }
        }
        for (String health : filters.getOrDefault("health", List.of())) {
            if (!HEALTH.contains(health)) {
                throw EngineException.badRequest("Unrecognised filter value for health: " + health);
            }
        }
        for (String code : filters.getOrDefault("exited", List.of())) {
            try {
                Integer.parseInt(code);
            } catch (NumberFormatException e) {
                throw EngineException.badRequest("invalid filter 'exited=" + code + "'");
            }
        }
        this.before = filters.containsKey("before") ? findCreated.apply(filters.get("before").get(0)) : null;
        this.since = filters.containsKey("since") ? findCreated.apply(filters.get("since").get(0)) : null;
    }

    /** Whether a filter makes the list include stopped containers even without {@code all}. */
    boolean wantsStopped() {
        return filters.containsKey("exited") || filters.getOrDefault("status", List.of()).stream()
                .anyMatch(s -> !s.equals("running") && !s.equals("paused") && !s.equals("restarting"));
    }

    boolean matches(Container c) {
        return any("id", v -> c.id.startsWith(v))
                && any("name", v -> nameMatches(c.name, v))
                && all("label", v -> labelMatches(c.config.labels(), v))
                && any("status", v -> v.equals(c.status()))
                && any("ancestor", v -> ancestorMatches(c, v))
                && any("exited", v -> !c.running && !Timestamps.ZERO.equals(c.startedAt)
                        && c.exitCode == Integer.parseInt(v))
                && any("volume", v -> c.mounts.stream().anyMatch(m -> volumeMatches(m, v)))
                && any("network", v -> v.equals(ContainerViews.networkName(c))
                        || ContainerViews.networkId(ContainerViews.networkName(c)).startsWith(v))
                && any("health", v -> v.equals(c.health == null ? "none" : c.health.status()))
                && any("isolation", v -> v.equals("default"))
                && any("is-task", v -> v.equals("false"))
                && any("expose", v -> c.config.exposedPorts() != null && c.config.exposedPorts().keySet().stream()
                        .anyMatch(p -> p.equals(v) || p.equals(v + "/tcp")))
                && any("publish", v -> false)
                && (before == null || c.createdInstant().isBefore(before))
                && (since == null || c.createdInstant().isAfter(since));
    }

    private boolean any(String key, java.util.function.Predicate<String> test) {
        List<String> values = filters.get(key);
        return values == null || values.isEmpty() || values.stream().anyMatch(test);
    }

    private boolean all(String key, java.util.function.Predicate<String> test) {
        List<String> values = filters.get(key);
        return values == null || values.stream().allMatch(test);
    }

    /** Docker matches names as regular expressions against "/name". */
    private static boolean nameMatches(String name, String filter) {
        try {
            return Pattern.compile(filter).matcher(name).find();
        } catch (PatternSyntaxException e) {
            return name.contains(filter);
        }
    }

    static boolean labelMatches(Map<String, String> labels, String filter) {
        if (labels == null) {
            return false;
        }
        int eq = filter.indexOf('=');
        if (eq < 0) {
            return labels.containsKey(filter);
        }
        String key = filter.substring(0, eq);
        return labels.containsKey(key) && labels.get(key).equals(filter.substring(eq + 1));
    }

    private boolean ancestorMatches(Container c, String ref) {
        if (ref.equals(c.config.image())) {
            return true;
        }
        String id = imageIdOf.apply(ref);
        return id != null && id.equals(c.imageId);
    }

    private static boolean volumeMatches(MountPoint m, String v) {
        return v.equals(m.name()) || v.equals(m.destination()) || v.equals(m.source());
    }
}
