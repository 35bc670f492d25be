package dev.berth.remote.endpoint;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A docker context to write: what {@code docker context create NAME --description … --docker host=…,ca=…,cert=…,
 * key=…,skip-tls-verify=…} would store.
 *
 * @param name          a valid context name (see {@link #validateName})
 * @param description   free text, or {@code null}
 * @param host          any host form {@link EngineEndpoint#parse} accepts; stored normalised so the CLI can read it
 * @param skipTlsVerify TLS without checking the engine's certificate
 * @param tls           PEM material for a TCP host, or {@code null}
 */
public record ContextDefinition(String name, String description, String host, boolean skipTlsVerify,
                                ContextTlsMaterial tls) {

    private static final Pattern VALID_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.+-]+$");

    public ContextDefinition {
        validateName(name);
        Objects.requireNonNull(host, "host");
    }

    /**
     * The CLI's rule ({@code cli/context/store}): a letter or digit, then at least one of letters, digits, '_', '.',
     * '+', '-'. "default" is the virtual context built from the environment and can never be stored.
     */
    public static void validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A context needs a name.");
        }
        if (DockerContexts.DEFAULT_CONTEXT.equals(name)) {
            throw new IllegalArgumentException("\"default\" is reserved for the context built from DOCKER_HOST and"
                    + " the other environment variables; choose another name.");
        }
        if (!VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not a valid context name: use at least two"
                    + " characters, starting with a letter or digit, followed by letters, digits, '_', '.', '+' or '-'.");
        }
    }
}
