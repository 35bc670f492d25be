package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A path inside a container, from the {@code X-Docker-Container-Path-Stat} header of the archive endpoints
 * (base64 of a small JSON object).
 *
 * @param mode       Go's {@code os.FileMode}: permission bits plus type bits (directory = 1 &lt;&lt; 31,
 *                   symlink = 1 &lt;&lt; 27)
 * @param mtime      RFC 3339
 * @param linkTarget the target when the path is a symlink, else ""
 */
public record PathStat(
        @JsonProperty("name") String name,
        @JsonProperty("size") Long size,
        @JsonProperty("mode") Long mode,
        @JsonProperty("mtime") String mtime,
        @JsonProperty("linkTarget") String linkTarget) {

    public static final String HEADER = "X-Docker-Container-Path-Stat";
    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;

    public boolean directory() {
        return mode != null && (mode & MODE_DIR) != 0;
    }

    public boolean symlink() {
        return mode != null && (mode & MODE_SYMLINK) != 0;
    }

    /** The rwx bits, e.g. 0755. */
    public int permissions() {
        return mode == null ? 0 : (int) (mode & 0777);
    }

    /** Decodes the header value. */
    public static PathStat decode(String header) {
        if (header == null || header.isBlank()) {
            throw new EngineProtocolException("the engine did not send the " + HEADER + " header");
        }
        try {
            byte[] json = Base64.getDecoder().decode(header.trim());
            JsonNode node = Json.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new EngineProtocolException("the engine sent an unreadable " + HEADER + " header");
            }
            return Json.MAPPER.treeToValue(node, PathStat.class);
        } catch (IllegalArgumentException | IOException e) {
            throw new EngineProtocolException("the engine sent an unreadable " + HEADER + " header: " + e.getMessage(), e);
        }
    }
}
