package dev.berth.engine.containers;

import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** moby's merge of a create request's config with its image's (daemon/commit.go merge). */
final class ConfigMerger {

    private ConfigMerger() {
    }

    /** The same config with another hostname and domain name (a container sharing another's network takes its). */
    static ContainerConfig withHostname(ContainerConfig config, String hostname, String domainname) {
        return WireEdits.with(config, ContainerConfig.class, fields -> {
            fields.put("Hostname", hostname);
            fields.put("Domainname", domainname == null ? "" : domainname);
        });
    }

    /**
     * The request wins where it says something: User, WorkingDir, StopSignal, Entrypoint (with Cmd taken from the
     * image only when the request gives neither); Env and Labels are unions with the request's values winning;
     * ExposedPorts and Volumes are unions.
     */
    static ContainerConfig merge(ContainerConfig user, ContainerConfig image, String imageName, String hostname) {
        ContainerConfig img = image;
        String userName = empty(user.user()) ? img == null ? null : img.user() : user.user();
        Map<String, Map<String, Object>> ports = union(img == null ? null : img.exposedPorts(), user.exposedPorts());
        List<String> env = new ArrayList<>(user.env() == null ? List.of() : user.env());
        if (img != null && img.env() != null) {
            for (String imageEnv : img.env()) {
                String key = imageEnv.split("=", 2)[0];
                boolean found = env.stream().anyMatch(e -> e.split("=", 2)[0].equals(key));
                if (!found) {
                    env.add(imageEnv);
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (img != null && img.labels() != null) {
            labels.putAll(img.labels());
        }
        if (user.labels() != null) {
            labels.putAll(user.labels());
        }
        List<String> cmd = user.cmd();
        List<String> entrypoint = user.entrypoint();
        Boolean argsEscaped = user.argsEscaped();
        if (entrypoint == null || entrypoint.isEmpty()) {
            if (cmd == null || cmd.isEmpty()) {
                cmd = img == null ? null : img.cmd();
                argsEscaped = img == null ? null : img.argsEscaped();
            }
            if (entrypoint == null) {
                entrypoint = img == null ? null : img.entrypoint();
            }
        }
        String workingDir = empty(user.workingDir()) ? img == null ? null : img.workingDir() : user.workingDir();
        Map<String, Map<String, Object>> volumes = union(img == null ? null : img.volumes(), user.volumes());
        String stopSignal = empty(user.stopSignal()) ? img == null ? null : img.stopSignal() : user.stopSignal();
        HealthConfig healthcheck = healthcheck(user.healthcheck(), img == null ? null : img.healthcheck());
        List<String> shell = user.shell() != null ? user.shell() : img == null ? null : img.shell();
        List<String> onBuild = img == null ? user.onBuild() : img.onBuild();
        return new ContainerConfig(hostname, user.domainname() == null ? "" : user.domainname(),
                userName == null ? "" : userName, bool(user.attachStdin()), bool(user.attachStdout()),
                bool(user.attachStderr()), ports, bool(user.tty()), bool(user.openStdin()), bool(user.stdinOnce()),
                env.isEmpty() ? null : env, cmd, healthcheck, argsEscaped, imageName, volumes,
                workingDir == null ? "" : workingDir, entrypoint, user.networkDisabled(), user.macAddress(), onBuild,
                labels, stopSignal, user.stopTimeout(), shell);
    }

    /** moby's merge: the request's check, with whatever it leaves unset (test, timings, retries) from the image's. */
    private static HealthConfig healthcheck(HealthConfig user, HealthConfig image) {
        if (user == null || image == null) {
            return user != null ? user : image;
        }
        return new HealthConfig(user.test() == null || user.test().isEmpty() ? image.test() : user.test(),
                unset(user.interval()) ? image.interval() : user.interval(),
                unset(user.timeout()) ? image.timeout() : user.timeout(),
                user.retries() == null || user.retries() == 0 ? image.retries() : user.retries(),
                unset(user.startPeriod()) ? image.startPeriod() : user.startPeriod(),
                unset(user.startInterval()) ? image.startInterval() : user.startInterval());
    }

    private static boolean unset(Long nanos) {
        return nanos == null || nanos == 0;
    }

    private static Map<String, Map<String, Object>> union(Map<String, Map<String, Object>> a,
            Map<String, Map<String, Object>> b) {
        if ((a == null || a.isEmpty()) && (b == null || b.isEmpty())) {
            return null;
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (a != null) {
            a.keySet().forEach(k -> out.put(k, Map.of()));
        }
        if (b != null) {
            b.keySet().forEach(k -> out.put(k, Map.of()));
        }
        return out;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }

    private static Boolean bool(Boolean b) {
        return Boolean.TRUE.equals(b);
    }
}
