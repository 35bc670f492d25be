package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create}: the container's {@link ContainerConfig} fields at the top level, plus
 * {@code HostConfig} and {@code NetworkingConfig}, exactly as {@code docker run} sends it. Build one readably with
 * {@link #builder(String)}:
 *
 * <pre>{@code
 * ContainerCreateRequest.builder("nginx:1.27")
 *         .env("MODE", "demo").label("app", "web")
 *         .publish(80, "127.0.0.1", 8080)
 *         .restartPolicy(RestartPolicy.unlessStopped())
 *         .memory(256L << 20)
 *         .build();
 * }</pre>
 */
public record ContainerCreateRequest(
        @JsonUnwrapped ContainerConfig config,
        HostConfig hostConfig,
        NetworkingConfig networkingConfig) {

    public static Builder builder(String image) {
        return new Builder(image);
    }

    /** Collects {@code docker run} options; unset options stay off the wire so the engine's defaults apply. */
    public static final class Builder {

        // Config
        private final String image;
        private String hostname;
        private String domainname;
        private String user;
        private Boolean attachStdin;
        private Boolean attachStdout;
        private Boolean attachStderr;
        private final Map<String, Map<String, Object>> exposedPorts = new LinkedHashMap<>();
        private Boolean tty;
        private Boolean openStdin;
        private Boolean stdinOnce;
        private final List<String> env = new ArrayList<>();
        private List<String> cmd;
        private HealthConfig healthcheck;
        private final Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        private String workingDir;
        private List<String> entrypoint;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String stopSignal;
        private Integer stopTimeout;
        // HostConfig
        private final List<String> binds = new ArrayList<>();
        private LogConfig logConfig;
        private String networkMode;
        private final Map<String, List<PortBinding>> portBindings = new LinkedHashMap<>();
        private RestartPolicy restartPolicy;
        private Boolean autoRemove;
        private final List<Mount> mounts = new ArrayList<>();
        private List<Integer> consoleSize;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> capDrop = new ArrayList<>();
        private final List<String> dns = new ArrayList<>();
        private final List<String> extraHosts = new ArrayList<>();
        private Boolean privileged;
        private Boolean publishAllPorts;
        private Boolean readonlyRootfs;
        private final List<String> securityOpt = new ArrayList<>();
        private final Map<String, String> tmpfs = new LinkedHashMap<>();
        private Long shmSize;
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private String runtime;
        // Resources
        private Integer cpuShares;
        private Long memory;
        private Long memorySwap;
        private Long memoryReservation;
        private Long nanoCpus;
        private String cpusetCpus;
        private Boolean init;
        private Long pidsLimit;
        private final List<Ulimit> ulimits = new ArrayList<>();
        // NetworkingConfig
        private final Map<String, EndpointSettings> endpoints = new LinkedHashMap<>();

        private Builder(String image) {
            if (image == null || image.isBlank()) {
                throw new IllegalArgumentException("a container needs an image");
            }
            this.image = image;
        }

        public Builder cmd(String... cmd) {
            this.cmd = List.of(cmd);
            return this;
        }

        public Builder cmd(List<String> cmd) {
            this.cmd = cmd == null ? null : List.copyOf(cmd);
            return this;
        }

        public Builder entrypoint(String... entrypoint) {
            this.entrypoint = List.of(entrypoint);
            return this;
        }

        /** Adds {@code NAME=value}. */
        public Builder env(String name, String value) {
            env.add(name + "=" + value);
            return this;
        }

        /** Adds entries already written as {@code NAME=value}. */
        public Builder env(List<String> entries) {
            env.addAll(entries);
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels.putAll(labels);
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        public Builder domainname(String domainname) {
            this.domainname = domainname;
            return this;
        }

        /** "name", "uid", "name:group" or "uid:gid". */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /**
         * {@code docker run -i}: stdin open and attached, and closed by the engine when the attached client ends its
         * input, so a program such as {@code cat} sees end of file.
         */
        public Builder interactive() {
            this.openStdin = true;
            this.stdinOnce = true;
            this.attachStdin = true;
            return this;
        }

        /** {@code docker create -i} for later attaches: stdin stays open across attach sessions. */
        public Builder keepStdinOpen() {
            this.openStdin = true;
            this.stdinOnce = false;
            return this;
        }

        /** Which streams the client intends to attach (the CLI sets these when not detached). */
        public Builder attach(boolean stdin, boolean stdout, boolean stderr) {
            this.attachStdin = stdin;
            this.attachStdout = stdout;
            this.attachStderr = stderr;
            return this;
        }

        public Builder healthcheck(HealthConfig healthcheck) {
            this.healthcheck = healthcheck;
            return this;
        }

        public Builder stopSignal(String signal) {
            this.stopSignal = signal;
            return this;
        }

        public Builder stopTimeout(int seconds) {
            this.stopTimeout = seconds;
            return this;
        }

        /** An anonymous volume at {@code containerPath} ({@code -v /data}). */
        public Builder volume(String containerPath) {
            volumes.put(containerPath, Map.of());
            return this;
        }

        /** {@code --expose 80/tcp}; a bare number means TCP. */
        public Builder expose(String port) {
            exposedPorts.put(portKey(port), Map.of());
            return this;
        }

        /** {@code -p hostIp:hostPort:containerPort}; exposes the port too, as the CLI does. */
        public Builder publish(String containerPort, String hostIp, String hostPort) {
            String key = portKey(containerPort);
            exposedPorts.put(key, Map.of());
            portBindings.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new PortBinding(hostIp == null ? "" : hostIp, hostPort == null ? "" : hostPort));
            return this;
        }

        public Builder publish(int containerPort, String hostIp, int hostPort) {
            return publish(String.valueOf(containerPort), hostIp, String.valueOf(hostPort));
        }

        public Builder publishAllPorts(boolean publishAll) {
            this.publishAllPorts = publishAll;
            return this;
        }

        /** {@code -v source:target[:options]}: a host path or a named volume. */
        public Builder bind(String spec) {
            binds.add(spec);
            return this;
        }

        public Builder mount(Mount mount) {
            mounts.add(mount);
            return this;
        }

        /** {@code --tmpfs path:options}; options such as "rw,size=64m" (empty for the defaults). */
        public Builder tmpfs(String containerPath, String options) {
            tmpfs.put(containerPath, options == null ? "" : options);
            return this;
        }

        public Builder networkMode(String networkMode) {
            this.networkMode = networkMode;
            return this;
        }

        /** {@code --network name --network-alias …}; the first network also becomes the network mode. */
        public Builder network(String name, String... aliases) {
            return network(name, EndpointSettings.withAliases(Arrays.asList(aliases)));
        }

        public Builder network(String name, EndpointSettings settings) {
            endpoints.put(name, settings);
            if (networkMode == null) {
                networkMode = name;
            }
            return this;
        }

        public Builder restartPolicy(RestartPolicy policy) {
            this.restartPolicy = policy;
            return this;
        }

        /** {@code --rm}: the engine removes the container when it exits. */
        public Builder autoRemove(boolean autoRemove) {
            this.autoRemove = autoRemove;
            return this;
        }

        public Builder capAdd(String... capabilities) {
            capAdd.addAll(List.of(capabilities));
            return this;
        }

        public Builder capDrop(String... capabilities) {
            capDrop.addAll(List.of(capabilities));
            return this;
        }

        public Builder dns(String... servers) {
            dns.addAll(List.of(servers));
            return this;
        }

        /** {@code --add-host name:ip}. */
        public Builder extraHost(String name, String address) {
            extraHosts.add(name + ":" + address);
            return this;
        }

        public Builder privileged(boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        public Builder readonlyRootfs(boolean readonly) {
            this.readonlyRootfs = readonly;
            return this;
        }

        public Builder securityOpt(String option) {
            securityOpt.add(option);
            return this;
        }

        public Builder sysctl(String name, String value) {
            sysctls.put(name, value);
            return this;
        }

        public Builder shmSize(long bytes) {
            this.shmSize = bytes;
            return this;
        }

        public Builder ulimit(String name, long soft, long hard) {
            ulimits.add(new Ulimit(name, soft, hard));
            return this;
        }

        public Builder logConfig(String driver, Map<String, String> options) {
            this.logConfig = new LogConfig(driver, options == null || options.isEmpty() ? null : Map.copyOf(options));
            return this;
        }

        /** Initial TTY size; engines before API 1.42 ignore it, resize after start there. */
        public Builder consoleSize(int rows, int columns) {
            this.consoleSize = List.of(rows, columns);
            return this;
        }

        public Builder runtime(String runtime) {
            this.runtime = runtime;
            return this;
        }

        public Builder memory(long bytes) {
            this.memory = bytes;
            return this;
        }

        /** Memory plus swap; −1 for unlimited swap. */
        public Builder memorySwap(long bytes) {
            this.memorySwap = bytes;
            return this;
        }

        public Builder memoryReservation(long bytes) {
            this.memoryReservation = bytes;
            return this;
        }

        /** {@code --cpus 1.5}. */
        public Builder cpus(double cpus) {
            this.nanoCpus = Math.round(cpus * 1e9);
            return this;
        }

        public Builder cpuShares(int shares) {
            this.cpuShares = shares;
            return this;
        }

        public Builder cpusetCpus(String cpus) {
            this.cpusetCpus = cpus;
            return this;
        }

        /** {@code --init}: run an init process (tini) as PID 1 that reaps zombies and forwards signals. */
        public Builder init(boolean init) {
            this.init = init;
            return this;
        }

        public Builder pidsLimit(long limit) {
            this.pidsLimit = limit;
            return this;
        }

        public ContainerCreateRequest build() {
            ContainerConfig config = new ContainerConfig(hostname, domainname, user, attachStdin, attachStdout,
                    attachStderr, orNull(exposedPorts), tty, openStdin, stdinOnce, orNull(env), cmd, healthcheck, null,
                    image, orNull(volumes), workingDir, entrypoint, null, null, null, orNull(labels), stopSignal,
                    stopTimeout, null);
            Resources resources = new Resources(cpuShares, memory, null, null, null, null, null, null, null, null,
                    null, null, null, cpusetCpus, null, null, null, null, null, memoryReservation, memorySwap, null,
                    nanoCpus, null, init, pidsLimit, orNull(ulimits), null, null, null, null);
            HostConfig host = new HostConfig(resources, orNull(binds), null, logConfig, networkMode,
                    bindings(), restartPolicy, autoRemove, null, null, orNull(mounts), consoleSize, null,
                    orNull(capAdd), orNull(capDrop), null, orNull(dns), null, null, orNull(extraHosts), null, null,
                    null, null, null, null, privileged, publishAllPorts, readonlyRootfs, orNull(securityOpt), null,
                    orNull(tmpfs), null, null, shmSize, orNull(sysctls), runtime, null, null, null);
            NetworkingConfig networking = endpoints.isEmpty() ? null : new NetworkingConfig(Map.copyOf(endpoints));
            return new ContainerCreateRequest(config, host, networking);
        }

        private Map<String, List<PortBinding>> bindings() {
            Map<String, List<PortBinding>> copy = new LinkedHashMap<>();
            portBindings.forEach((port, list) -> copy.put(port, List.copyOf(list)));
            return orNull(copy);
        }

        private static String portKey(String port) {
            return port.contains("/") ? port : port + "/tcp";
        }

        private static <T> List<T> orNull(List<T> list) {
            return list.isEmpty() ? null : List.copyOf(list);
        }

        private static <K, V> Map<K, V> orNull(Map<K, V> map) {
            return map.isEmpty() ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }
}
