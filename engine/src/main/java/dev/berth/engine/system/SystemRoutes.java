package dev.berth.engine.system;

import dev.berth.engine.api.ApiVersions;
import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.host.EngineDirs;
import dev.berth.remote.client.BerthVersion;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.system.VersionInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** /_ping, /version, /info and /system/df. */
public final class SystemRoutes implements Routes {

    /** How the engine runs containers, for /info. */
    public record RuntimeFacts(String runtimeName, String runtimePath, String cgroupDriver, String cgroupVersion,
            boolean liveRestore) {
    }

    private final EngineDirs dirs;
    private final Inventory inventory;
    private final RuntimeFacts runtime;
    private final String engineId;

    public SystemRoutes(EngineDirs dirs, Inventory inventory, RuntimeFacts runtime) {
        this.dirs = dirs;
        this.inventory = inventory;
        this.runtime = runtime;
        this.engineId = engineId(dirs.dataRoot().resolve("engine-id"));
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/_ping", this::ping);
        router.add("HEAD", "/_ping", this::ping);
        router.add("GET", "/version", req -> Response.json(version()));
        router.add("GET", "/info", req -> Response.json(info()));
        router.add("GET", "/system/df", req -> Response.json(inventory.diskUsage()));
    }

    private Response ping(Request request) {
        return Response.text(200, "text/plain; charset=utf-8", "HEAD".equals(request.method()) ? "" : "OK")
                .header("Cache-Control", "no-cache, no-store, must-revalidate")
                .header("Pragma", "no-cache")
                .header("Builder-Version", "");
    }

    public VersionInfo version() {
        String berth = BerthVersion.get();
        Map<String, String> details = Map.of(
                "ApiVersion", ApiVersions.MAX,
                "MinAPIVersion", ApiVersions.MIN,
                "Os", "linux",
                "Arch", HostInfo.goArch(),
                "KernelVersion", HostInfo.kernelVersion());
        return new VersionInfo(
                new VersionInfo.Platform("Berth Engine"),
                List.of(new VersionInfo.Component("Engine", berth, details),
                        new VersionInfo.Component(runtime.runtimeName(), "", Map.of("Path", runtime.runtimePath()))),
                berth, ApiVersions.MAX, ApiVersions.MIN, "", "java " + System.getProperty("java.version"),
                "linux", HostInfo.goArch(), HostInfo.kernelVersion(), false, "");
    }

    public SystemInfo info() {
        Inventory.ContainerCounts counts = inventory.containers();
        return new SystemInfo(
                engineId, counts.total(), counts.running(), counts.paused(), counts.stopped(),
                inventory.images(), "overlay2",
                List.of(List.of("Backing Filesystem", "extfs"), List.of("Supports d_type", "true"),
                        List.of("Using metacopy", "false"), List.of("Native Overlay Diff", "false")),
                dirs.dataRoot().toString(),
                new SystemInfo.Plugins(List.of("local"), List.of("host", "null"), null, List.of("k8s-file")),
                true, true, false, false, true, true, true, true, true, true,
                true, true, true, false, openFiles(), Thread.activeCount(),
                DateTimeFormatter.ISO_INSTANT.format(Instant.now()), "k8s-file", runtime.cgroupDriver(),
                runtime.cgroupVersion(), 0, HostInfo.kernelVersion(), HostInfo.operatingSystem(),
                HostInfo.osVersion(), "linux", HostInfo.machine(), Runtime.getRuntime().availableProcessors(),
                HostInfo.memTotal(), null, null, null, null, null, null, HostInfo.hostname(), List.of(), false,
                BerthVersion.get(),
                Map.of(runtime.runtimeName(), new SystemInfo.Runtime(runtime.runtimePath(), null)),
                runtime.runtimeName(),
                new SystemInfo.Swarm("", "", "inactive", false, "", null, null, null, null),
                runtime.liveRestore(), "", "", null, null, null,
                List.of("name=seccomp,profile=builtin"), "", null, List.of());
    }

    private static int openFiles() {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return (int) entries.count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String engineId(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id = UUID.randomUUID().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the engine ID in " + file, e);
        }
    }
}
