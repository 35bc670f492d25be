package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Map;

/**
 * The host-side settings of a container (create's and inspect's {@code HostConfig}): mounts, ports, restart policy,
 * networking mode, security and resource limits. On the wire the {@link Resources} fields sit directly in this
 * object, as in the spec's {@code allOf}.
 *
 * @param binds        {@code -v} style "host-path-or-volume:container-path[:options]"
 * @param portBindings "80/tcp" → host bindings
 * @param consoleSize  [rows, columns] of the TTY; honoured from API 1.42
 * @param tmpfs        container path → mount options, as {@code --tmpfs /run:rw,size=64m}
 * @param networkMode  "none", "host", "bridge", a network name, or "container:&lt;id&gt;"
 */
public record HostConfig(
        @JsonUnwrapped Resources resources,
        List<String> binds,
        @JsonProperty("ContainerIDFile") String containerIdFile,
        LogConfig logConfig,
        String networkMode,
        Map<String, List<PortBinding>> portBindings,
        RestartPolicy restartPolicy,
        Boolean autoRemove,
        String volumeDriver,
        List<String> volumesFrom,
        List<Mount> mounts,
        List<Integer> consoleSize,
        Map<String, String> annotations,
        List<String> capAdd,
        List<String> capDrop,
        String cgroupnsMode,
        List<String> dns,
        List<String> dnsOptions,
        List<String> dnsSearch,
        List<String> extraHosts,
        List<String> groupAdd,
        String ipcMode,
        String cgroup,
        List<String> links,
        Integer oomScoreAdj,
        String pidMode,
        Boolean privileged,
        Boolean publishAllPorts,
        Boolean readonlyRootfs,
        List<String> securityOpt,
        Map<String, String> storageOpt,
        Map<String, String> tmpfs,
        @JsonProperty("UTSMode") String utsMode,
        String usernsMode,
        Long shmSize,
        Map<String, String> sysctls,
        String runtime,
        String isolation,
        List<String> maskedPaths,
        List<String> readonlyPaths) {

    /** The same settings with another console size (or none), e.g. to leave it out for engines before API 1.42. */
    public HostConfig withConsoleSize(List<Integer> size) {
        return new HostConfig(resources, binds, containerIdFile, logConfig, networkMode, portBindings, restartPolicy,
                autoRemove, volumeDriver, volumesFrom, mounts, size, annotations, capAdd, capDrop, cgroupnsMode, dns,
                dnsOptions, dnsSearch, extraHosts, groupAdd, ipcMode, cgroup, links, oomScoreAdj, pidMode, privileged,
                publishAllPorts, readonlyRootfs, securityOpt, storageOpt, tmpfs, utsMode, usernsMode, shmSize, sysctls,
                runtime, isolation, maskedPaths, readonlyPaths);
    }
}
