package dev.berth.remote.auth;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.remote.endpoint.DockerConfigDir;
import dev.berth.remote.endpoint.DockerConfigException;
import dev.berth.remote.endpoint.DockerConfigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the registry credentials the docker CLI would use (docker/cli {@code configfile.GetCredentialsStore}):
 * <ol>
 * <li>{@code DOCKER_AUTH_CONFIG} ({@code {"auths":{…}}}) when it has an entry for the registry;</li>
 * <li>otherwise exactly one store: the helper in {@code credHelpers[registry]}, else the {@code credsStore}
 * helper, else the {@code auths} of config.json. A helper that has nothing does not fall back to
 * {@code auths}: the CLI does not either, and those entries are usually empty placeholders.</li>
 * </ol>
 * config.json is read on every lookup, so a {@code docker login} in a terminal is seen without restarting.
 */
public final class CredentialStore {

    public static final String ENV_DOCKER_AUTH_CONFIG = "DOCKER_AUTH_CONFIG";
    public static final Duration DEFAULT_HELPER_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(CredentialStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerConfigDir configDir;
    private final Map<String, String> env;
    private final Duration helperTimeout;

    /**
     * @param configDir where config.json lives
     * @param env       the environment: DOCKER_AUTH_CONFIG, and PATH plus whatever helpers need (HOME, DBUS, GPG)
     */
    public CredentialStore(DockerConfigDir configDir, Map<String, String> env) {
        this(configDir, env, DEFAULT_HELPER_TIMEOUT);
    }

    public CredentialStore(DockerConfigDir configDir, Map<String, String> env, Duration helperTimeout) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.env = Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(env, "env")));
        this.helperTimeout = Objects.requireNonNull(helperTimeout, "helperTimeout");
    }

    /** The store for this process: its environment and {@code $DOCKER_CONFIG} or {@code ~/.docker}. */
    public static CredentialStore system() {
        Map<String, String> env = System.getenv();
        return new CredentialStore(DockerConfigDir.resolve(env, Path.of(System.getProperty("user.home"))), env);
    }

    /** Credentials for the registry an image reference points at; see {@link RegistryHosts#forImage}. */
    public Optional<AuthConfig> lookupForImage(String imageRef) {
        return lookup(RegistryHosts.forImage(imageRef));
    }

    /**
     * Credentials for a registry, with {@code serverAddress} set to the registry key.
     *
     * @param registryKey {@code host[:port]}, {@link RegistryHosts#DOCKER_HUB}, or any address form
     *                    {@link RegistryHosts#forRegistry} accepts
     * @return empty when nothing is stored for that registry (pull anonymously)
     * @throws CredentialLookupException when a helper is missing, fails or times out, or an entry is corrupt
     * @throws DockerConfigException     when config.json itself cannot be read or parsed
     */
    public Optional<AuthConfig> lookup(String registryKey) {
        String key = RegistryHosts.forRegistry(registryKey);
        Optional<AuthConfig> fromEnv = fromEnvironment(key);
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        DockerConfigFile config = configDir.readConfigFile();
        String where = config.file().toString();

        Map.Entry<String, String> helperEntry = matching(config.credHelpers(), key);
        if (helperEntry != null && !helperEntry.getValue().isEmpty()) {
            return fromHelper(helperEntry.getValue(), "credHelpers[\"" + helperEntry.getKey() + "\"] in " + where, key,
                    config);
        }
        if (config.credsStore() != null) {
            return fromHelper(config.credsStore(), "credsStore in " + where, key, config);
        }
        JsonNode entry = authEntry(config.auths(), key);
        return entry == null ? Optional.empty() : decodeEntry(entry, key, "config.json (" + where + ")");
    }

    private Optional<AuthConfig> fromEnvironment(String key) {
        String value = env.get(ENV_DOCKER_AUTH_CONFIG);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(value);
            JsonNode auths = root == null ? null : ci(root, "auths");
            JsonNode entry = auths == null || !auths.isObject() ? null : authEntry(auths, key);
            return entry == null ? Optional.empty() : decodeEntry(entry, key, ENV_DOCKER_AUTH_CONFIG);
        } catch (JacksonException | CredentialLookupException e) {
            // The CLI ignores an unusable DOCKER_AUTH_CONFIG and uses its stores; so do we, but say so.
            LOG.warn("Ignoring {}, which is not usable ({}); using the credential stores of config.json instead",
                    ENV_DOCKER_AUTH_CONFIG, e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<AuthConfig> fromHelper(String helperName, String origin, String key, DockerConfigFile config) {
        CredentialHelper helper = new CredentialHelper(helperName, origin, env, helperTimeout);
        Optional<CredentialHelper.Answer> answer = helper.get(key);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        JsonNode entry = authEntry(config.auths(), key);
        String email = entry == null ? null : text(entry, "email");
        CredentialHelper.Answer a = answer.get();
        if (a.isIdentityToken()) {
            return Optional.of(new AuthConfig(null, null, key, a.secret(), email));
        }
        return Optional.of(new AuthConfig(a.username(), a.secret(), key, null, email));
    }

    /**
     * One {@code auths} entry. {@code auth} (standard base64 of "user:password") wins over separate username and
     * password fields, as in configfile.LoadFromReader.
     */
    private static Optional<AuthConfig> decodeEntry(JsonNode entry, String key, String where) {
        String username = text(entry, "username");
        String password = text(entry, "password");
        String auth = text(entry, "auth");
        if (auth != null && !auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw badEntry(key, where, "its \"auth\" is not base64", e);
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw badEntry(key, where, "its \"auth\" is not base64 of \"user:password\"", null);
            }
            username = decoded.substring(0, colon);
            password = trimNul(decoded.substring(colon + 1));
        }
        String identityToken = text(entry, "identitytoken");
        AuthConfig config = new AuthConfig(emptyToNull(username), emptyToNull(password), key,
                emptyToNull(identityToken), emptyToNull(text(entry, "email")));
        return config.isAnonymous() ? Optional.empty() : Optional.of(config);
    }

    private static CredentialLookupException badEntry(String key, String where, String problem, Throwable cause) {
        return new CredentialLookupException(CredentialLookupException.Kind.BAD_AUTH_ENTRY, null, key,
                "The credentials for " + key + " in " + where + " are corrupt: " + problem + (ENV_DOCKER_AUTH_CONFIG
                        .equals(where) ? "." : ". Log in again (docker login) to replace them."), cause);
    }

    /** The exact key first, then any key that names the same registry (with scheme, /v1/, a Hub alias…). */
    private static JsonNode authEntry(JsonNode auths, String key) {
        JsonNode exact = auths.get(key);
        if (exact != null && exact.isObject()) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> entry : auths.properties()) {
            if (entry.getValue().isObject() && sameRegistry(entry.getKey(), key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static Map.Entry<String, String> matching(Map<String, String> byRegistry, String key) {
        if (byRegistry.containsKey(key)) {
            return Map.entry(key, byRegistry.get(key));
        }
        for (Map.Entry<String, String> entry : byRegistry.entrySet()) {
            if (sameRegistry(entry.getKey(), key)) {
                return entry;
            }
        }
        return null;
    }

    private static boolean sameRegistry(String storedKey, String key) {
        try {
            return RegistryHosts.sameRegistry(storedKey, key);
        } catch (IllegalArgumentException e) {
            return false; // a junk key in somebody's config.json matches nothing
        }
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = ci(object, name);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    /** Go's encoding/json field matching: exact name, else case-insensitive. */
    private static JsonNode ci(JsonNode object, String name) {
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

    private static String trimNul(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '\0') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '\0') {
            end--;
        }
        return value.substring(start, end);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
