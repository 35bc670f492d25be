package dev.berth.desktop.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.desktop.i18n.Texts;

/**
 * One node of the inspect tree: its key (a field name, "[3]" for an array element, null for the root), its value and
 * its path from the root ("Config.Env[0]"), which identifies it across reloads.
 */
record JsonEntry(String key, JsonNode node, String path) {

    private static final Texts T = Texts.of(JsonEntry.class);

    boolean isContainer() {
        return node.isContainerNode();
    }

    /** The value as shown next to the key: scalars as JSON, objects and arrays as a short summary. */
    String display() {
        if (node.isObject()) {
            return node.isEmpty() ? "{}" : "{" + T.get("inspect.json.fields", node.size()) + "}";
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + T.get("inspect.json.items", node.size()) + "]";
        }
        return node.toString();
    }

    /** Whether the key or, for a scalar, the value contains the query (case-insensitive). */
    boolean matches(String lowerCaseQuery) {
        if (key != null && key.toLowerCase().contains(lowerCaseQuery)) {
            return true;
        }
        return node.isValueNode() && JsonText.value(node).toLowerCase().contains(lowerCaseQuery);
    }

    String valueType() {
        if (node.isTextual()) {
            return "json-string";
        }
        if (node.isNumber()) {
            return "json-number";
        }
        if (node.isBoolean()) {
            return "json-boolean";
        }
        if (node.isNull()) {
            return "json-null";
        }
        return "json-summary";
    }
}
