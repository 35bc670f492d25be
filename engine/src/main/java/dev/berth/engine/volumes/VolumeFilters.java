package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The filters of {@code GET /volumes} and {@code POST /volumes/prune}, with Docker's matching rules. */
final class VolumeFilters {

    static final Set<String> LIST = Set.of("dangling", "name", "driver", "label");
    static final Set<String> PRUNE = Set.of("label", "label!", "all");

    private VolumeFilters() {
    }

    /** 400 for a filter name the endpoint does not know (message as dockerd 20.10 words it). */
    static void accept(Map<String, List<String>> filters, Set<String> accepted) {
        for (String name : filters.keySet()) {
            if (!accepted.contains(name)) {
                throw EngineException.badRequest("Invalid filter '" + name + "'");
            }
        }
    }

    /**
     * The volumes a list request keeps. {@code inUse} says whether a container references a volume (for
     * dangling).
     */
    static Predicate<VolumeMetadata> forList(Map<String, List<String>> filters, Predicate<String> inUse) {
        accept(filters, LIST);
        Predicate<VolumeMetadata> keep = labels(filters);
        List<String> drivers = filters.get("driver");
        if (drivers != null && !drivers.isEmpty()) {
            keep = keep.and(v -> drivers.contains(v.driver()));
        }
        List<String> names = filters.get("name");
        if (names != null) {
            keep = keep.and(v -> nameMatches(names, v.name()));
        }
        List<String> dangling = filters.get("dangling");
        if (dangling != null) {
            boolean wantDangling = bool("dangling", dangling);
            keep = keep.and(v -> inUse.test(v.name()) != wantDangling);
        }
        return keep;
    }

    /** label (all must match) and label! (excluded when all match), as filters.Args.MatchKVList. */
    static Predicate<VolumeMetadata> labels(Map<String, List<String>> filters) {
        List<String> with = filters.getOrDefault("label", List.of());
        List<String> without = filters.getOrDefault("label!", List.of());
        return v -> {
            Map<String, String> labels = v.labels() == null ? Map.of() : v.labels();
            return matchAll(with, labels) && (without.isEmpty() || !matchAll(without, labels));
        };
    }

    private static boolean matchAll(List<String> wanted, Map<String, String> labels) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (labels.isEmpty()) {
            return false;
        }
        for (String w : wanted) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            if (!labels.containsKey(key)) {
                return false;
            }
            if (eq >= 0 && !w.substring(eq + 1).equals(labels.get(key))) {
                return false;
            }
        }
        return true;
    }

    /** filters.Args.Match: an exact name, or a regular expression found anywhere in it. */
    private static boolean nameMatches(List<String> patterns, String name) {
        for (String p : patterns) {
            if (p.equals(name)) {
                return true;
            }
            try {
                if (Pattern.compile(p).matcher(name).find()) {
                    return true;
                }
            } catch (PatternSyntaxException e) {
                // Docker skips a pattern that does not compile
            }
        }
        return false;
    }

    /** Docker's boolean filter values: true/1 or false/0; anything else (or both) is a 400. */
    static boolean bool(String name, List<String> values) {
        boolean isTrue = values.contains("true") || values.contains("1");
        boolean isFalse = values.contains("false") || values.contains("0");
        if (isTrue == isFalse) {
            throw EngineException.badRequest("Invalid filter '" + name + "=[" + String.join(" ", values) + "]'");
        }
        return isTrue;
    }
}
