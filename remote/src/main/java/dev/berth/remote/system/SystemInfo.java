package dev.berth.remote.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /info}: the engine's counts, storage, kernel, cgroup and registry settings: what {@code docker info}
 * shows. Every field is optional: other engines (Podman, Berth's own) fill in what they have.
 */
public record SystemInfo(
        @JsonProperty("ID") String id,
        Integer containers,
        Integer containersRunning,
        Integer containersPaused,
        Integer containersStopped,
        Integer images,
        String driver,
        List<List<String>> driverStatus,
        String dockerRootDir,
        Plugins plugins,
        Boolean memoryLimit,
        Boolean swapLimit,
        Boolean kernelMemory,
        @JsonProperty("KernelMemoryTCP") Boolean kernelMemoryTcp,
        Boolean cpuCfsPeriod,
        Boolean cpuCfsQuota,
        @JsonProperty("CPUShares") Boolean cpuShares,
        @JsonProperty("CPUSet") Boolean cpuSet,
        Boolean pidsLimit,
        Boolean oomKillDisable,
        @JsonProperty("IPv4Forwarding") Boolean ipv4Forwarding,
        Boolean bridgeNfIptables,
        Boolean bridgeNfIp6tables,
        Boolean debug,
        @JsonProperty("NFd") Integer nFd,
        @JsonProperty("NGoroutines") Integer nGoroutines,
        String systemTime,
        String loggingDriver,
        String cgroupDriver,
        String cgroupVersion,
        @JsonProperty("NEventsListener") Integer nEventsListener,
        String kernelVersion,
        String operatingSystem,
        @JsonProperty("OSVersion") String osVersion,
        @JsonProperty("OSType") String osType,
        String architecture,
        @JsonProperty("NCPU") Integer ncpu,
        Long memTotal,
        String indexServerAddress,
        RegistryConfig registryConfig,
        JsonNode genericResources,
        String httpProxy,
        String httpsProxy,
        String noProxy,
        String name,
        List<String> labels,
        Boolean experimentalBuild,
        String serverVersion,
        Map<String, Runtime> runtimes,
        String defaultRuntime,
        Swarm swarm,
        Boolean liveRestoreEnabled,
        String isolation,
        String initBinary,
        Commit containerdCommit,
        Commit runcCommit,
        Commit initCommit,
        List<String> securityOptions,
        String productLicense,
        List<AddressPool> defaultAddressPools,
        List<String> warnings) {

    /** Storage driver details as label/value pairs ("Backing Filesystem" → "extfs"). */
    public String driverStatus(String label) {
        if (driverStatus != null) {
            for (List<String> pair : driverStatus) {
                if (pair.size() == 2 && pair.get(0).equals(label)) {
                    return pair.get(1);
                }
            }
        }
        return null;
    }

    /** Plugins by kind: volume drivers, network drivers, authorization and logging plugins. */
    public record Plugins(List<String> volume, List<String> network, List<String> authorization, List<String> log) {
    }

    /** Registries the engine trusts without TLS, and mirrors. */
    public record RegistryConfig(
            @JsonProperty("AllowNondistributableArtifactsCIDRs") List<String> allowNondistributableArtifactsCidrs,
            List<String> allowNondistributableArtifactsHostnames,
            @JsonProperty("InsecureRegistryCIDRs") List<String> insecureRegistryCidrs,
            Map<String, IndexInfo> indexConfigs,
            List<String> mirrors) {
    }

    public record IndexInfo(String name, List<String> mirrors, Boolean secure, Boolean official) {
    }

    /** An OCI runtime the engine can run containers with (runc, crun, runsc, …). */
    public record Runtime(@JsonProperty("path") String path, @JsonProperty("runtimeArgs") List<String> runtimeArgs) {
    }

    /** The commit a bundled component was built from, and the one the engine expects. */
    public record Commit(@JsonProperty("ID") String id, String expected) {
    }

    /** A pool that networks without an explicit subnet take theirs from. */
    public record AddressPool(String base, Integer size) {
    }

    /** Swarm membership; {@code LocalNodeState} is "inactive" on an engine outside any swarm. */
    public record Swarm(
            @JsonProperty("NodeID") String nodeId,
            String nodeAddr,
            String localNodeState,
            Boolean controlAvailable,
            String error,
            JsonNode remoteManagers,
            Integer nodes,
            Integer managers,
            JsonNode cluster) {
    }
}
