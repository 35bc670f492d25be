package dev.berth.remote.endpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the engine the docker CLI would talk to, with the CLI's precedence (docker/cli {@code cli/command/cli.go}
 * {@code resolveContextName} and {@code resolveDefaultDockerEndpoint}):
 * <ol>
 * <li>an explicit context (the GUI's choice; {@code --context}),</li>
 * <li>an explicit host ({@code -H}): the {@code default} context with that host,</li>
 * <li>{@code DOCKER_HOST} when non-empty: the {@code default} context,</li>
 * <li>{@code DOCKER_CONTEXT},</li>
 * <li>{@code currentContext} in {@code config.json},</li>
 * <li>the {@code default} context: {@code unix:///var/run/docker.sock}, or {@code tcp://localhost:2376} when the
 * environment turns TLS on.</li>
 * </ol>
 * The docs claim DOCKER_CONTEXT beats DOCKER_HOST; the code does the opposite, and the code is what users live with.
 * TLS from {@code DOCKER_TLS_VERIFY} / {@code DOCKER_TLS} / {@code DOCKER_CERT_PATH} only applies to the
 * {@code default} context; stored contexts carry their own.
 */
public final class EndpointResolver {

    public static final String ENV_DOCKER_HOST = "DOCKER_HOST";
    public static final String ENV_DOCKER_CONTEXT = "DOCKER_CONTEXT";
    public static final String ENV_DOCKER_TLS_VERIFY = "DOCKER_TLS_VERIFY";
    public static final String ENV_DOCKER_TLS = "DOCKER_TLS";
    public static final String ENV_DOCKER_CERT_PATH = "DOCKER_CERT_PATH";

    private static final String DEFAULT_DESCRIPTION = "Current DOCKER_HOST based configuration";

    private final Map<String, String> env;
    private final DockerConfigDir configDir;
    private final DockerContexts contexts;

    /** Which context the precedence rules picked, and a phrase saying why (for sources and messages). */
    private record Choice(String contextName, String reason) {
    }

    public EndpointResolver(Map<String, String> env, Path homeDir) {
        this.env = Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(env, "env")));
        this.configDir = DockerConfigDir.resolve(this.env, Objects.requireNonNull(homeDir, "homeDir"));
        this.contexts = new DockerContexts(configDir);
    }

    /** The resolver for this process: its environment and {@code user.home}. */
    public static EndpointResolver system() {
        return new EndpointResolver(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public DockerConfigDir configDir() {
        return configDir;
    }

    public DockerContexts contexts() {
        return contexts;
    }

    /** The engine the docker CLI would use without {@code --host} or {@code --context}. */
    public EngineEndpoint resolve() {
        return resolve(null, null);
    }

    /**
     * The engine the docker CLI would use with these options.
     *
     * @param explicitHostOrNull    like {@code -H}; blank counts as absent
     * @param explicitContextOrNull like {@code --context}; blank counts as absent
     * @throws DockerConfigException with a sentence for the user: both options given, an unknown context, a host
     *                               that cannot be parsed or is not supported, a broken config.json or meta.json
     */
    public EngineEndpoint resolve(String explicitHostOrNull, String explicitContextOrNull) {
        String explicitHost = blankToNull(explicitHostOrNull);
        String explicitContext = blankToNull(explicitContextOrNull);
        if (explicitHost != null && explicitContext != null) {
            throw new DockerConfigException("Choose either a host or a context, not both (got host \"" + explicitHost
                    + "\" and context \"" + explicitContext + "\").");
        }
        Choice choice = choose(explicitHost, explicitContext);
        if (DockerContexts.DEFAULT_CONTEXT.equals(choice.contextName())) {
            return explicitHost != null ? defaultEndpoint(explicitHost, "explicit") : defaultEndpoint();
        }
        return contextEndpoint(choice);
    }

    /** The name {@code docker context show} would print. */
    public String currentContextName() {
        return choose(null, null).contextName();
    }

    /**
     * The virtual {@code default} context: {@code DOCKER_HOST} (or the default socket, or {@code tcp://localhost:2376}
     * when TLS is on) with TLS from the environment.
     *
     * @throws DockerConfigException if DOCKER_HOST cannot be used
     */
    public EngineEndpoint defaultEndpoint() {
        String dockerHost = env(ENV_DOCKER_HOST);
        return defaultEndpoint(dockerHost, dockerHost != null ? ENV_DOCKER_HOST : "default");
    }

    /**
     * Every engine the user has: the {@code default} context first, then each stored context in
     * {@code docker context ls} order. Entries that cannot be used (an ssh:// context, say) are listed with the
     * reason instead of failing the whole list.
     *
     * @throws DockerConfigException if config.json or a context's meta.json cannot be read or parsed
     */
    public List<DiscoveredEngine> listAll() {
        String current = currentContextName();
        List<DiscoveredEngine> engines = new ArrayList<>();
        try {
            engines.add(new DiscoveredEngine(DockerContexts.DEFAULT_CONTEXT, DEFAULT_DESCRIPTION, defaultEndpoint(),
                    DockerContexts.DEFAULT_CONTEXT.equals(current), null));
        } catch (DockerConfigException e) {
            engines.add(new DiscoveredEngine(DockerContexts.DEFAULT_CONTEXT, DEFAULT_DESCRIPTION, null,
                    DockerContexts.DEFAULT_CONTEXT.equals(current), e.getMessage()));
        }
        for (DockerContext context : contexts.list()) {
            boolean isCurrent = context.name().equals(current);
            try {
                engines.add(new DiscoveredEngine(context.name(), context.description(), context.toEndpoint(),
                        isCurrent, null));
            } catch (IllegalArgumentException e) {
                engines.add(new DiscoveredEngine(context.name(), context.description(), null, isCurrent,
                        e.getMessage()));
            }
        }
        return List.copyOf(engines);
    }

    /**
     * TLS as the environment asks for it. DOCKER_TLS_VERIFY counts when non-empty, whatever the value: "0" and
     * "false" switch TLS with verification ON, as in the CLI (moby/moby#22411).
     */
    TlsSettings tlsFromEnvironment() {
        boolean verify = env(ENV_DOCKER_TLS_VERIFY) != null;
        boolean tls = verify || env(ENV_DOCKER_TLS) != null;
        if (!tls) {
            return null;
        }
        String certPath = env(ENV_DOCKER_CERT_PATH);
        Path certDir = certPath != null ? Path.of(certPath).toAbsolutePath() : configDir.path();
        return TlsSettings.fromCertDir(certDir, verify);
    }

    private Choice choose(String explicitHost, String explicitContext) {
        if (explicitContext != null) {
            return new Choice(explicitContext, "context \"" + explicitContext + "\"");
        }
        if (explicitHost != null) {
            return new Choice(DockerContexts.DEFAULT_CONTEXT, "explicit");
        }
        if (env(ENV_DOCKER_HOST) != null) {
            return new Choice(DockerContexts.DEFAULT_CONTEXT, ENV_DOCKER_HOST);
        }
        String fromEnv = env(ENV_DOCKER_CONTEXT);
        if (fromEnv != null) {
            return new Choice(fromEnv, "DOCKER_CONTEXT \"" + fromEnv + "\"");
        }
        String fromConfig = configDir.readConfigFile().currentContext();
        if (fromConfig != null) {
            return new Choice(fromConfig, "config.json currentContext \"" + fromConfig + "\"");
        }
        return new Choice(DockerContexts.DEFAULT_CONTEXT, "default");
    }

    private EngineEndpoint defaultEndpoint(String hostOrNull, String source) {
        TlsSettings tls = tlsFromEnvironment();
        // The CLI trims: a DOCKER_HOST of spaces still selects the default context, then means "no host".
        String host = hostOrNull == null ? "" : hostOrNull.strip();
        if (host.isEmpty()) {
            host = tls != null ? EngineEndpoint.DEFAULT_TLS_HOST : EngineEndpoint.DEFAULT_UNIX_HOST;
        }
        try {
            return EngineEndpoint.parse(host, tls, source).withSource(source, DockerContexts.DEFAULT_CONTEXT);
        } catch (IllegalArgumentException e) {
            String origin = "explicit".equals(source) ? "The host" : source;
            throw new DockerConfigException(origin + " cannot be used: " + e.getMessage(), e);
        }
    }

    private EngineEndpoint contextEndpoint(Choice choice) {
        String name = choice.contextName();
        DockerContext context = contexts.find(name).orElseThrow(() -> new DockerConfigException(
                "Docker context \"" + name + "\" not found (looked in " + contexts.metaFile(name) + "); it was chosen by "
                        + choice.reason() + "." + knownContexts()));
        try {
            return context.toEndpoint().withSource(choice.reason(), name);
        } catch (IllegalArgumentException e) {
            throw new DockerConfigException(e.getMessage() + " (chosen by " + choice.reason() + ")", e);
        }
    }

    private String knownContexts() {
        try {
            List<String> names = new ArrayList<>();
            names.add(DockerContexts.DEFAULT_CONTEXT);
            contexts.list().forEach(c -> names.add(c.name()));
            return " Known contexts: " + String.join(", ", names) + ".";
        } catch (DockerConfigException e) {
            return ""; // the hint is optional; the missing context is the error to report
        }
    }

    /** Like the CLI's {@code os.Getenv(x) != ""}: unset and empty are the same. */
    private String env(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
