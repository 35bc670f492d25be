package dev.berth.remote.endpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The docker CLI's configuration folder: {@code $DOCKER_CONFIG} if set, else {@code ~/.docker}. It holds
 * {@code config.json}, the {@code contexts/} store and, by default, the TLS files of {@code DOCKER_CERT_PATH}.
 */
public record DockerConfigDir(Path path) {

    public static final String ENV_DOCKER_CONFIG = "DOCKER_CONFIG";
    public static final String CONFIG_FILE = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public DockerConfigDir {
        Objects.requireNonNull(path, "path");
        path = path.toAbsolutePath().normalize();
    }

    /** Resolves the folder from an environment and a home directory (injected so tests never see the real one). */
    public static DockerConfigDir resolve(Map<String, String> env, Path homeDir) {
        String configured = env.get(ENV_DOCKER_CONFIG);
        if (configured != null && !configured.isEmpty()) {
            return new DockerConfigDir(Path.of(configured));
        }
        return new DockerConfigDir(homeDir.resolve(".docker"));
    }

    public Path configFile() {
        return path.resolve(CONFIG_FILE);
    }

    public Path contextsDir() {
        return path.resolve("contexts");
    }

    /**
     * Reads {@code config.json} as leniently as the CLI: a missing or empty file is an empty configuration, unknown
     * fields are ignored and field names match case-insensitively.
     *
     * @throws DockerConfigException if the file cannot be read, is not JSON, or a field Berth uses has the wrong type
     */
    public DockerConfigFile readConfigFile() {
        Path file = configFile();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return DockerConfigFile.empty(file);
        } catch (IOException e) {
            throw new DockerConfigException("Cannot read the docker configuration " + file + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            return DockerConfigFile.empty(file);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new DockerConfigException("The docker configuration " + file + " is not valid JSON ("
                    + e.getOriginalMessage() + "). Fix or remove the file; the docker CLI cannot use it either.", e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return DockerConfigFile.empty(file);
        }
        if (!root.isObject()) {
            throw new DockerConfigException("The docker configuration " + file
                    + " should contain a JSON object ({ … }) but contains " + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
                    + ".");
        }
        try {
            JsonNode auths = JsonFields.object(root, "auths");
            JsonNode helpers = JsonFields.object(root, "credHelpers");
            return new DockerConfigFile(file, (ObjectNode) root,
                    emptyToNull(JsonFields.text(root, "currentContext")),
                    auths == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) auths,
                    emptyToNull(JsonFields.text(root, "credsStore")),
                    credHelpers(helpers));
        } catch (JsonFields.WrongType e) {
            throw new DockerConfigException("The docker configuration " + file + " is not usable: " + e.getMessage()
                    + ".", e);
        }
    }

    private static Map<String, String> credHelpers(JsonNode helpers) {
        Map<String, String> result = new LinkedHashMap<>();
        if (helpers != null) {
            for (Map.Entry<String, JsonNode> entry : helpers.properties()) {
                if (!entry.getValue().isTextual()) {
                    throw new JsonFields.WrongType("credHelpers." + entry.getKey(), "a string", entry.getValue());
                }
                result.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return result;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
