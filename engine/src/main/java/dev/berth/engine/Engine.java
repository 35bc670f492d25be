package dev.berth.engine;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.api.Routes;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.events.EventsRoutes;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.system.Inventory;
import dev.berth.engine.system.SystemRoutes;
import dev.berth.remote.system.DiskUsage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the engine: builds every service once, registers every feature's routes, and listens.
 * Closing it stops serving but leaves containers running under conmon; the next start adopts them.
 */
public final class Engine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    /** The engine cannot start; the message says why and what to do, in one or two lines. */
    public static final class StartupException extends Exception {
        public StartupException(String message) {
            super(message);
        }

        public StartupException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ApiServer server;
    private final List<String> listening;
    private final List<AutoCloseable> services;

    private Engine(ApiServer server, List<String> listening, List<AutoCloseable> services) {
        this.server = server;
        this.listening = listening;
        this.services = services;
    }

    public static Engine start(EngineOptions options) throws StartupException {
        EngineDirs dirs;
        try {
            dirs = new EngineDirs(options.dataRoot(), options.execRoot()).create();
        } catch (RuntimeException e) {
            throw new StartupException(e.getMessage(), e);
        }
        EventBus events = new EventBus();
        List<Routes> routes = new ArrayList<>();
        List<AutoCloseable> services = new ArrayList<>();
        Inventory inventory = new Inventory() {
            @Override
            public ContainerCounts containers() {
                return new ContainerCounts(0, 0, 0, 0);
            }

            @Override
            public int images() {
                return 0;
            }

            @Override
            public DiskUsage diskUsage() {
                return new DiskUsage(0L, List.of(), List.of(), List.of(), List.of());
            }
        };
        routes.add(new SystemRoutes(dirs, inventory,
                new SystemRoutes.RuntimeFacts("runc", "runc", "cgroupfs", "1", true)));
        routes.add(new EventsRoutes(events));

        ApiServer server = new ApiServer(routes);
        List<String> listening = new ArrayList<>();
        try {
            for (String host : options.hosts()) {
                listening.add(listen(server, host, options));
            }
        } catch (StartupException e) {
            server.close();
            throw e;
        }
        return new Engine(server, List.copyOf(listening), services);
    }

    private static String listen(ApiServer server, String host, EngineOptions options) throws StartupException {
        try {
            if (host.startsWith("unix://")) {
                Path socket = Path.of(host.substring("unix://".length()));
                server.listenUnix(socket, options.group());
                return host;
            }
            URI uri = URI.create(host);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new StartupException("invalid address " + host + ": use tcp://HOST:PORT");
            }
            InetAddress address = InetAddress.getByName(uri.getHost());
            TcpSecurity.check(host, address, options);
            server.listenTcp(new InetSocketAddress(address, uri.getPort()), TcpSecurity.engines(options));
            return host;
        } catch (StartupException e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new StartupException("cannot listen on " + host + ": unknown host " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StartupException("cannot listen on " + host + ": " + e.getMessage(), e);
        }
    }

    /** The addresses the API is served on, as given. */
    public List<String> listening() {
        return listening;
    }

    public ApiServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        for (AutoCloseable service : services) {
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
