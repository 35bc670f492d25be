package dev.berth.remote.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Field lookup with Go's encoding/json rules: an exact name wins, otherwise any case-insensitive match. The CLI
 * reads {@code config.json} and {@code meta.json} that way, so hand-edited files with "name" instead of "Name" work
 * there and must work here too.
 */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string field; absent or JSON null gives {@code null}, any other type is a {@link WrongType}. */
    static String text(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new WrongType(name, "a string", value);
        }
        return value.asText();
    }

    static boolean bool(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new WrongType(name, "true or false", value);
        }
        return value.booleanValue();
    }

    /** An object field; absent or JSON null gives {@code null}. */
    static JsonNode object(JsonNode object, String name) {
        JsonNode value = field(object, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new WrongType(name, "an object", value);
        }
        return value;
    }

    /** Raised with just the field's story; callers add the file name. */
    static final class WrongType extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongType(String field, String expected, JsonNode actual) {
            super("\"" + field + "\" should be " + expected + " but is " + describe(actual));
        }

        private static String describe(JsonNode node) {
            if (node.isArray()) {
                return "a list";
            }
            if (node.isObject()) {
                return "an object";
            }
            return node.toString();
        }
    }
}
