package dev.berth.remote.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code filters} of a list, prune or events call: each name may carry several values. */
public final class Filters {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    public static Filters none() {
        return new Filters();
    }

    public static Filters of(String name, String value) {
        return new Filters().and(name, value);
    }

    public Filters and(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
