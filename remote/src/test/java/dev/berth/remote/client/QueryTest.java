package dev.berth.remote.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTest {

    @Test
    void filtersAreJsonMapsOfLists() {
        Query q = Query.of().flag("all", true).flag("size", false).add("limit", null)
                .filters(Filters.of("label", "app=web").and("label", "tier=front").and("status", "running"));
        assertEquals(List.of(Map.entry("all", "1"),
                        Map.entry("filters", "{\"label\":[\"app=web\",\"tier=front\"],\"status\":[\"running\"]}")),
                q.params());
    }

    @Test
    void emptyFiltersAreLeftOut() {
        assertEquals(List.of(), Query.of().filters(Filters.none()).params());
    }
}
