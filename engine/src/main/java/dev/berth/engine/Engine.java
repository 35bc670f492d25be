package dev.berth.engine;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.api.Routes;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.events.EventsRoutes;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.containers.ContainerRoutes;
import dev.berth.engine.containers.ContainerService;
import dev.berth.engine.host.LibC;
import dev.berth.engine.images.ImageRoutes;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.networks.Cni;
import dev.berth.engine.networks.NetNs;
import dev.berth.engine.networks.NetworkRoutes;
import dev.berth.engine.networks.NetworkService;
import dev.berth.engine.registry.ImagePuller;
import dev.berth.engine.registry.ImagePusher;
import dev.berth.engine.registry.RegistryRoutes;
import dev.berth.engine.runtime.ConmonCgroup;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.HostFacts;
import dev.berth.engine.storage.ContainerFilesystem;
import dev.berth.engine.storage.ContentStore;
import dev.berth.engine.storage.LayerStore;
import dev.berth.engine.system.SystemRoutes;
import dev.berth.engine.volumes.VolumeRoutes;
import dev.berth.engine.volumes.VolumeService;
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
        if (LibC.INSTANCE.geteuid() != 0) {
            throw new StartupException("Berth's engine must run as root: it mounts layers and creates containers "
                    + "(try: sudo berth engine)");
        }
        EngineDirs dirs;
        try {
            dirs = new EngineDirs(options.dataRoot(), options.execRoot()).create();
        } catch (RuntimeException e) {
            throw new StartupException(e.getMessage(), e);
        }
        HostFacts facts = HostFacts.detect();
        List<String> problems = facts.problems();
        if (!problems.isEmpty()) {
            throw new StartupException("this machine cannot run Berth's engine: " + String.join("; ", problems));
        }
        EventBus events = new EventBus();
        List<Routes> routes = new ArrayList<>();
        List<AutoCloseable> services = new ArrayList<>();
        ContentStore blobs = new ContentStore(dirs.blobs());
        LayerStore layers = new LayerStore(dirs.overlay());
        ImageService images = new ImageService(dirs, layers, blobs, events);
        VolumeService volumes = new VolumeService(dirs, events);
        ContainerRuntime runtime = new ContainerRuntime(facts, dirs, new ConmonCgroup(facts, "berth/conmon"));
        Path cniPlugins = Cni.findPlugins();
        if (cniPlugins == null) {
            throw new StartupException("the CNI plugins (bridge, host-local, portmap, firewall, loopback) are "
                    + "missing: install them with: apt-get install containernetworking-plugins");
        }
        NetworkService networks;
        try {
            networks = new NetworkService(dirs.dataRoot().resolve("networks"), new Cni(cniPlugins),
                    options.bridge(), options.bip(), options.addressPoolBase(), options.addressPoolSize());
        } catch (RuntimeException e) {
            throw new StartupException("cannot set up networking: " + e.getMessage(), e);
        }
        ContainerService containers = new ContainerService(dirs, runtime, layers, new ContainerFilesystem(layers),
                images, volumes, events, networks, new NetNs(dirs.runRoot().resolve("netns")));
        services.add(containers);
        Path scratch = dirs.dataRoot().resolve("tmp");

        ImageRoutes imageRoutes = new ImageRoutes(images, containers.commitSource());
        routes.add(new SystemRoutes(dirs, new EngineInventory(containers, images, volumes),
                new SystemRoutes.RuntimeFacts(facts.runtimeName(), facts.runc().toString(), "cgroupfs",
                        facts.cgroupMode().version(), true)));
        routes.add(new EventsRoutes(events));
        routes.add(new ContainerRoutes(containers));
        routes.add(new RegistryRoutes(new ImagePuller(images, layers, events, scratch),
                new ImagePusher(images, blobs, events, scratch), imageRoutes));
        routes.add(imageRoutes);
        routes.add(new VolumeRoutes(volumes));
        routes.add(new NetworkRoutes(networks, containers, events));

        ApiServer server = new ApiServer(routes);
        List<String> listening = new ArrayList<>();
        try {
            for (String host : options.hosts()) {
                listening.add(listen(server, host, options));
            }
        } catch (StartupException e) {
            server.close();
            for (AutoCloseable service : services) {
                try {
                    service.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
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
