package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.images.CommitSource;
import dev.berth.engine.images.ImageRecord;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.images.ImageUsers;
import dev.berth.engine.networks.Attachment;
import dev.berth.engine.networks.EndpointRequest;
import dev.berth.engine.networks.NetNs;
import dev.berth.engine.networks.Network;
import dev.berth.engine.networks.NetworkMembers;
import dev.berth.engine.networks.NetworkService;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.engine.runtime.CgroupStats;
import dev.berth.engine.runtime.Conmon;
import dev.berth.engine.runtime.ContainerLog;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.ExitWatcher;
import dev.berth.engine.runtime.HostCommand;
import dev.berth.engine.runtime.OciSpec;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.runtime.Runc;
import dev.berth.engine.runtime.RuntimeFailure;
import dev.berth.engine.runtime.RuntimeThreads;
import dev.berth.engine.runtime.Signals;
import dev.berth.engine.runtime.StepTimes;
import dev.berth.engine.storage.ContainerFilesystem;
import dev.berth.engine.storage.InRoot;
import dev.berth.engine.storage.LayerStore;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.engine.volumes.VolumeUsers;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.CreateResponse;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.MountPoint;
import dev.berth.remote.containers.PruneReport;
import dev.berth.remote.containers.TopResponse;
import dev.berth.remote.networks.NetworkSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Docker's containers on conmon and runc: create, start, stop, kill, restart, pause, wait, remove, rename,
 * inspect, list, logs, attach, exec, top, stats, archive, changes, export, prune and commit; restart policies
 * with moby's backoff; events; and recovery after the engine was killed (running containers are adopted, exited
 * ones get their exit codes from conmon's exit files).
 *
 * <p>Closing the service leaves containers running: conmon keeps their stdio, logs and exit codes until the next
 * engine adopts them.
 */
public final class ContainerService implements ImageUsers, VolumeUsers, NetworkMembers, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The cgroup every container's cgroup lives under ({@code /berth/<id>}), like dockerd's /docker. */
    static final String CGROUP_PARENT = "/berth";
    private static final int DEFAULT_STOP_TIMEOUT = 10;

    private final ContainerRuntime runtime;
    private final LayerStore layers;
    private final ContainerFilesystem filesystem;
    private final ImageService images;
    private final VolumeService volumes;
    private final EventBus events;
    private final ContainerStore store;
    private final MountPlanner mountPlanner;
    private final OciSpecBuilder specs;
    private final ExecSessions execs;
    private final HealthMonitor health;
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    /** "/name" → ID; guarded by itself. Lock order: a container's lock, then this. */
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AttachSessions attachments;
    private final Map<String, ScheduledFuture<?>> scheduledRestarts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final ExitWatcher exitWatcher;
    /** Null without bridge networking (in-process tests): bridge-mode containers then get loopback only. */
    private final ContainerNetworking networking;
    /** Where docker cp mounts a container's volumes into a private view of its rootfs. */
    private final Path archiveViews;
    private volatile boolean closed;

    /** A pending wait: resolved with the exit code (or the removal) it waits for. */
    private record Waiter(String condition, long afterExit, CompletableFuture<Integer> result) {
    }

    public ContainerService(EngineDirs dirs, ContainerRuntime runtime, LayerStore layers,
            ContainerFilesystem filesystem, ImageService images, VolumeService volumes, EventBus events) {
        this(dirs, runtime, layers, filesystem, images, volumes, events, null, null);
    }

    public ContainerService(EngineDirs dirs, ContainerRuntime runtime, LayerStore layers,
            ContainerFilesystem filesystem, ImageService images, VolumeService volumes, EventBus events,
            NetworkService networks, NetNs netns) {
        this.runtime = runtime;
        this.layers = layers;
        this.filesystem = filesystem;
        this.images = images;
        this.volumes = volumes;
        this.events = events;
        this.store = new ContainerStore(dirs.containers());
        this.archiveViews = dirs.runRoot().resolve("cp");
        ArchiveView.cleanUp(archiveViews);
        this.networking = networks == null ? null
                : new ContainerNetworking(networks, netns, containers::values, store::dir, (action, c, n) ->
                        events.publish("network", action, n.id(), Map.of("container", c.id, "name", n.name(),
                                "type", "bridge")));
        if (networks != null) {
            NetworkFiles.hostGateway = networks.defaultNetwork().gateway();
            ContainerViews.netnsDir = netns.path("000000000000").getParent();
            ContainerViews.networkIds = name -> {
                Network n = networks.findOrNull(name);
                return n == null ? ContainerViews.networkId(name) : n.id();
            };
        }
        this.mountPlanner = new MountPlanner(volumes);
        this.specs = new OciSpecBuilder(runtime.facts());
        this.execs = new ExecSessions(this, runtime);
        this.health = new HealthMonitor(new HealthMonitor.Probes() {
            @Override
            public ExecSessions.ProbeResult run(String containerId, List<String> cmd, Duration timeout,
                    String timeoutText) {
                return execs.probe(containerId, cmd, timeout, timeoutText);
            }

            @Override
            public boolean update(String containerId, long startGeneration,
                    java.util.function.Function<Container, String> change) {
                return updateHealth(containerId, startGeneration, change);
            }
        });
        this.attachments = new AttachSessions(runtime);
        this.scheduler = Executors.newScheduledThreadPool(1, RuntimeThreads.daemon("berth-containers"));
        images.setImageUsers(this);
        volumes.setVolumeUsers(this);
        runtime.forgetExecSessions();
        List<Container> restartNow = recover();
        try {
            this.exitWatcher = new ExitWatcher(runtime.exitsDir(), containers::containsKey,
                    (id, code, at) -> scheduler.execute(() -> handleExit(id, at)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + runtime.exitsDir() + ": " + e.getMessage(), e);
        }
        // exits that happened while no engine was watching
        exitWatcher.scan();
        for (Container c : restartNow) {
            scheduler.execute(() -> restartAfterRecovery(c));
        }
    }

    // ---- lookup ------------------------------------------------------------------------------------------------

    /** By full ID, name (with or without its slash) or unique ID prefix; 404 "No such container: x". */
    Container find(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw EngineException.notFound("No such container: " + ref);
        }
        Container c = containers.get(ref);
        if (c != null) {
            return c;
        }
        String id;
        synchronized (names) {
            id = names.get(ref.startsWith("/") ? ref : "/" + ref);
        }
        if (id != null && (c = containers.get(id)) != null) {
            return c;
        }
        Container match = null;
        for (Container candidate : containers.values()) {
            if (candidate.id.startsWith(ref)) {
                if (match != null) {
                    throw EngineException.badRequest("multiple IDs found with provided prefix: " + ref);
                }
                match = candidate;
            }
        }
        if (match == null) {
            throw EngineException.notFound("No such container: " + ref);
        }
        return match;
    }

    Container findById(String id) {
        Container c = containers.get(id);
        if (c == null) {
            throw EngineException.notFound("No such container: " + id);
        }
        return c;
    }

    Container findOrNull(String id) {
        return containers.get(id);
    }

    /** The containers {@code --link} names must exist at create, as in Docker; links make no sense on host. */
    private List<Links.Link> resolveLinks(List<String> specs, boolean hostNetwork) {
        if (specs == null || specs.isEmpty()) {
            return List.of();
        }
        if (hostNetwork) {
            throw EngineException.badRequest("conflicting options: host type networking can't be used with links. "
                    + "This would result in undefined behavior");
        }
        List<Links.Link> links = new ArrayList<>();
        for (String spec : specs) {
            Links.Link l = Links.parse(spec);
            Container target = findQuietly(l.target());
            if (target == null) {
                // not a 404: the CLI would take that for a missing image and try to pull it
                throw EngineException.badRequest("could not get container for " + l.target()
                        + ": No such container: " + l.target());
            }
            links.add(new Links.Link(target.plainName(), l.alias()));
        }
        return links;
    }

    private static HostConfig withLinks(HostConfig host, List<String> links) {
        return WireEdits.with(host, HostConfig.class, fields -> {
            if (links == null) {
                fields.remove("Links");
            } else {
                fields.put("Links", links);
            }
        });
    }

    /** {@link #find}, or null when nothing (or more than one container) matches. */
    private Container findQuietly(String ref) {
        try {
            return find(ref);
        } catch (EngineException e) {
            return null;
        }
    }

    // ---- create ------------------------------------------------------------------------------------------------

    /** {@code POST /containers/create}: everything {@code docker run} sends; 201 with the new ID. */
    /**
     * {@code docker run --platform os/arch}: a local image of another architecture is not the one asked for. 404
     * with dockerd's message, so the CLI goes on to pull the right one, as with dockerd.
     */
    public void requirePlatform(String imageRef, String platform) {
        int slash = platform.indexOf('/');
        if (slash < 0) {
            return;
        }
        String[] wanted = platform.split("/");
        ImageRecord image;
        try {
            image = images.resolve(imageRef);
        } catch (EngineException e) {
            return; // create gives its own "No such image"
        }
        String arch = image.imageConfig() == null ? null : image.imageConfig().architecture();
        if (arch == null || arch.isEmpty() || architecture(arch).equals(architecture(wanted[1]))) {
            return;
        }
        String os = image.imageConfig().os() == null || image.imageConfig().os().isEmpty() ? "linux"
                : image.imageConfig().os();
        throw EngineException.notFound("image with reference " + imageRef + " was found but does not match the "
                + "specified platform: wanted " + wanted[0] + "/" + wanted[1] + ", actual: " + os + "/" + arch);
    }

    /** GOARCH names for what uname says. */
    private static String architecture(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }

    public CreateResponse create(String requestedName, ContainerCreateRequest request) {
        if (request == null || request.config() == null) {
            throw EngineException.badRequest("Config cannot be empty in order to create a container");
        }
        ContainerConfig userConfig = request.config();
        HostConfig host = request.hostConfig() != null ? request.hostConfig()
                : Json.MAPPER.convertValue(Map.of(), HostConfig.class);
        if (userConfig.image() == null || userConfig.image().isEmpty()) {
            throw EngineException.badRequest("No image was specified");
        }
        StepTimes times = new StepTimes();
        ImageRecord image = images.resolve(userConfig.image());
        times.lap("image");
        List<String> warnings = new ArrayList<>();

        String id = newId();
        String networkMode = CreateChecks.networkMode(host.networkMode());
        CreateChecks.validateNetworkMode(userConfig, host);
        HealthMonitor.validate(userConfig.healthcheck());
        String sharedWith = CreateChecks.sharedWith(networkMode);
        if (sharedWith != null) {
            // kept by ID, as dockerd does, so a rename of the other container changes nothing; a name that matches
            // nothing yet is kept as given and looked up at start
            Container peer = findQuietly(sharedWith);
            if (peer != null) {
                networkMode = CreateChecks.CONTAINER_MODE + peer.id;
            }
        }
        Map<String, EndpointRequest> endpoints = new LinkedHashMap<>();
        if (networking != null) {
            endpoints = networking.plan(networkMode, request.networkingConfig());
        } else if (!CreateChecks.isBuiltin(networkMode) && sharedWith == null) {
            throw EngineException.notFound("network " + networkMode + " not found");
        }
        boolean hostNetwork = networkMode.equals("host");
        List<Links.Link> links = resolveLinks(host.links(), hostNetwork);
        String hostname = userConfig.hostname() != null && !userConfig.hostname().isEmpty() ? userConfig.hostname()
                : hostNetwork ? CreateChecks.hostHostname() : id.substring(0, 12);
        ContainerConfig config = ConfigMerger.merge(userConfig, image.config(), userConfig.image(), hostname);
        host = CreateChecks.adaptHostConfig(host, networkMode, runtime.facts(), warnings);
        CreateChecks.validate(config, host, runtime.facts());
        MountPlanner.Plan plan = mountPlanner.plan(config, host);

        List<String> command = OciSpecBuilder.commandLine(config);
        String name = reserveName(requestedName, id);
        if (!links.isEmpty()) {
            boolean defaultBridge = networkMode.equals("default") || networkMode.equals("bridge");
            List<String> stored = new ArrayList<>();
            for (Links.Link l : links) {
                stored.add(defaultBridge ? Links.stored(l.target(), name, l.alias()) : l.target() + ":" + l.alias());
            }
            if (defaultBridge || endpoints.isEmpty()) {
                host = withLinks(host, stored);
            } else {
                // on a user-defined network the links live in the endpoint, as moby keeps them
                host = withLinks(host, null);
                String primary = endpoints.keySet().iterator().next();
                endpoints.put(primary, endpoints.get(primary).withLinks(stored));
            }
        }
        boolean layerCreated = false;
        List<String> anonymous = new ArrayList<>();
        try {
            times.lap("checks");
            layers.createContainerLayer(id, image.topChainId());
            layerCreated = true;
            times.lap("layer");
            List<MountPoint> mounts = mountPlanner.createVolumes(plan, anonymous, config.labels());
            if (!plan.volumes().isEmpty()) {
                try (LayerStore.Lease lease = layers.borrow(id)) {
                    mountPlanner.seed(plan, mounts, lease.rootfs());
                }
            }
            NetworkFiles.write(store.dir(id), hostname, config.domainname(), host, hostNetwork);
            times.lap("files");
            Container c = new Container();
            c.id = id;
            c.name = name;
            c.created = Timestamps.format(Instant.now());
            c.imageId = image.id();
            c.config = config;
            c.hostConfig = host;
            c.path = command.get(0);
            c.args = new ArrayList<>(command.subList(1, command.size()));
            c.mounts = mounts;
            c.anonymousVolumes = anonymous;
            c.networks = endpoints;
            store.save(c);
            times.lap("save");
            containers.put(id, c);
            event(c, "create", Map.of());
            if (LOG.isDebugEnabled()) {
                LOG.debug("created {} in {} ms: {}", id, times.total(), times);
            }
            return new CreateResponse(id, warnings);
        } catch (RuntimeException e) {
            releaseName(name, id);
            if (layerCreated) {
                try {
                    layers.removeContainerLayer(id);
                } catch (RuntimeException cleanup) {
                    LOG.warn("cleaning up the layer of failed container {}: {}", id, cleanup.toString());
                }
            }
            for (String v : anonymous) {
                removeVolumeQuietly(v);
            }
            store.delete(id);
            throw e;
        }
    }

    private static String newId() {
        return HexFormat.of().formatHex(RANDOM.generateSeed(32));
    }

    private String reserveName(String requested, String id) {
        synchronized (names) {
            if (requested != null && !requested.isEmpty()) {
                String name = ContainerNames.normalize(requested);
                String owner = names.get(name);
                if (owner != null) {
                    throw EngineException.conflict("Conflict. The container name \"" + name + "\" is already in use by "
                            + "container \"" + owner + "\". You have to remove (or rename) that container to be able "
                            + "to reuse that name.");
                }
                names.put(name, id);
                return name;
            }
            for (int attempt = 0; ; attempt++) {
                String name = ContainerNames.generate(attempt / 3);
                if (!names.containsKey(name)) {
                    names.put(name, id);
                    return name;
                }
            }
        }
    }

    private void releaseName(String name, String id) {
        synchronized (names) {
            names.remove(name, id);
        }
    }

    // ---- start -------------------------------------------------------------------------------------------------

    /** {@code POST /containers/{id}/start}; 304 if it runs already. */
    public void start(String ref) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (c.running && !c.restarting) {
                if (c.paused) {
                    throw EngineException.conflict("cannot start a paused container, try unpause instead");
                }
                throw EngineException.notModified();
            }
            if (c.removing || c.removed) {
                throw EngineException.conflict("container is marked for removal and cannot be started");
            }
            cancelRestart(c);
            c.restarting = false;
            c.running = false;
            c.hasBeenManuallyStopped = false;
            c.restartManager = null;
            c.restartCount = 0;
            startLocked(c);
        } finally {
            c.lock.unlock();
        }
    }

    /** Mounts and writes the bundle while conmon starts, connects waiting attaches, starts. Lock held. */
    private void startLocked(Container c) {
        StepTimes times = new StepTimes();
        try {
            Path dir = store.dir(c.id);
            boolean tty = c.config.hasTty();
            boolean stdin = Boolean.TRUE.equals(c.config.openStdin());
            boolean leaveOpen = tty || !Boolean.TRUE.equals(c.config.stdinOnce());
            // the rootfs is mounted and the bundle written while conmon starts up (it waits for the go-ahead)
            if (networking != null && c.networks.isEmpty()
                    && ContainerNetworking.usesBridge(CreateChecks.networkMode(c.hostConfig.networkMode()))) {
                // made before this engine had bridge networks: it joins the one its mode names now
                c.networks = networking.plan(CreateChecks.networkMode(c.hostConfig.networkMode()), null);
            }
            List<String> linkEnv = linkEnvironment(c);
            ContainerConfig specConfig = linkEnv.isEmpty() ? c.config : Links.withEnv(c.config, linkEnv);
            String sharedWith = CreateChecks.sharedWith(c.hostConfig.networkMode());
            Path netns;
            Path filesDir = dir;
            if (sharedWith != null) {
                Container peer = networkPeer(c, sharedWith);
                // moby's WithNamespaces: the other container's namespace through its init's pid
                netns = Path.of("/proc/" + peer.pid + "/ns/net");
                filesDir = store.dir(peer.id);
                c.config = ConfigMerger.withHostname(c.config, peer.config.hostname(), peer.config.domainname());
            } else {
                netns = networking == null ? null : networking.setUp(c);
            }
            Path networkFiles = filesDir;
            times.lap("network");
            Conmon.Created result = runtime.create(c.id, c.plainName(), store.logFile(c.id), tty, stdin, leaveOpen,
                    () -> {
                        Path rootfs = layers.mount(c.id);
                        times.lap("mount");
                        if (sharedWith == null && !Files.exists(NetworkFiles.hosts(dir))) {
                            NetworkFiles.write(dir, c.config.hostname(), c.config.domainname(), c.hostConfig,
                                    "host".equals(c.hostConfig.networkMode()));
                        }
                        for (MountPoint m : c.mounts) {
                            if ("volume".equals(m.type())) {
                                volumes.mounted(m.name(), c.id, m.destination(), !Boolean.FALSE.equals(m.rw()),
                                        m.propagation());
                            }
                        }
                        OciSpec spec = specs.build(new OciSpecBuilder.Input(c.id, rootfs, specConfig, c.hostConfig,
                                c.config.hostname(), mountPlanner.ociMounts(c.mounts, c.hostConfig),
                                NetworkFiles.hostname(networkFiles), NetworkFiles.hosts(networkFiles),
                                NetworkFiles.resolvConf(networkFiles),
                                !"host".equals(c.hostConfig.networkMode()), CGROUP_PARENT, netns));
                        times.lap("spec");
                        runtime.writeSpec(c.id, spec);
                        times.lap("bundle");
                    });
            times.lap("create");
            attachments.connectWaiting(c);
            times.lap("attach");
            runtime.start(c.id);
            times.lap("runc-start");
            c.pid = result.containerPid();
            c.conmonPid = result.conmonPid();
            c.running = true;
            c.restarting = false;
            c.paused = false;
            c.dead = false;
            c.oomKilled = false;
            c.error = "";
            c.exitCode = 0;
            c.startedAt = Timestamps.format(Instant.now());
            c.hasBeenStartedBefore = true;
            health.started(c);
            store.save(c);
            times.lap("save");
            event(c, "start", Map.of());
            c.changed.signalAll();
            if (LOG.isDebugEnabled()) {
                LOG.debug("started {} in {} ms: {}", c.id, times.total(), times);
            }
        } catch (RuntimeException e) {
            attachments.failWaiting(c);
            // runc delete --force also kills a created but never started init
            quietly(() -> runtime.delete(c.id));
            quietly(() -> runtime.clearExit(c.id));
            quietly(() -> layers.unmount(c.id));
            if (networking != null) {
                networking.tearDown(c);
            }
            releaseVolumes(c);
            EngineException error = startError(c, e);
            c.running = false;
            c.restarting = false;
            c.error = error.getMessage();
            if (c.exitCode == 0) {
                c.exitCode = 128;
            }
            store.save(c);
            c.changed.signalAll();
            if (Boolean.TRUE.equals(c.hostConfig.autoRemove())) {
                removeLocked(c, true);
            }
            throw error;
        }
    }

    /** A probe's result, if the container still runs the start it was made for (HealthMonitor.Probes). */
    private boolean updateHealth(String id, long startGeneration,
            java.util.function.Function<Container, String> change) {
        Container c = containers.get(id);
        if (c == null) {
            return false;
        }
        c.lock.lock();
        try {
            if (!c.running || c.restarting || c.removed || c.exits != startGeneration) {
                return false;
            }
            String status = change.apply(c);
            store.save(c);
            if (status != null) {
                event(c, "health_status: " + status, Map.of());
            }
            return true;
        } finally {
            c.lock.unlock();
        }
    }

    /**
     * The environment the default bridge's links give (moby's setupLinkedContainers): each linked container must
     * be running on that network.
     */
    private List<String> linkEnvironment(Container c) {
        List<String> links = c.hostConfig.links();
        if (links == null || links.isEmpty()) {
            return List.of();
        }
        List<String> env = new ArrayList<>();
        for (String spec : links) {
            Links.Link l = Links.parse(spec);
            String linkName = "/" + c.plainName() + "/" + l.alias();
            Container target = findQuietly(l.target());
            if (target == null || !target.running || target.restarting) {
                throw EngineException.serverError("Cannot link to a non running container: /" + l.target() + " AS "
                        + linkName);
            }
            Attachment bridge = target.attachments.get("bridge");
            if (networking != null && bridge == null) {
                throw EngineException.serverError("Cannot link to /" + l.target() + ", as it does not belong to the "
                        + "default network");
            }
            env.addAll(Links.env(l.alias(), linkName, bridge == null ? "" : bridge.ipAddress(),
                    target.config.exposedPorts(), target.config.env()));
        }
        return env;
    }

    /**
     * Whose hostname, hosts and resolv.conf the container uses: its own, or (dockerd reports them so once it has
     * started) those of the container whose network it shares.
     */
    private String networkFilesOwner(Container c) {
        String sharedWith = CreateChecks.sharedWith(c.hostConfig.networkMode());
        Container peer = sharedWith == null || !c.hasBeenStartedBefore ? null : findQuietly(sharedWith);
        return peer == null ? c.id : peer.id;
    }

    /** moby's getNetworkedContainer: the running container whose network namespace {@code c} is to join. */
    private Container networkPeer(Container c, String ref) {
        Container peer = find(ref);
        if (peer.id.equals(c.id)) {
            throw EngineException.badRequest("cannot join own network");
        }
        if (peer.restarting) {
            throw EngineException.conflict("Container " + ref + " is restarting, wait until the container is running");
        }
        if (!peer.running) {
            throw EngineException.conflict("cannot join network of a non running container: " + ref);
        }
        return peer;
    }

    /**
     * moby's translateContainerdStartErr: a missing executable is 127, a permission problem 126, both a 400 the
     * CLI shows as is; anything else a 500.
     */
    private static EngineException startError(Container c, RuntimeException e) {
        if (e instanceof EngineException ee) {
            return ee;
        }
        String message = e instanceof RuntimeFailure ? "OCI runtime create failed: " + e.getMessage() + ": unknown"
                : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        String cmd = c.path == null ? "" : c.path.toLowerCase(Locale.ROOT);
        if (lower.contains(cmd) && (lower.contains("executable file not found")
                || lower.contains("no such file or directory"))) {
            c.exitCode = 127;
            return EngineException.badRequest(message);
        }
        if (lower.contains("permission denied")) {
            c.exitCode = 126;
            return EngineException.badRequest(message);
        }
        if (lower.contains("not a directory")) {
            c.exitCode = 127;
            return EngineException.badRequest(message + ": Are you trying to mount a directory onto a file (or "
                    + "vice-versa)? Check if the specified host path exists and is the expected type");
        }
        return EngineException.serverError(message, e);
    }

    // ---- exit handling and restart policies --------------------------------------------------------------------

    /** conmon wrote an exit file for {@code id}. Runs on the service's scheduler thread. */
    private void handleExit(String id, Instant at) {
        Container c = containers.get(id);
        if (c == null) {
            return;
        }
        c.lock.lock();
        try {
            Integer code = runtime.exitCode(id);
            if (code == null) {
                return; // handled already
            }
            if (!c.running || c.restarting) {
                quietly(() -> runtime.clearExit(id));
                return;
            }
            recordExit(c, code, at, runtime.oomKilled(id));
        } catch (RuntimeException e) {
            LOG.warn("handling the exit of {}: {}", id, e.toString(), e);
        } finally {
            c.lock.unlock();
        }
    }

    /** The container's process is gone: clean up, record, notify, and restart or auto-remove. Lock held. */
    private void recordExit(Container c, int code, Instant at, boolean oom) {
        StepTimes times = new StepTimes();
        long noticedAfter = Duration.between(at, Instant.now()).toMillis();
        // runc forgetting the container (a process of its own), the unmount and saving the state are independent:
        // they overlap, and the exit is reported once all three are done
        CompletableFuture<Void> forgotten = CompletableFuture.runAsync(() -> quietly(() -> runtime.delete(c.id)),
                RuntimeThreads.IO);
        CompletableFuture<Void> unmounted = CompletableFuture.runAsync(() -> quietly(() -> layers.unmount(c.id)),
                RuntimeThreads.IO);
        releaseVolumes(c);
        Instant started = Timestamps.parse(c.startedAt);
        Duration ranFor = started == null ? Duration.ZERO : Duration.between(started, at);
        Duration delay = c.restartManager().shouldRestart(code, c.hasBeenManuallyStopped,
                ranFor.isNegative() ? Duration.ZERO : ranFor);
        c.pid = 0;
        c.conmonPid = 0;
        c.exitCode = code;
        c.oomKilled = oom;
        c.paused = false;
        c.finishedAt = Timestamps.format(at);
        c.exits++;
        health.stopped(c);
        if (delay != null) {
            c.restartCount++;
            c.restarting = true;
            c.running = true;
        } else {
            c.restarting = false;
            c.running = false;
        }
        boolean removeNow = delay == null && Boolean.TRUE.equals(c.hostConfig.autoRemove());
        if (!removeNow) {
            // a container removed right below is not saved first: its file goes with it (a failed removal saves)
            store.save(c);
            times.lap("save");
        }
        if (networking != null) {
            networking.tearDown(c);
            times.lap("network");
        }
        unmounted.join();
        times.lap("unmount");
        forgotten.join();
        times.lap("runc-delete");
        quietly(() -> runtime.clearExit(c.id));
        if (oom) {
            event(c, "oom", Map.of());
        }
        event(c, "die", Map.of("exitCode", Integer.toString(code)));
        notifyExit(c);
        c.changed.signalAll();
        times.lap("notify");
        if (delay != null) {
            scheduleRestart(c, delay);
        } else if (removeNow) {
            removeLocked(c, true);
            times.lap("remove");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("recorded the exit of {} ({} ms after conmon's exit file) in {} ms: {}", c.id, noticedAfter,
                    times.total(), times);
        }
    }

    /** The container no longer uses its volumes (Docker's volume unmount events). */
    private void releaseVolumes(Container c) {
        for (MountPoint m : c.mounts) {
            if ("volume".equals(m.type())) {
                quietly(() -> volumes.unmounted(m.name(), c.id));
            }
        }
    }

    private void scheduleRestart(Container c, Duration delay) {
        ScheduledFuture<?> f = scheduler.schedule(() -> policyRestart(c), delay.toMillis(), TimeUnit.MILLISECONDS);
        scheduledRestarts.put(c.id, f);
    }

    private void policyRestart(Container c) {
        c.lock.lock();
        try {
            scheduledRestarts.remove(c.id);
            if (c.removed || !c.restarting || closed) {
                return;
            }
            if (c.restartManager().canceled()) {
                c.restarting = false;
                c.running = false;
                store.save(c);
                c.changed.signalAll();
                return;
            }
            try {
                startLocked(c);
            } catch (EngineException e) {
                LOG.warn("restart policy could not start {}: {}", c.id, e.getMessage());
            }
        } finally {
            c.lock.unlock();
        }
    }

    /** Cancels the restart manager and a pending restart; a backing-off container becomes stopped. Lock held. */
    private void cancelRestart(Container c) {
        if (c.restartManager != null) {
            c.restartManager.cancel();
        }
        ScheduledFuture<?> f = scheduledRestarts.remove(c.id);
        if (f != null) {
            f.cancel(false);
        }
        if (c.restarting) {
            c.restarting = false;
            c.running = false;
            store.save(c);
            c.changed.signalAll();
        }
    }

    private void notifyExit(Container c) {
        List<Waiter> list = waiters.get(c.id);
        if (list == null) {
            return;
        }
        List<Waiter> done = new ArrayList<>();
        synchronized (list) {
            for (Waiter w : list) {
                if (!w.condition().equals("removed") && c.exits > w.afterExit()) {
                    done.add(w);
                }
            }
            list.removeAll(done);
        }
        // completed outside the lock: a completion runs the waiter's own cleanup, which takes it
        done.forEach(w -> w.result().complete(c.exitCode));
    }

    private void notifyRemoved(Container c) {
        List<Waiter> list = waiters.remove(c.id);
        if (list == null) {
            return;
        }
        List<Waiter> all;
        synchronized (list) {
            all = new ArrayList<>(list);
            list.clear();
        }
        all.forEach(w -> w.result().complete(c.exitCode));
    }

    // ---- stop, kill, restart, pause ----------------------------------------------------------------------------

    /**
     * {@code POST /containers/{id}/stop}: the stop signal, then SIGKILL after the timeout (?t=, else the
     * container's StopTimeout, else 10 s; negative waits for ever). 304 if it is not running.
     */
    public void stop(String ref, Integer timeoutSeconds, String signal) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (!c.running) {
                throw EngineException.notModified();
            }
            stopLocked(c, timeoutSeconds, signal);
            event(c, "stop", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    private void stopLocked(Container c, Integer timeoutSeconds, String signal) {
        if (c.restarting) {
            cancelRestart(c);
            c.hasBeenManuallyStopped = true;
            store.save(c);
            return;
        }
        int sig = signal != null && !signal.isEmpty() ? Signals.parse(signal) : stopSignal(c);
        int timeout = timeoutSeconds != null ? timeoutSeconds
                : c.config.stopTimeout() != null ? c.config.stopTimeout() : DEFAULT_STOP_TIMEOUT;
        killWithSignal(c, sig);
        if (!awaitStopped(c, timeout < 0 ? -1 : timeout * 1000L)) {
            killWithSignal(c, Signals.SIGKILL);
            if (!awaitStopped(c, 30_000)) {
                throw EngineException.serverError("container " + c.id + " did not stop after SIGKILL");
            }
        }
    }

    private static int stopSignal(Container c) {
        String s = c.config.stopSignal();
        return s == null || s.isEmpty() ? Signals.SIGTERM : Signals.parse(s);
    }

    /** moby's killWithSignal: marks the container manually stopped, cancels restarts, signals, resumes. */
    private void killWithSignal(Container c, int sig) {
        boolean exitOnNext = sig == Signals.SIGKILL || sig == stopSignal(c);
        if (exitOnNext) {
            c.restartManager().cancel();
        }
        c.hasBeenManuallyStopped = true;
        store.save(c);
        if (c.restarting) {
            return;
        }
        try {
            runtime.kill(c.id, sig);
        } catch (RuntimeFailure e) {
            // gone already: the exit file will say how it ended
            LOG.debug("kill {} {}: {}", c.id, sig, e.getMessage());
        }
        if (c.paused && exitOnNext) {
            try {
                runtime.resume(c.id);
                c.paused = false;
            } catch (RuntimeFailure e) {
                LOG.debug("resume after kill {}: {}", c.id, e.getMessage());
            }
        }
        event(c, "kill", Map.of("signal", Integer.toString(sig)));
    }

    /**
     * Waits (lock released meanwhile) for the exit to be recorded. Also notices a conmon that died without
     * writing its exit file, so a wait can never hang on a monitor that is gone.
     */
    private boolean awaitStopped(Container c, long timeoutMillis) {
        long deadline = timeoutMillis < 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        try {
            while (c.running && !c.restarting) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                c.await(() -> !c.running || c.restarting, Math.min(left, 1000));
                if (c.running && !c.restarting) {
                    reconcileIfMonitorGone(c);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lock held. If the exit file is there or conmon is gone, record the exit now. */
    private void reconcileIfMonitorGone(Container c) {
        Integer code = runtime.exitCode(c.id);
        if (code != null) {
            recordExit(c, code, Instant.now(), runtime.oomKilled(c.id));
            return;
        }
        if (!ContainerRuntime.isConmonOf(c.conmonPid, c.id)) {
            Integer late = runtime.exitCode(c.id);
            recordExit(c, late == null ? 255 : late, Instant.now(), false);
        }
    }

    /** {@code POST /containers/{id}/kill}: any signal; 409 if not running. SIGKILL waits for the exit. */
    public void kill(String ref, String signal) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (!c.running) {
                throw EngineException.conflict("Cannot kill container: " + ref + ": Container " + c.id
                        + " is not running");
            }
            int sig = signal == null || signal.isEmpty() ? Signals.SIGKILL : Signals.parse(signal);
            if (c.restarting) {
                cancelRestart(c);
                c.hasBeenManuallyStopped = true;
                store.save(c);
                event(c, "kill", Map.of("signal", Integer.toString(sig)));
                return;
            }
            killWithSignal(c, sig);
            if (sig == Signals.SIGKILL) {
                awaitStopped(c, 10_000);
            }
        } finally {
            c.lock.unlock();
        }
    }

    /** {@code POST /containers/{id}/restart}: stop (if running), start, "restart" event. */
    public void restart(String ref, Integer timeoutSeconds, String signal) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (c.running) {
                stopLocked(c, timeoutSeconds, signal);
                event(c, "stop", Map.of());
            }
            cancelRestart(c);
            c.hasBeenManuallyStopped = false;
            c.restartManager = null;
            startLocked(c);
            event(c, "restart", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    public void pause(String ref) {
        Container c = find(ref);
        c.lock.lock();
        try {
            pauseLocked(c);
        } finally {
            c.lock.unlock();
        }
    }

    private void pauseLocked(Container c) {
        if (!c.running) {
            throw EngineException.conflict("Container " + c.id + " is not running");
        }
        if (c.paused) {
            throw EngineException.conflict("Container " + c.id + " is already paused");
        }
        if (c.restarting) {
            throw EngineException.conflict("Container " + c.id + " is restarting, wait until the container is "
                    + "running");
        }
        try {
            runtime.pause(c.id);
        } catch (RuntimeFailure e) {
            throw EngineException.serverError("Cannot pause container " + c.id + ": " + e.getMessage(), e);
        }
        c.paused = true;
        store.save(c);
        event(c, "pause", Map.of());
    }

    public void unpause(String ref) {
        Container c = find(ref);
        c.lock.lock();
        try {
            unpauseLocked(c);
        } finally {
            c.lock.unlock();
        }
    }

    private void unpauseLocked(Container c) {
        if (!c.paused) {
            throw EngineException.conflict("Container " + c.id + " is not paused");
        }
        try {
            runtime.resume(c.id);
        } catch (RuntimeFailure e) {
            throw EngineException.serverError("Cannot unpause container " + c.id + ": " + e.getMessage(), e);
        }
        c.paused = false;
        store.save(c);
        event(c, "unpause", Map.of());
    }

    // ---- wait --------------------------------------------------------------------------------------------------

    /**
     * {@code POST /containers/{id}/wait}: registers at once (the CLI starts the container right after the
     * response headers arrive) and completes with the exit code: not-running (now, if stopped), next-exit, removed.
     */
    public CompletableFuture<Integer> waitFor(String ref, String condition) {
        String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
        if (!cond.equals("not-running") && !cond.equals("next-exit") && !cond.equals("removed")) {
            throw EngineException.badRequest("invalid condition: \"" + condition + "\"");
        }
        Container c = find(ref);
        c.lock.lock();
        try {
            if (cond.equals("not-running") && !c.running) {
                return CompletableFuture.completedFuture(c.exitCode);
            }
            if (c.removed) {
                return CompletableFuture.completedFuture(c.exitCode);
            }
            Waiter w = new Waiter(cond, c.exits, new CompletableFuture<>());
            List<Waiter> list = waiters.computeIfAbsent(c.id, k -> new ArrayList<>());
            synchronized (list) {
                list.add(w);
            }
            w.result().whenComplete((code, err) -> {
                synchronized (list) {
                    list.remove(w);
                }
            });
            return w.result();
        } finally {
            c.lock.unlock();
        }
    }

    // ---- remove, rename, prune ---------------------------------------------------------------------------------

    /** {@code DELETE /containers/{id}}: 409 while running unless forced; {@code volumes} removes anonymous ones. */
    public void remove(String ref, boolean force, boolean removeVolumes) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (c.removing || c.removed) {
                throw EngineException.conflict("removal of container " + ref + " is already in progress");
            }
            if (c.running) {
                if (!force) {
                    if (c.paused) {
                        throw EngineException.conflict("You cannot remove a paused container " + c.id + ". Unpause "
                                + "and then stop the container before attempting removal or force remove");
                    }
                    if (c.restarting) {
                        throw EngineException.conflict("You cannot remove a restarting container " + c.id + ". Stop "
                                + "the container before attempting removal or force remove");
                    }
                    throw EngineException.conflict("You cannot remove a running container " + c.id + ". Stop the "
                            + "container before attempting removal or force remove");
                }
                if (c.restarting) {
                    cancelRestart(c);
                } else {
                    killWithSignal(c, Signals.SIGKILL);
                    if (!awaitStopped(c, 30_000)) {
                        throw EngineException.serverError("could not kill running container " + c.id
                                + ", cannot remove");
                    }
                }
                if (c.removed) {
                    return; // auto-removed on exit
                }
            }
            removeLocked(c, removeVolumes);
        } finally {
            c.lock.unlock();
        }
    }

    /** Lock held. Everything of the container goes: runtime state, layers, directory, name, maybe volumes. */
    private void removeLocked(Container c, boolean removeVolumes) {
        if (c.removed) {
            return;
        }
        StepTimes times = new StepTimes();
        c.removing = true;
        cancelRestart(c);
        health.stopped(c);
        quietly(() -> runtime.delete(c.id));
        quietly(() -> runtime.clearExit(c.id));
        execs.forget(c.id);
        if (networking != null && !c.attachments.isEmpty()) {
            networking.tearDown(c);
        }
        times.lap("runtime");
        try {
            layers.removeContainerLayer(c.id);
            times.lap("layer");
        } catch (RuntimeException e) {
            c.removing = false;
            c.dead = true;
            store.save(c);
            throw EngineException.serverError("cannot remove the filesystem of container " + c.id + ": "
                    + e.getMessage(), e);
        }
        store.delete(c.id);
        times.lap("files");
        containers.remove(c.id);
        synchronized (names) {
            names.remove(c.name, c.id);
        }
        c.removed = true;
        c.removing = false;
        if (removeVolumes) {
            for (String v : c.anonymousVolumes) {
                removeVolumeQuietly(v);
            }
        }
        event(c, "destroy", Map.of());
        notifyExit(c);
        notifyRemoved(c);
        attachments.failWaiting(c);
        c.changed.signalAll();
        if (LOG.isDebugEnabled()) {
            LOG.debug("removed {} in {} ms: {}", c.id, times.total(), times);
        }
    }

    private void removeVolumeQuietly(String name) {
        try {
            volumes.remove(name, false);
        } catch (RuntimeException e) {
            LOG.debug("keeping volume {}: {}", name, e.getMessage());
        }
    }

    /** {@code POST /containers/{id}/rename?name=}. */
    public void rename(String ref, String newName) {
        if (newName == null || newName.isEmpty()) {
            throw EngineException.badRequest("Neither old nor new names may be empty");
        }
        Container c = find(ref);
        c.lock.lock();
        try {
            String name = ContainerNames.normalize(newName);
            if (name.equals(c.name)) {
                throw EngineException.badRequest("Renaming a container with the same name as its current name");
            }
            String old = c.name;
            synchronized (names) {
                String owner = names.get(name);
                if (owner != null) {
                    throw EngineException.conflict("Conflict. The container name \"" + name + "\" is already in use by"
                            + " container \"" + owner + "\". You have to remove (or rename) that container to be able"
                            + " to reuse that name.");
                }
                names.remove(old, c.id);
                names.put(name, c.id);
            }
            c.name = name;
            store.save(c);
            event(c, "rename", Map.of("oldName", old));
        } finally {
            c.lock.unlock();
        }
    }

    /** {@code POST /containers/prune}: every stopped container matching until/label filters. */
    public PruneReport prune(Map<String, List<String>> filters) {
        for (String key : filters.keySet()) {
            if (!key.equals("until") && !key.equals("label") && !key.equals("label!")) {
                throw EngineException.badRequest("invalid filter '" + key + "'");
            }
        }
        Instant until = null;
        if (filters.containsKey("until")) {
            until = untilFilter(filters.get("until").get(0));
        }
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (Container c : new ArrayList<>(containers.values())) {
            c.lock.lock();
            try {
                if (c.running || c.removed || c.removing) {
                    continue;
                }
                if (until != null && !c.createdInstant().isBefore(until)) {
                    continue;
                }
                if (!filters.getOrDefault("label", List.of()).stream()
                        .allMatch(l -> ContainerFilters.labelMatches(c.config.labels(), l))) {
                    continue;
                }
                if (filters.getOrDefault("label!", List.of()).stream()
                        .anyMatch(l -> ContainerFilters.labelMatches(c.config.labels(), l))) {
                    continue;
                }
                long size = sizeQuietly(c.id);
                removeLocked(c, false);
                deleted.add(c.id);
                reclaimed += size;
            } catch (EngineException e) {
                LOG.warn("prune could not remove {}: {}", c.id, e.getMessage());
            } finally {
                c.lock.unlock();
            }
        }
        events.publish("container", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
        return new PruneReport(deleted, reclaimed);
    }

    /** "until" is a timestamp or a Go duration back from now ("10m", "24h"). */
    private static Instant untilFilter(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(ns|us|ms|s|m|h)$").matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            return Instant.now().minus(d);
        }
        return Timestamps.parseApiTime(value);
    }

    private long sizeQuietly(String id) {
        try {
            return layers.upperSize(id);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    // ---- inspect and list --------------------------------------------------------------------------------------

    public ContainerInspect inspect(String ref, boolean size) {
        Container c = find(ref);
        c.lock.lock();
        try {
            Long sizeRw = null;
            Long sizeRootFs = null;
            if (size) {
                sizeRw = sizeQuietly(c.id);
                sizeRootFs = sizeRw + imageSize(c.imageId);
            }
            Map<String, String> graph;
            try {
                graph = layers.containerGraphData(c.id);
            } catch (RuntimeException e) {
                graph = Map.of();
            }
            Path dir = store.dir(networkFilesOwner(c));
            return ContainerViews.inspect(c, graph, sizeRw, sizeRootFs, store.logFile(c.id).toString(),
                    NetworkFiles.resolvConf(dir).toString(), NetworkFiles.hostname(dir).toString(),
                    NetworkFiles.hosts(dir).toString(), execs.idsOf(c.id));
        } finally {
            c.lock.unlock();
        }
    }

    private long imageSize(String imageId) {
        try {
            return images.resolve(imageId).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** {@code docker rm --link /parent/alias}: the parent forgets that link (moby's rmLink). */
    public void removeLink(String linkName) {
        String plain = linkName.startsWith("/") ? linkName.substring(1) : linkName;
        int slash = plain.indexOf('/');
        if (slash < 0) {
            throw EngineException.conflict("Conflict, cannot remove the default link name of the container");
        }
        Container parent = findQuietly(plain.substring(0, slash));
        String alias = plain.substring(slash + 1);
        if (parent == null) {
            throw EngineException.notFound("No such container: " + plain);
        }
        parent.lock.lock();
        try {
            List<String> links = parent.hostConfig.links() == null ? List.of() : parent.hostConfig.links();
            List<String> kept = new ArrayList<>();
            for (String spec : links) {
                if (!Links.parse(spec).alias().equals(alias)) {
                    kept.add(spec);
                }
            }
            if (kept.size() == links.size()) {
                throw EngineException.notFound("No such container: " + plain);
            }
            parent.hostConfig = withLinks(parent.hostConfig, kept.isEmpty() ? null : kept);
            store.save(parent);
        } finally {
            parent.lock.unlock();
        }
    }

    /** Container name → the names its links give it ("/parent/alias"), which dockerd lists among its names. */
    private static Map<String, List<String>> linkNames(List<Container> all) {
        Map<String, List<String>> names = new HashMap<>();
        for (Container parent : all) {
            List<String> links = parent.hostConfig.links();
            if (parent.removed || links == null) {
                continue;
            }
            for (String spec : links) {
                Links.Link l = Links.parse(spec);
                names.computeIfAbsent(l.target(), k -> new ArrayList<>()).add("/" + parent.plainName() + "/"
                        + l.alias());
            }
        }
        return names;
    }

    /** {@code GET /containers/json}, newest first. */
    public List<ContainerSummary> list(boolean all, int limit, boolean size, Map<String, List<String>> filters) {
        ContainerFilters f = new ContainerFilters(filters, ref -> find(ref).createdInstant(), ref -> {
            try {
                return images.resolve(ref).id();
            } catch (RuntimeException e) {
                return null;
            }
        });
        boolean includeStopped = all || limit > 0 || f.wantsStopped();
        List<Container> sorted = new ArrayList<>(containers.values());
        sorted.sort(Comparator.comparing(Container::createdInstant).reversed());
        Instant now = Instant.now();
        Map<String, List<String>> linkNames = linkNames(sorted);
        List<ContainerSummary> out = new ArrayList<>();
        for (Container c : sorted) {
            c.lock.lock();
            try {
                if (c.removed || (!includeStopped && !c.running) || !f.matches(c)) {
                    continue;
                }
                Long sizeRw = size ? sizeQuietly(c.id) : null;
                Long sizeRootFs = size ? sizeRw + imageSize(c.imageId) : null;
                out.add(ContainerViews.summary(c, now, sizeRw, sizeRootFs,
                        linkNames.getOrDefault(c.plainName(), List.of())));
            } finally {
                c.lock.unlock();
            }
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** Counts for /info: total, running, paused, stopped. */
    public int[] counts() {
        int total = 0;
        int running = 0;
        int paused = 0;
        for (Container c : containers.values()) {
            total++;
            if (c.running && c.paused) {
                paused++;
            } else if (c.running) {
                running++;
            }
        }
        return new int[] {total, running, paused, total - running - paused};
    }

    // ---- logs, attach, resize ----------------------------------------------------------------------------------

    /** Whether the container has a TTY (raw streams) — the logs and attach framing depends on it. */
    public boolean hasTty(String ref) {
        return find(ref).config.hasTty();
    }

    /**
     * {@code GET /containers/{id}/logs}: writes the log (framed unless TTY); with {@code follow}, keeps going
     * until the container stops or {@code clientGone} says so.
     */
    /** As dockerd: a container started with {@code --log-driver none} keeps no log to read back (501). */
    public void requireReadableLogs(String ref) {
        Container c = find(ref);
        if (c.hostConfig.logConfig() != null && "none".equals(c.hostConfig.logConfig().type())) {
            throw new EngineException(501, "configured logging driver does not support reading");
        }
    }

    public void logs(String ref, ContainerLog.Query query, boolean timestamps, OutputStream out,
            BooleanSupplier clientGone) throws IOException {
        if (!query.stdout() && !query.stderr()) {
            throw EngineException.badRequest("Bad parameters: you must choose at least one stream");
        }
        Container c = find(ref);
        boolean raw = c.config.hasTty();
        Path file = store.logFile(c.id);
        long startExits;
        c.lock.lock();
        try {
            startExits = c.exits;
        } finally {
            c.lock.unlock();
        }
        new ContainerLog(file).read(query, entry -> {
            byte[] data = entry.content();
            if (timestamps) {
                byte[] prefix = (Timestamps.format(entry.time()) + " ").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] joined = new byte[prefix.length + data.length];
                System.arraycopy(prefix, 0, joined, 0, prefix.length);
                System.arraycopy(data, 0, joined, prefix.length, data.length);
                data = joined;
            }
            StdStreams.write(out, raw, entry.stream() == ContainerLog.Stream.STDERR ? StdStreams.STDERR
                    : StdStreams.STDOUT, data);
            out.flush();
        }, () -> !clientGone.getAsBoolean() && !c.removed && c.running && !c.restarting && c.exits == startExits);
        out.flush();
    }

    /**
     * Prepares {@code POST /containers/{id}/attach}. A running container is attached at once; a stopped one when
     * it next starts, between conmon's create and runc's start, so not a byte of its output is missed.
     */
    public AttachSession attach(String ref, boolean stdin, boolean stdout, boolean stderr, boolean logs,
            boolean stream, String detachKeys) {
        Container c = find(ref);
        byte[] keys = DetachKeys.parse(detachKeys);
        c.lock.lock();
        try {
            if (c.paused && stream) {
                throw EngineException.conflict("You cannot attach to a paused container, unpause it first");
            }
            AttachSession session = attachments.open(c, stdin, stdout, stderr, logs, stream, keys,
                    store.logFile(c.id));
            event(c, "attach", Map.of());
            return session;
        } finally {
            c.lock.unlock();
        }
    }

    /** {@code POST /containers/{id}/resize}: the container's TTY (conmon's ctl FIFO). */
    public void resize(String ref, int rows, int columns) {
        Container c = find(ref);
        c.lock.lock();
        try {
            if (!c.running || c.restarting) {
                throw EngineException.conflict("Container " + c.id + " is not running");
            }
            try {
                runtime.resize(c.id, rows, columns);
            } catch (RuntimeFailure e) {
                throw EngineException.serverError(e.getMessage(), e);
            }
            event(c, "resize", Map.of("height", Integer.toString(rows), "width", Integer.toString(columns)));
        } finally {
            c.lock.unlock();
        }
    }

    // ---- exec --------------------------------------------------------------------------------------------------

    ExecSessions execs() {
        return execs;
    }

    // ---- top and stats -----------------------------------------------------------------------------------------

    /** {@code GET /containers/{id}/top}: the host's ps, rows limited to the container's processes. */
    public TopResponse top(String ref, String psArgs) {
        Container c = find(ref);
        List<Integer> pids;
        c.lock.lock();
        try {
            if (!c.running || c.restarting) {
                throw EngineException.conflict("Container " + c.id + " is not running");
            }
            try {
                pids = runtime.processes(c.id);
            } catch (RuntimeFailure e) {
                throw EngineException.serverError(e.getMessage(), e);
            }
        } finally {
            c.lock.unlock();
        }
        String args = psArgs == null || psArgs.isEmpty() ? "-ef" : psArgs;
        List<String> argv = new ArrayList<>();
        argv.add("ps");
        for (String a : args.trim().split("\\s+")) {
            argv.add(a);
        }
        HostCommand.Result result = HostCommand.run(argv, 30);
        if (!result.ok()) {
            throw EngineException.serverError("Error running ps: " + result.stderr().trim());
        }
        TopResponse top = TopParser.parse(result.stdout(), pids);
        event(c, "top", Map.of());
        return top;
    }

    /** One stats sample (with the previous one as precpu), or Docker's empty sample for a stopped container. */
    public ContainerStats stats(String ref, ContainerStats previous) {
        Container c = find(ref);
        int pid;
        c.lock.lock();
        try {
            if (!c.running || c.restarting) {
                return CgroupStats.empty(c.name, c.id);
            }
            pid = c.pid;
        } finally {
            c.lock.unlock();
        }
        ContainerStats s = runtime.stats().sample(pid, Timestamps.format(Instant.now()));
        return new ContainerStats(c.name, c.id, null, s.read(),
                previous == null ? Timestamps.ZERO : previous.read(), s.pidsStats(), s.blkioStats(), s.numProcs(),
                s.storageStats(), s.cpuStats(), previous == null ? emptyCpu() : previous.cpuStats(), s.memoryStats(),
                s.networks());
    }

    public boolean isRunning(String ref) {
        Container c = find(ref);
        return c.running && !c.restarting;
    }

    private static ContainerStats.CpuStats emptyCpu() {
        return new ContainerStats.CpuStats(new ContainerStats.CpuUsage(0L, null, 0L, 0L), null, null,
                new ContainerStats.ThrottlingData(0L, 0L, 0L));
    }

    // ---- filesystem: archive, changes, export ------------------------------------------------------------------

    /** Runs {@code action} on the container's mounted root (mounting a stopped container's for the duration). */
    /**
     * Runs {@code action} on the container's filesystem as docker cp sees it (rootfs with volumes and binds), running
     * or not. A write to {@code path} is refused, as in Docker, when it lands in a read-only volume, or outside any
     * volume of a container whose rootfs is read-only.
     */
    public <T> T withRootfs(String ref, boolean write, String path, java.util.function.Function<Path, T> action) {
        Container c = find(ref);
        try (LayerStore.Lease lease = layers.borrow(c.id);
                ArchiveView view = ArchiveView.open(lease.rootfs(), path, c.mounts, archiveViews, volumes,
                        c.id + "-cp")) {
            if (write) {
                checkWritable(c, view.root(), path);
            }
            return action.apply(view.root());
        }
    }

    private static void checkWritable(Container c, Path view, String path) {
        String resolved;
        try (InRoot in = InRoot.open(view)) {
            resolved = "/" + in.resolve(path);
        } catch (IOException e) {
            resolved = "/" + String.join("/", InRoot.components(path));
        }
        MountPoint volume = null;
        for (MountPoint m : c.mounts) {
            if (ArchiveView.within(resolved, m.destination()) && !"tmpfs".equals(m.type())
                    && (volume == null || m.destination().length() > volume.destination().length())) {
                volume = m;
            }
        }
        if (volume != null && Boolean.FALSE.equals(volume.rw())) {
            throw EngineException.serverError("mounted volume is marked read-only");
        }
        if (volume == null && Boolean.TRUE.equals(c.hostConfig.readonlyRootfs())) {
            throw EngineException.forbidden("container rootfs is marked read-only");
        }
    }

    /**
     * {@code docker update}: new resource limits and restart policy, applied to the cgroup at once when the
     * container runs; the settings stay as they were when the runtime refuses.
     */
    public void update(String ref, HostConfig request) {
        CreateChecks.validateResources(request.resources(), runtime.facts(), true);
        Container c = find(ref);
        c.lock.lock();
        try {
            HostConfig before = c.hostConfig;
            HostConfig after = ContainerUpdates.merge(c.id, before, request);
            if (c.running && !c.restarting) {
                try {
                    runtime.update(c.id, specs.updatableResources(after.resources()));
                } catch (RuntimeException e) {
                    throw EngineException.serverError("Cannot update container " + c.id + ": " + e.getMessage(), e);
                }
            }
            c.hostConfig = after;
            if (!c.restarting && !java.util.Objects.equals(before.restartPolicy(), after.restartPolicy())) {
                c.restartManager = null; // the next exit follows the new policy
            }
            store.save(c);
            event(c, "update", Map.of());
        } finally {
            c.lock.unlock();
        }
    }

    /** Docker's events for docker cp: "archive-path" (copy out) and "extract-to-dir" (copy in). */
    public void archiveEvent(String ref, boolean extract) {
        event(find(ref), extract ? "extract-to-dir" : "archive-path", Map.of());
    }

    public ContainerFilesystem filesystem() {
        return filesystem;
    }

    public List<dev.berth.remote.containers.FilesystemChange> changes(String ref) {
        return filesystem.changes(find(ref).id);
    }

    public void export(String ref, OutputStream out) {
        Container c = find(ref);
        event(c, "export", Map.of());
        filesystem.export(c.id, out);
    }

    /** The container's name without slash, for messages such as "Could not find the file x in container y". */
    public String nameOf(String ref) {
        return find(ref).plainName();
    }

    // ---- CommitSource, ImageUsers, VolumeUsers, NetworkMembers --------------------------------------------------

    /** What {@code POST /commit} (the images routes) needs from containers. */
    public CommitSource commitSource() {
        return new ContainerCommits(this);
    }

    @Override
    public List<ImageUse> usersOf(String imageId) {
        List<ImageUse> uses = new ArrayList<>();
        for (Container c : containers.values()) {
            if (imageId != null && imageId.equals(c.imageId) && !c.removed) {
                uses.add(new ImageUse(c.id, c.plainName(), c.running));
            }
        }
        return uses;
    }

    @Override
    public List<String> containersUsing(String volumeName) {
        List<String> ids = new ArrayList<>();
        for (Container c : containers.values()) {
            if (!c.removed && c.mounts.stream().anyMatch(m -> "volume".equals(m.type())
                    && volumeName.equals(m.name()))) {
                ids.add(c.id);
            }
        }
        return ids;
    }

    @Override
    public Map<String, NetworkSummary.Endpoint> membersOf(String networkName) {
        Map<String, NetworkSummary.Endpoint> members = new LinkedHashMap<>();
        for (Container c : containers.values()) {
            if (c.removed || !c.isActive()) {
                continue;
            }
            Attachment a = c.attachments.get(networkName);
            if (a != null) {
                members.put(c.id, new NetworkSummary.Endpoint(c.plainName(), a.endpointId(), a.macAddress(),
                        a.ipAddress().isEmpty() ? "" : a.ipAddress() + "/" + a.prefixLen(),
                        a.ipv6Address().isEmpty() ? "" : a.ipv6Address() + "/" + a.ipv6PrefixLen()));
            } else if (c.attachments.isEmpty() && networkName.equals(ContainerViews.networkName(c))) {
                members.put(c.id, new NetworkSummary.Endpoint(c.plainName(),
                        ContainerViews.endpoint(c, networkName).endpointId(), "", "", ""));
            }
        }
        return members;
    }

    /** Whether any container (running or not) is configured on the network: Docker refuses to remove it then. */
    @Override
    public List<String> configuredOn(String networkName) {
        List<String> ids = new ArrayList<>();
        for (Container c : containers.values()) {
            if (!c.removed && c.isActive() && c.networks.containsKey(networkName)) {
                ids.add(c.id);
            }
        }
        return ids;
    }

    /** {@code POST /networks/{id}/connect}. */
    @Override
    public void connect(String ref, Network network, EndpointSettings settings) {
        if (networking == null) {
            throw EngineException.forbidden("this engine runs without bridge networking");
        }
        Container c = find(ref);
        c.lock.lock();
        try {
            networking.connect(c, network, ContainerNetworking.request(network, settings));
            store.save(c);
        } finally {
            c.lock.unlock();
        }
    }

    /** {@code POST /networks/{id}/disconnect}. */
    @Override
    public void disconnect(String ref, Network network, boolean force) {
        if (networking == null) {
            throw EngineException.forbidden("this engine runs without bridge networking");
        }
        Container c;
        try {
            c = find(ref);
        } catch (EngineException e) {
            if (force) {
                return;
            }
            throw e;
        }
        c.lock.lock();
        try {
            networking.disconnect(c, network);
            store.save(c);
        } finally {
            c.lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        exitWatcher.close();
        if (networking != null) {
            networking.networks().close();
        }
        scheduler.shutdownNow();
        health.close();
        runtime.close();
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /**
     * Loads every container and reconciles it with what is really there: a live conmon (checked by its command
     * line, not just its PID) means it still runs and is adopted; otherwise its exit file, or 255, says how it
     * ended. Returns the containers whose restart policy wants them running again.
     */
    private List<Container> recover() {
        List<Container> restart = new ArrayList<>();
        for (Container c : store.loadAll()) {
            containers.put(c.id, c);
            synchronized (names) {
                names.put(c.name, c.id);
            }
        }
        forgetStaleExitFiles();
        for (Container c : containers.values()) {
            c.lock.lock();
            try {
                if (c.removing) {
                    try {
                        removeLocked(c, false);
                    } catch (RuntimeException e) {
                        LOG.warn("finishing the removal of {}: {}", c.id, e.toString());
                    }
                    continue;
                }
                if (c.running && !c.restarting) {
                    Runc.State state = runtime.state(c.id);
                    boolean alive = ContainerRuntime.isConmonOf(c.conmonPid, c.id) && state != null
                            && (state.status().equals("running") || state.status().equals("paused")
                            || state.status().equals("created"));
                    if (alive) {
                        c.paused = state.status().equals("paused");
                        for (MountPoint m : c.mounts) {
                            if ("volume".equals(m.type())) {
                                quietly(() -> volumes.mounted(m.name(), c.id, m.destination(),
                                        !Boolean.FALSE.equals(m.rw()), m.propagation()));
                            }
                        }
                        if (networking != null) {
                            networking.adopt(c);
                        }
                        health.started(c);
                        store.save(c);
                        LOG.info("adopted running container {} ({})", c.shortId(), c.plainName());
                        continue;
                    }
                    Integer code = runtime.exitCode(c.id);
                    recordExitAtRecovery(c, code == null ? 255 : code);
                } else if (c.restarting) {
                    c.restarting = false;
                    c.running = false;
                    store.save(c);
                }
                if (!c.running && c.hasBeenStartedBefore && !Boolean.TRUE.equals(c.hostConfig.autoRemove())
                        && RestartManager.wantsRestartAtEngineStart(c.hostConfig.restartPolicy(), c.exitCode,
                        c.restartCount, c.hasBeenManuallyStopped)) {
                    restart.add(c);
                }
            } finally {
                c.lock.unlock();
            }
        }
        if (networking != null) {
            // namespaces whose container died while no engine was watching
            networking.sweep(containers.values());
        }
        return restart;
    }

    /** Exit files of containers this engine no longer has (removed while it was down) are of no use. */
    private void forgetStaleExitFiles() {
        try (var files = Files.list(runtime.exitsDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (!containers.containsKey(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot clean {}: {}", runtime.exitsDir(), e.toString());
        }
    }

    private void recordExitAtRecovery(Container c, int code) {
        if (networking != null) {
            networking.tearDown(c);
        }
        quietly(() -> runtime.delete(c.id));
        quietly(() -> runtime.clearExit(c.id));
        quietly(() -> layers.unmount(c.id));
        releaseVolumes(c);
        c.running = false;
        c.paused = false;
        c.pid = 0;
        c.conmonPid = 0;
        c.exitCode = code;
        c.finishedAt = Timestamps.format(Instant.now());
        c.exits++;
        store.save(c);
        event(c, "die", Map.of("exitCode", Integer.toString(code)));
        if (Boolean.TRUE.equals(c.hostConfig.autoRemove())) {
            removeLocked(c, true);
        }
    }

    private void restartAfterRecovery(Container c) {
        c.lock.lock();
        try {
            if (c.removed || c.running || closed) {
                return;
            }
            startLocked(c);
        } catch (EngineException e) {
            LOG.warn("could not restart {} after recovery: {}", c.id, e.getMessage());
        } finally {
            c.lock.unlock();
        }
    }

    // ---- events ------------------------------------------------------------------------------------------------

    /** A container event with Docker's attributes: the container's labels, then image and name. */
    void event(Container c, String action, Map<String, String> extra) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (c.config.labels() != null) {
            attrs.putAll(c.config.labels());
        }
        attrs.put("image", c.config.image() == null ? "" : c.config.image());
        attrs.put("name", c.plainName());
        attrs.putAll(extra);
        events.publish("container", action, c.id, attrs);
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.debug("cleanup step failed: {}", e.toString());
        }
    }
}
