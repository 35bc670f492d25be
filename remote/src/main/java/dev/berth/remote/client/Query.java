package dev.berth.remote.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Query parameters of one API call, in the order added. Null values are skipped so optional ones read simply. */
public final class Query {

    private final List<Map.Entry<String, String>> params = new ArrayList<>();

    public static Query of() {
        return new Query();
    }

    public Query add(String name, Object value) {
        if (value != null) {
            params.add(Map.entry(name, value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value)));
        }
        return this;
    }

    /** Adds a boolean only when true, the way the docker CLI leaves defaults out of its URLs. */
    public Query flag(String name, boolean value) {
        return value ? add(name, true) : this;
    }

    /** Filters go on the wire as JSON {@code {"name":["v1","v2"]}}; empty filters are left out. */
    public Query filters(Filters filters) {
        return filters == null ? this : filters(filters.asMap());
    }

    public Query filters(Map<String, List<String>> filters) {
        if (filters == null || filters.isEmpty()) {
            return this;
        }
        try {
            return add("filters", Json.MAPPER.writeValueAsString(new TreeMap<>(filters)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("filters cannot be encoded: " + e.getMessage(), e);
        }
    }

    public List<Map.Entry<String, String>> params() {
        return Collections.unmodifiableList(params);
    }
}
