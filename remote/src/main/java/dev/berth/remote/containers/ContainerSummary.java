package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code GET /containers/json}.
 *
 * @param names      with a leading slash, as the engine keeps them ("/web")
 * @param created    Unix seconds
 * @param state      "created", "running", "paused", "restarting", "exited", "removing" or "dead"
 * @param status     human text such as "Up 5 minutes" or "Exited (0) 2 hours ago"
 * @param sizeRw     only when listed with {@code size}
 * @param sizeRootFs only when listed with {@code size}
 * @param health     API 1.52+ only
 */
public record ContainerSummary(
        String id,
        List<String> names,
        String image,
        @JsonProperty("ImageID") String imageId,
        String command,
        Long created,
        List<Port> ports,
        Long sizeRw,
        Long sizeRootFs,
        Map<String, String> labels,
        String state,
        String status,
        HostConfigSummary hostConfig,
        NetworkSettingsSummary networkSettings,
        List<MountPoint> mounts,
        Health health) {

    /** The primary name without its leading slash, or the short ID if the container has no name. */
    public String name() {
        if (names != null) {
            for (String n : names) {
                // linked containers also list "/other/alias" names; the own name has a single slash
                if (n.lastIndexOf('/') == 0) {
                    return n.substring(1);
                }
            }
            if (!names.isEmpty()) {
                return names.get(0).startsWith("/") ? names.get(0).substring(1) : names.get(0);
            }
        }
        return id == null ? null : id.substring(0, Math.min(12, id.length()));
    }

    /**
     * A published or exposed port.
     *
     * @param ip         host address of a published port, absent for merely exposed ones
     * @param publicPort absent when not published
     * @param type       "tcp", "udp" or "sctp"
     */
    public record Port(@JsonProperty("IP") String ip, Integer privatePort, Integer publicPort, String type) {
    }

    public record HostConfigSummary(String networkMode, Map<String, String> annotations) {
    }

    public record NetworkSettingsSummary(Map<String, EndpointSettings> networks) {
    }
}
