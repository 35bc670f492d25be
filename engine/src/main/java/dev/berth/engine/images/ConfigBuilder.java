package dev.berth.engine.images;

import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HealthConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mutable copy of a {@link ContainerConfig}, for applying changes and merges field by field. */
final class ConfigBuilder {

    String hostname;
    String domainname;
    String user;
    Boolean attachStdin;
    Boolean attachStdout;
    Boolean attachStderr;
    Map<String, Map<String, Object>> exposedPorts;
    Boolean tty;
    Boolean openStdin;
    Boolean stdinOnce;
    List<String> env;
    List<String> cmd;
    HealthConfig healthcheck;
    Boolean argsEscaped;
    String image;
    Map<String, Map<String, Object>> volumes;
    String workingDir;
    List<String> entrypoint;
    Boolean networkDisabled;
    String macAddress;
    List<String> onBuild;
    Map<String, String> labels;
    String stopSignal;
    Integer stopTimeout;
    List<String> shell;

    static ConfigBuilder from(ContainerConfig c) {
        ConfigBuilder b = new ConfigBuilder();
        if (c == null) {
            return b;
        }
        b.hostname = c.hostname();
        b.domainname = c.domainname();
        b.user = c.user();
        b.attachStdin = c.attachStdin();
        b.attachStdout = c.attachStdout();
        b.attachStderr = c.attachStderr();
        b.exposedPorts = c.exposedPorts() == null ? null : new LinkedHashMap<>(c.exposedPorts());
        b.tty = c.tty();
        b.openStdin = c.openStdin();
        b.stdinOnce = c.stdinOnce();
        b.env = c.env() == null ? null : new ArrayList<>(c.env());
        b.cmd = c.cmd() == null ? null : new ArrayList<>(c.cmd());
        b.healthcheck = c.healthcheck();
        b.argsEscaped = c.argsEscaped();
        b.image = c.image();
        b.volumes = c.volumes() == null ? null : new LinkedHashMap<>(c.volumes());
        b.workingDir = c.workingDir();
        b.entrypoint = c.entrypoint() == null ? null : new ArrayList<>(c.entrypoint());
        b.networkDisabled = c.networkDisabled();
        b.macAddress = c.macAddress();
        b.onBuild = c.onBuild() == null ? null : new ArrayList<>(c.onBuild());
        b.labels = c.labels() == null ? null : new LinkedHashMap<>(c.labels());
        b.stopSignal = c.stopSignal();
        b.stopTimeout = c.stopTimeout();
        b.shell = c.shell() == null ? null : new ArrayList<>(c.shell());
        return b;
    }

    ContainerConfig build() {
        return new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout, attachStderr, exposedPorts,
                tty, openStdin, stdinOnce, env, cmd, healthcheck, argsEscaped, image, volumes, workingDir, entrypoint,
                networkDisabled, macAddress, onBuild, labels, stopSignal, stopTimeout, shell);
    }

    /** The environment as a map, for variable expansion (later entries win). */
    Map<String, String> envMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (env != null) {
            for (String e : env) {
                int eq = e.indexOf('=');
                if (eq > 0) {
                    map.put(e.substring(0, eq), e.substring(eq + 1));
                } else {
                    map.put(e, "");
                }
            }
        }
        return map;
    }

    /** Sets one variable, replacing an existing entry in place as Docker does. */
    void setEnv(String key, String value) {
        if (env == null) {
            env = new ArrayList<>();
        }
        String entry = key + "=" + value;
        for (int i = 0; i < env.size(); i++) {
            String e = env.get(i);
            if (e.equals(key) || e.startsWith(key + "=")) {
                env.set(i, entry);
                return;
            }
        }
        env.add(entry);
    }
}
