package dev.berth.engine.events;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's /events filters: values of one key are ORed, different keys ANDed. container matches the ID or the
 * name, image the image attribute or an image event's ID, label "key" or "key=value" on the actor's attributes.
 */
public final class EventFilter {

    private static final Set<String> KEYS = Set.of("container", "image", "type", "event", "label", "volume",
            "network", "daemon", "scope", "config", "node", "plugin", "secret", "service");

    private final Map<String, List<String>> filters;

    public EventFilter(Map<String, List<String>> filters) {
        for (String key : filters.keySet()) {
            if (!KEYS.contains(key)) {
                throw EngineException.badRequest("invalid filter '" + key + "'");
            }
        }
        this.filters = filters;
    }

    public boolean matches(EventMessage event) {
        Map<String, String> attrs = event.actor() == null || event.actor().attributes() == null
                ? Map.of() : event.actor().attributes();
        String id = event.actor() == null ? "" : event.actor().id();
        return any("type", v -> v.equals(event.type()))
                && any("event", v -> v.equals(event.action()) || event.action().startsWith(v + ":"))
                && any("container", v -> "container".equals(event.type())
                        && (id.startsWith(v) || v.equals(attrs.get("name"))))
                && any("image", v -> imageMatches(v, event, id, attrs))
                && any("volume", v -> "volume".equals(event.type()) && v.equals(id))
                && any("network", v -> "network".equals(event.type()) && (v.equals(id) || v.equals(attrs.get("name"))))
                && any("label", v -> labelMatches(v, attrs))
                && any("scope", v -> v.equals(event.scope()))
                && any("daemon", v -> "daemon".equals(event.type()));
    }

    private static boolean imageMatches(String value, EventMessage event, String id, Map<String, String> attrs) {
        String image = "image".equals(event.type()) ? id : attrs.get("image");
        if (image == null) {
            return false;
        }
        return image.equals(value) || image.equals(value + ":latest") || stripTag(image).equals(value)
                || image.startsWith("sha256:") && value.startsWith("sha256:") && image.startsWith(value)
                || value.equals(attrs.get("name"));
    }

    private static String stripTag(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(0, colon) : image;
    }

    private static boolean labelMatches(String value, Map<String, String> attrs) {
        int eq = value.indexOf('=');
        if (eq < 0) {
            return attrs.containsKey(value);
        }
        return value.substring(eq + 1).equals(attrs.get(value.substring(0, eq)));
    }

    private boolean any(String key, java.util.function.Predicate<String> test) {
        List<String> values = filters.get(key);
        if (values == null || values.isEmpty()) {
            return true;
        }
        for (String v : values) {
            if (test.test(v)) {
                return true;
            }
        }
        return false;
    }
}
