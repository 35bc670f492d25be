package dev.berth.desktop.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON pretty-printed the way {@code docker inspect} prints it (four spaces, {@code "Key": value}), nulls kept. */
final class JsonText {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private JsonText() {
    }

    static String pretty(JsonNode node) {
        try {
            return PLAIN.writer(new DockerStyle()).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // cannot happen for a tree that was parsed from JSON
        }
    }

    /** A scalar as the user would copy it (strings without quotes); objects and arrays pretty-printed. */
    static String value(JsonNode node) {
        if (node == null) {
            return "";
        }
        if (node.isValueNode()) {
            return node.isTextual() ? node.textValue() : node.toString();
        }
        return pretty(node);
    }

    private static final class DockerStyle extends DefaultPrettyPrinter {

        DockerStyle() {
            DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
            indentObjectsWith(indenter);
            indentArraysWith(indenter);
        }

        DockerStyle(DockerStyle base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new DockerStyle(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                g.writeRaw('}'); // "{}" rather than "{ }"
                _nesting--;
                return;
            }
            super.writeEndObject(g, entries);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int entries) throws IOException {
            if (entries == 0) {
                g.writeRaw(']');
                _nesting--;
                return;
            }
            super.writeEndArray(g, entries);
        }
    }
}
