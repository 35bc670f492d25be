package dev.berth.engine.containers;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.api.Routes;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.images.ImageRoutes;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.images.ProgressWriter;
import dev.berth.engine.runtime.BusyboxRootfs;
import dev.berth.engine.runtime.ConmonCgroup;
import dev.berth.engine.runtime.ContainerRuntime;
import dev.berth.engine.runtime.HostCommand;
import dev.berth.engine.runtime.HostFacts;
import dev.berth.engine.storage.ContainerFilesystem;
import dev.berth.engine.storage.ContentStore;
import dev.berth.engine.storage.LayerStore;
import dev.berth.engine.system.Inventory;
import dev.berth.engine.system.SystemRoutes;
import dev.berth.engine.volumes.VolumeRoutes;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The container service with real image, layer and volume stores on a temporary data root, the busybox test image
 * imported, and an API server on a temporary socket for the real docker CLI. {@link #crash()} drops the service
 * without touching its containers and builds a new one on the same directories, as an engine restart after
 * {@code kill -9} would.
 */
final class ContainerFixture implements AutoCloseable {

    static final String BUSYBOX = "berth-test/busybox:latest";

    final Path base;
    final EngineDirs dirs;
    final HostFacts facts = HostFacts.detect();
    final EventBus events = new EventBus();
    final ContentStore blobs;
    final LayerStore layers;
    final ImageService images;
    final VolumeService volumes;
    final ContainerFilesystem filesystem;
    final ContainerRuntime runtime;
    ContainerService containers;
    private ApiServer server;
    private Path socket;

    ContainerFixture() throws Exception {
        if (!facts.problems().isEmpty()) {
            throw new IllegalStateException("this host cannot run containers: " + facts.problems());
        }
        base = Files.createTempDirectory("bct");
        dirs = new EngineDirs(base.resolve("data"), base.resolve("run")).create();
        blobs = new ContentStore(dirs.blobs());
        layers = new LayerStore(dirs.overlay());
        images = new ImageService(dirs, layers, blobs, events);
        volumes = new VolumeService(dirs, events);
        filesystem = new ContainerFilesystem(layers);
        runtime = new ContainerRuntime(facts, dirs, ConmonCgroup.none());
        containers = new ContainerService(dirs, runtime, layers, filesystem, images, volumes, events);
        importBusybox(BUSYBOX, List.of("CMD [\"sh\"]", "ENV PATH=/bin"), false);
    }

    /** Imports the busybox rootfs as {@code name}; with {@code withData}, it also has /data/seed (for VOLUME tests). */
    String importBusybox(String name, List<String> changes, boolean withData) throws IOException {
        Path rootfs = BusyboxRootfs.create(Files.createTempDirectory(base, "rootfs"));
        if (withData) {
            Files.createDirectories(rootfs.resolve("data"));
            Files.writeString(rootfs.resolve("data/seed"), "from the image\n");
        }
        Path tar = base.resolve("busybox-" + System.nanoTime() + ".tar");
        HostCommand.Result result = HostCommand.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(),
                "."), 60);
        if (!result.ok()) {
            throw new IOException("tar failed: " + result.stderr());
        }
        String[] ref = name.split(":");
        try (InputStream in = Files.newInputStream(tar)) {
            return images.importImage(in, ref[0], ref.length > 1 ? ref[1] : "latest", "", changes,
                    ProgressWriter.discard());
        } finally {
            Files.deleteIfExists(tar);
            TestDirs.delete(rootfs);
        }
    }

    /** Simulates kill -9 of the engine: the service is dropped (containers keep running), a new one adopts them. */
    void crash() {
        containers.close();
        containers = new ContainerService(dirs, runtime, layers, filesystem, images, volumes, events);
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Runs the real docker CLI against this engine (started on first use). */
    ProcessResult docker(String... args) throws Exception {
        return dockerWithInput(null, args);
    }

    ProcessResult dockerWithInput(String stdin, String... args) throws Exception {
        if (server == null) {
            socket = base.resolve("api.sock");
            Files.deleteIfExists(socket);
            Inventory inventory = new Inventory() {
                @Override
                public ContainerCounts containers() {
                    int[] c = containers.counts();
                    return new ContainerCounts(c[0], c[1], c[2], c[3]);
                }

                @Override
                public int images() {
                    return images.count();
                }

                @Override
                public DiskUsage diskUsage() {
                    return new DiskUsage(0L, List.of(), List.of(), List.of(), List.of());
                }
            };
            List<Routes> routes = List.of(new SystemRoutes(dirs, inventory,
                    new SystemRoutes.RuntimeFacts("runc", facts.runc().toString(), "cgroupfs",
                            facts.cgroupMode().version(), true)),
                    new ContainerRoutes(containers), new ImageRoutes(images, containers.commitSource()),
                    new VolumeRoutes(volumes));
            server = new ApiServer(routes);
            server.listenUnix(socket, null);
        }
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        Path config = base.resolve("docker-config");
        Files.createDirectories(config);
        return Commands.run(command, Map.of("DOCKER_HOST", "unix://" + socket, "DOCKER_CONFIG", config.toString()),
                stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), 120);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        for (var summary : containers.list(true, -1, false, Map.of())) {
            try {
                containers.remove(summary.id(), true, true);
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e);
            }
        }
        containers.close();
        for (String id : layers.containerIds()) {
            layers.removeContainerLayer(id);
        }
        TestDirs.delete(base);
    }
}
