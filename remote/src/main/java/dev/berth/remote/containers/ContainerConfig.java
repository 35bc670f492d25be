package dev.berth.remote.containers;

import java.util.List;
import java.util.Map;

/**
 * A container's own configuration (the {@code Config} of create and inspect): what runs, as whom, where, with
 * which environment, labels and stdio wiring. Host-specific settings live in {@link HostConfig}.
 *
 * @param exposedPorts "80/tcp" → {} as Docker writes them
 * @param volumes      container path → {} for anonymous volumes
 * @param stopTimeout  seconds to wait after the stop signal before killing
 * @param macAddress   deprecated since API 1.44 (moved to the endpoint settings); older engines still report it
 */
public record ContainerConfig(
        String hostname,
        String domainname,
        String user,
        Boolean attachStdin,
        Boolean attachStdout,
        Boolean attachStderr,
        Map<String, Map<String, Object>> exposedPorts,
        Boolean tty,
        Boolean openStdin,
        Boolean stdinOnce,
        List<String> env,
        List<String> cmd,
        HealthConfig healthcheck,
        Boolean argsEscaped,
        String image,
        Map<String, Map<String, Object>> volumes,
        String workingDir,
        List<String> entrypoint,
        Boolean networkDisabled,
        String macAddress,
        List<String> onBuild,
        Map<String, String> labels,
        String stopSignal,
        Integer stopTimeout,
        List<String> shell) {

    /** The value of one {@code NAME=value} environment entry, or {@code null}. */
    public String envValue(String name) {
        if (env != null) {
            for (String e : env) {
                if (e.startsWith(name + "=")) {
                    return e.substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** Whether the container has a TTY, which decides raw versus multiplexed output. */
    public boolean hasTty() {
        return Boolean.TRUE.equals(tty);
    }
}
