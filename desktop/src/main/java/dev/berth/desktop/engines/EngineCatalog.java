package dev.berth.desktop.engines;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.DiscoveredEngine;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the engines a user has, the way Docker Desktop and Podman Desktop do: engines registered by the app itself
 * (its embedded engine, saved connections), the one DOCKER_HOST names, every docker context, and the usual local
 * sockets of dockerd and podman. The same address found twice is listed once, under its first name.
 */
public final class EngineCatalog {

    private static final Texts T = Texts.of(EngineCatalog.class);

    private static final Logger LOG = LoggerFactory.getLogger(EngineCatalog.class);

    private final EndpointResolver resolver;
    private final Supplier<List<EngineEntry>> registered;
    private final List<Path> wellKnownSockets;

    public EngineCatalog(EndpointResolver resolver, List<EngineEntry> registered, List<Path> wellKnownSockets) {
        this(resolver, fixed(registered), wellKnownSockets);
    }

    /**
     * @param registered asked (in the background) at each discovery: the app's own engines, then saved connections
     */
    public EngineCatalog(EndpointResolver resolver, Supplier<List<EngineEntry>> registered, List<Path> wellKnownSockets) {
        this.resolver = resolver;
        this.registered = registered;
        this.wellKnownSockets = List.copyOf(wellKnownSockets);
    }

    private static Supplier<List<EngineEntry>> fixed(List<EngineEntry> registered) {
        List<EngineEntry> copy = List.copyOf(registered);
        return () -> copy;
    }

    /** The sockets dockerd and podman usually listen on, for this user. */
    public static List<Path> defaultSockets(Map<String, String> env) {
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock")));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        return sockets;
    }

    public List<EngineEntry> discover() {
        Map<String, EngineEntry> byAddress = new LinkedHashMap<>();
        registered.get().forEach(e -> byAddress.putIfAbsent(e.endpoint().uri().toString(), e));
        try {
            for (DiscoveredEngine d : resolver.listAll()) {
                if (d.endpoint() == null) {
                    continue; // unsupported (ssh://): the CLI lists it, we cannot connect to it yet
                }
                boolean fromEnvironment = "default".equals(d.name());
                String origin = fromEnvironment ? d.endpoint().source() : "docker context";
                String name = fromEnvironment ? "default" : d.name();
                // The default context only counts when something points at it or its socket exists.
                if (fromEnvironment && d.endpoint().isUnix() && !Files.exists(d.endpoint().unixSocketPath())) {
                    continue;
                }
                byAddress.putIfAbsent(d.endpoint().uri().toString(), new EngineEntry(name, origin, d.endpoint()));
            }
        } catch (RuntimeException e) {
            LOG.warn("docker configuration could not be read: {}", e.getMessage());
        }
        for (Path socket : wellKnownSockets) {
            if (Files.exists(socket)) {
                EngineEndpoint endpoint = EngineEndpoint.parse("unix://" + socket, null, "local socket");
                String name = socket.toString().contains("podman") ? "podman" : "docker";
                byAddress.putIfAbsent(endpoint.uri().toString(), new EngineEntry(name, "local socket", endpoint));
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    /** What was looked at, in plain words, for the "no engine reachable" page. */
    public List<String> placesLookedAt() {
        List<String> places = new ArrayList<>();
        places.add(T.get("catalog.looked-at-contexts", resolver.configDir().path()));
        wellKnownSockets.forEach(s -> places.add(s.toString()));
        return places;
    }
}
