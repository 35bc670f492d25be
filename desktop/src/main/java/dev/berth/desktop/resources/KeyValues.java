package dev.berth.desktop.resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code key=value} pairs as people type them into a form (labels, driver options): one per line, blank lines
 * ignored; the value may be empty or contain '=' and ',' (the local driver's {@code o=addr=10.0.0.1,rw}).
 */
public final class KeyValues {

    private KeyValues() {
    }

    /** An entry without a key ("=x" or "x" alone). */
    public static final class Malformed extends IllegalArgumentException {

        private final String entry;

        Malformed(String entry) {
            super("not key=value: " + entry);
            this.entry = entry;
        }

        public String entry() {
            return entry;
        }
    }

    /** The pairs in the order typed; a repeated key keeps its last value. */
    public static Map<String, String> parse(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        for (String raw : text.split("\\R")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                throw new Malformed(entry);
            }
            pairs.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return pairs;
    }
}
