package dev.berth.remote.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * What Berth uses from the docker CLI's {@code config.json}. Everything else in the file is left alone and stays
 * reachable through {@link #root()}.
 *
 * @param file           where it was read from (it may not exist)
 * @param root           the whole document; an empty object when the file is missing or empty
 * @param currentContext the context chosen with {@code docker context use}, or {@code null}
 * @param auths          {@code "auths"}: registry key → {@code {"auth": base64("user:pass"), "identitytoken"?, …}};
 *                       empty when absent
 * @param credsStore     the default credential helper suffix ({@code desktop}, {@code pass}, …), or {@code null}
 * @param credHelpers    registry → credential helper suffix; wins over {@code credsStore}
 */
public record DockerConfigFile(Path file, ObjectNode root, String currentContext, ObjectNode auths, String credsStore,
                               Map<String, String> credHelpers) {

    public DockerConfigFile {
        credHelpers = Map.copyOf(credHelpers);
    }

    static DockerConfigFile empty(Path file) {
        return new DockerConfigFile(file, JsonNodeFactory.instance.objectNode(), null,
                JsonNodeFactory.instance.objectNode(), null, Map.of());
    }

    /** The auth entry stored under exactly this key, or {@code null}. */
    public JsonNode authEntry(String key) {
        return auths.get(key);
    }
}
