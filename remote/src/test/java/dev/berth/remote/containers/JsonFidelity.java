package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.client.Json;
import java.util.Iterator;
import java.util.Map;

/**
 * Checks that a record read from the engine's JSON writes every field back under the engine's own name and value:
 * what we model, we model faithfully (which the engine module relies on to serve the docker CLI).
 */
public final class JsonFidelity {

    private JsonFidelity() {
    }

    public static <T> T assertFaithful(JsonNode engine, Class<T> type) {
        try {
            T value = Json.MAPPER.treeToValue(engine, type);
            assertSubset(Json.MAPPER.valueToTree(value), engine, "$");
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertSubset(JsonNode ours, JsonNode engine, String path) {
        if (ours.isObject()) {
            assertTrue(engine != null && engine.isObject(), path + " is not an object in the engine's JSON");
            for (Iterator<Map.Entry<String, JsonNode>> it = ours.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                assertTrue(engine.has(field.getKey()), path + "." + field.getKey() + " is not a field the engine sent"
                        + " (engine fields: " + fieldNames(engine) + ")");
                assertSubset(field.getValue(), engine.get(field.getKey()), path + "." + field.getKey());
            }
        } else if (ours.isArray()) {
            assertTrue(engine.isArray() && engine.size() == ours.size(), path + " differs: " + ours + " vs " + engine);
            for (int i = 0; i < ours.size(); i++) {
                assertSubset(ours.get(i), engine.get(i), path + "[" + i + "]");
            }
        } else {
            boolean same = ours.isNumber() && engine.isNumber() ? ours.decimalValue().compareTo(engine.decimalValue()) == 0
                    : ours.equals(engine);
            assertTrue(same, path + ": we write " + ours + ", the engine sent " + engine);
        }
    }

    private static String fieldNames(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> sb.append(n).append(' '));
        return sb.toString().trim();
    }
}
