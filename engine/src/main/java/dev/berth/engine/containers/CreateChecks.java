package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.Capabilities;
import dev.berth.engine.runtime.HostFacts;
import dev.berth.engine.runtime.OciSpecBuilder;
import dev.berth.engine.runtime.Rlimits;
import dev.berth.engine.runtime.Signals;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.Resources;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code POST /containers/create} checks and fills in before anything is made, with Docker's messages. */
final class CreateChecks {

    private static final long MIN_MEMORY = 6L << 20;

    private CreateChecks() {
    }

    static final String CONTAINER_MODE = "container:";

    static String networkMode(String mode) {
        return mode == null || mode.isEmpty() ? "default" : mode;
    }

    /** The container a {@code container:<name|id>} mode names, or null for any other mode. */
    static String sharedWith(String mode) {
        return mode != null && mode.startsWith(CONTAINER_MODE) ? mode.substring(CONTAINER_MODE.length()) : null;
    }

    /**
     * moby's validateNetContainerMode, on the request as sent (before the image's config is merged in): what a
     * container sharing another's network namespace cannot set, and a MAC address on host networking.
     */
    static void validateNetworkMode(ContainerConfig user, HostConfig host) {
        String mode = networkMode(host.networkMode());
        String shared = sharedWith(mode);
        if (shared != null && shared.isEmpty()) {
            throw EngineException.badRequest("Invalid network mode: invalid container format container:<name|id>");
        }
        if (shared != null) {
            if (user.hostname() != null && !user.hostname().isEmpty()) {
                throw EngineException.badRequest("conflicting options: hostname and the network mode");
            }
            if (host.links() != null && !host.links().isEmpty()) {
                throw EngineException.badRequest("conflicting options: container type network can't be used with "
                        + "links. This would result in undefined behavior");
            }
            if (host.dns() != null && !host.dns().isEmpty()) {
                throw EngineException.badRequest("conflicting options: dns and the network mode");
            }
            if (host.extraHosts() != null && !host.extraHosts().isEmpty()) {
                throw EngineException.badRequest("conflicting options: custom host-to-IP mapping and the network "
                        + "mode");
            }
        }
        if ((shared != null || mode.equals("host")) && user.macAddress() != null && !user.macAddress().isEmpty()) {
            throw EngineException.badRequest("conflicting options: mac-address and the network mode");
        }
        if (shared != null) {
            if (host.portBindings() != null && !host.portBindings().isEmpty()
                    || Boolean.TRUE.equals(host.publishAllPorts())) {
                throw EngineException.badRequest("conflicting options: port publishing and the container type "
                        + "network mode");
            }
            if (user.exposedPorts() != null && !user.exposedPorts().isEmpty()) {
                throw EngineException.badRequest("conflicting options: port exposing and the container type network "
                        + "mode");
            }
        }
    }

    static boolean isBuiltin(String mode) {
        return switch (mode) {
            case "default", "bridge", "none", "host" -> true;
            default -> false;
        };
    }

    static String hostHostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            return h.isEmpty() ? InetAddress.getLocalHost().getHostName() : h;
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Docker's create-time defaults: NetworkMode "default", MemorySwap twice Memory when only Memory is set. */
    static HostConfig adaptHostConfig(HostConfig host, String networkMode, HostFacts facts, List<String> warnings) {
        return WireEdits.with(host, HostConfig.class, map -> {
            map.put("NetworkMode", networkMode);
            Resources r = host.resources();
            if (r != null && r.memory() != null && r.memory() > 0) {
                if (!facts.swapAccounting()) {
                    warnings.add("Your kernel does not support swap limit capabilities or the cgroup is not mounted. "
                            + "Memory limited without swap.");
                    map.put("MemorySwap", -1L);
                } else if (r.memorySwap() == null || r.memorySwap() == 0) {
                    map.put("MemorySwap", r.memory() * 2);
                }
            }
            if (r != null && Boolean.TRUE.equals(r.oomKillDisable()) && (r.memory() == null || r.memory() == 0)) {
                warnings.add("OOM killer is disabled for the container, but no memory limit is set, this can result in "
                        + "the system running out of resources.");
            }
            if (host.restartPolicy() == null) {
                map.put("RestartPolicy", Map.of("Name", "no", "MaximumRetryCount", 0));
            } else if (host.restartPolicy().maximumRetryCount() == null) {
                // Go's int has no "absent": dockerd always reports the count, 0 unless on-failure set one
                map.put("RestartPolicy", Map.of("Name", host.restartPolicy().name() == null ? ""
                        : host.restartPolicy().name(), "MaximumRetryCount", 0));
            }
            if (host.logConfig() == null || host.logConfig().type() == null || host.logConfig().type().isEmpty()) {
                // what conmon writes; podman reports the same name for it
                map.put("LogConfig", Map.of("Type", "k8s-file", "Config", Map.of()));
            }
        });
    }

    static void validate(ContainerConfig config, HostConfig host, HostFacts facts) {
        if (OciSpecBuilder.commandLine(config).isEmpty()) {
            throw EngineException.badRequest("No command specified");
        }
        if (config.workingDir() != null && !config.workingDir().isEmpty() && !config.workingDir().startsWith("/")) {
            throw EngineException.badRequest("the working directory '" + config.workingDir() + "' is invalid, it "
                    + "needs to be an absolute path");
        }
        if (config.stopSignal() != null && !config.stopSignal().isEmpty()) {
            Signals.parse(config.stopSignal());
        }
        RestartManager.validate(host.restartPolicy(), Boolean.TRUE.equals(host.autoRemove()));
        validateResources(host.resources(), facts, false);
        Capabilities.normalize(host.capAdd());
        Capabilities.normalize(host.capDrop());
        NetworkFiles.validateExtraHosts(host.extraHosts());
    }

    /**
     * The resource checks of create, which {@code docker update} makes too (where a swap limit alone is fine: the
     * container's memory limit stays), with Docker's messages.
     */
    static void validateResources(Resources r, HostFacts facts, boolean update) {
        if (r == null) {
            return;
        }
        if (r.memory() != null && r.memory() > 0 && r.memory() < MIN_MEMORY) {
            throw EngineException.badRequest("Minimum memory limit allowed is 6MB");
        }
        long memory = r.memory() == null ? 0 : r.memory();
        long swap = r.memorySwap() == null ? 0 : r.memorySwap();
        if (memory > 0 && swap > 0 && swap < memory) {
            throw EngineException.badRequest("Minimum memoryswap limit should be larger than memory limit, see "
                    + "usage");
        }
        if (memory == 0 && swap > 0 && !update) {
            throw EngineException.badRequest("You should always set the Memory limit when using Memoryswap "
                    + "limit, see usage");
        }
        if (r.nanoCpus() != null && r.nanoCpus() > 0) {
            if ((r.cpuQuota() != null && r.cpuQuota() > 0) || (r.cpuPeriod() != null && r.cpuPeriod() > 0)) {
                throw EngineException.badRequest("Conflicting options: Nano CPUs and CPU Period cannot both be "
                        + "set");
            }
            int cpus = facts.cpus();
            if (r.nanoCpus() < 10_000_000L || r.nanoCpus() > cpus * 1_000_000_000L) {
                throw EngineException.badRequest("Range of CPUs is from 0.01 to " + cpus + ".00, as there are only "
                        + cpus + " CPUs available");
            }
        }
        if (r.cpuShares() != null && r.cpuShares() < 0) {
            throw EngineException.badRequest("invalid CPU shares: " + r.cpuShares());
        }
        Rlimits.validate(r.ulimits(), facts);
        if (Boolean.TRUE.equals(r.init()) && facts.init() == null) {
            throw EngineException.badRequest("--init needs a statically linked tini (docker-init) on the host, "
                    + "and none was found: install it with: apt-get install tini");
        }
    }
}
