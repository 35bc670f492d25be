package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.Resources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a container's config.json the way moby's createSpec does (oci/defaults.go plus daemon/oci_linux.go):
 * Docker's default mounts, masked and read-only paths, 14 capabilities, device rules and sysctls, then the
 * container's own settings on top. Everything is computed from the merged Docker config; nothing is read from
 * runc's own template.
 */
public final class OciSpecBuilder {

    /** Where {@code --init} mounts tini, as Docker does. */
    public static final String INIT_PATH = "/sbin/docker-init";

    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");

    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private static final long DEFAULT_SHM_SIZE = 64L << 20;

    /**
     * What the builder needs beyond the Docker config.
     *
     * @param rootfs         the mounted container root (overlay merged dir)
     * @param userMounts     binds, volumes and tmpfs mounts, resolved to host sources
     * @param privateNetwork false for {@code --network host}
     * @param cgroupParent   e.g. "/berth": the container's cgroup is {@code <parent>/<id>}
     * @param networkNamespace the namespace the engine made and CNI wired up, or null to let runc make one
     */
    public record Input(
            String containerId,
            Path rootfs,
            ContainerConfig config,
            HostConfig hostConfig,
            String hostname,
            List<OciSpec.Mount> userMounts,
            Path hostnameFile,
            Path hostsFile,
            Path resolvConfFile,
            boolean privateNetwork,
            String cgroupParent,
            Path networkNamespace) {

        /** A private network namespace runc creates (loopback only), or the host's. */
        public Input(String containerId, Path rootfs, ContainerConfig config, HostConfig hostConfig, String hostname,
                List<OciSpec.Mount> userMounts, Path hostnameFile, Path hostsFile, Path resolvConfFile,
                boolean privateNetwork, String cgroupParent) {
            this(containerId, rootfs, config, hostConfig, hostname, userMounts, hostnameFile, hostsFile,
                    resolvConfFile, privateNetwork, cgroupParent, null);
        }
    }

    private final HostFacts facts;

    public OciSpecBuilder(HostFacts facts) {
        this.facts = facts;
    }

    public OciSpec build(Input in) {
        ContainerConfig config = in.config();
        HostConfig host = in.hostConfig();
        boolean privileged = Boolean.TRUE.equals(host.privileged());
        boolean init = host.resources() != null && Boolean.TRUE.equals(host.resources().init());

        List<String> args = new ArrayList<>(commandLine(config));
        if (args.isEmpty()) {
            throw EngineException.badRequest("No command specified");
        }
        List<OciSpec.Mount> mounts = new ArrayList<>();
        if (init) {
            if (facts.init() == null) {
                throw EngineException.badRequest("--init needs a statically linked tini (docker-init) on the host, "
                        + "and none was found: install it with: apt-get install tini");
            }
            args.addAll(0, List.of(INIT_PATH, "--"));
        }

        ContainerUser user = ContainerUser.resolve(in.rootfs(), config.user(), host.groupAdd());
        String cwd = config.workingDir() == null || config.workingDir().isBlank() ? "/" : config.workingDir();
        try {
            RootfsPath.mkdirs(in.rootfs(), cwd);
        } catch (IOException e) {
            throw EngineException.badRequest("cannot create the working directory " + cwd + ": " + e.getMessage());
        }

        boolean tty = config.hasTty();
        OciSpec.ConsoleSize consoleSize = null;
        if (tty && host.consoleSize() != null && host.consoleSize().size() == 2 && host.consoleSize().get(0) > 0
                && host.consoleSize().get(1) > 0) {
            consoleSize = new OciSpec.ConsoleSize(host.consoleSize().get(0), host.consoleSize().get(1));
        }
        List<String> caps = Capabilities.forContainer(host.capAdd(), host.capDrop(), privileged,
                facts.capabilities());
        boolean noNewPrivileges = host.securityOpt() != null && host.securityOpt().stream()
                .anyMatch(o -> o.equals("no-new-privileges") || o.equals("no-new-privileges:true")
                        || o.equals("no-new-privileges=true"));
        OciSpec.Process process = new OciSpec.Process(tty, consoleSize,
                new OciSpec.User(user.uid(), user.gid(), user.additionalGids()), args,
                environment(config, in.hostname()), cwd, OciSpec.Capabilities.of(caps),
                Rlimits.forContainer(host.resources() == null ? null : host.resources().ulimits(), facts),
                noNewPrivileges ? Boolean.TRUE : null, host.oomScoreAdj() == null ? 0 : host.oomScoreAdj());

        mounts.addAll(mounts(in, privileged));
        if (init) {
            mounts.add(new OciSpec.Mount(INIT_PATH, "bind", facts.init().toString(), List.of("bind", "ro")));
        }

        List<OciSpec.Namespace> namespaces = new ArrayList<>();
        namespaces.add(OciSpec.Namespace.of("mount"));
        if (in.privateNetwork()) {
            // runc creates the namespace and brings its loopback up, unless the engine made it for CNI
            namespaces.add(in.networkNamespace() == null ? OciSpec.Namespace.of("network")
                    : new OciSpec.Namespace("network", in.networkNamespace().toString()));
        }
        if (!"host".equals(host.utsMode())) {
            namespaces.add(OciSpec.Namespace.of("uts"));
        }
        if (!"host".equals(host.pidMode())) {
            namespaces.add(OciSpec.Namespace.of("pid"));
        }
        if (!"host".equals(host.ipcMode())) {
            namespaces.add(OciSpec.Namespace.of("ipc"));
        }
        if (facts.cgroupMode() == CgroupMode.V2 && !"host".equals(host.cgroupnsMode())) {
            namespaces.add(OciSpec.Namespace.of("cgroup"));
        }

        Map<String, String> sysctl = new LinkedHashMap<>();
        if (in.privateNetwork()) {
            sysctl.put("net.ipv4.ip_unprivileged_port_start", "0");
            sysctl.put("net.ipv4.ping_group_range", "0 2147483647");
        }
        if (host.sysctls() != null) {
            sysctl.putAll(host.sysctls());
        }

        DeviceMappings.Mapped mapped = DeviceMappings.of(host.resources());
        OciSpec.Resources resources = resources(host.resources(), privileged);
        List<OciSpec.DeviceRule> rules = new ArrayList<>(resources.devices());
        rules.addAll(mapped.rules());
        List<OciSpec.Device> devices = new ArrayList<>(privileged ? DeviceMappings.hostDevices() : List.of());
        devices.removeIf(d -> mapped.devices().stream().anyMatch(m -> m.path().equals(d.path())));
        devices.addAll(mapped.devices());
        OciSpec.Linux linux = new OciSpec.Linux(namespaces, in.cgroupParent() + "/" + in.containerId(), sysctl,
                new OciSpec.Resources(rules, resources.memory(), resources.cpu(), resources.pids()),
                devices.isEmpty() ? null : devices,
                privileged ? List.of() : MASKED_PATHS, privileged ? List.of() : READONLY_PATHS,
                seccompUnconfined(host) ? null : SeccompProfile.forContainer(caps, privileged));
        boolean utsPrivate = !"host".equals(host.utsMode());
        return new OciSpec("1.0.2", process,
                new OciSpec.Root(in.rootfs().toString(), Boolean.TRUE.equals(host.readonlyRootfs())),
                utsPrivate ? in.hostname() : null,
                utsPrivate && config.domainname() != null && !config.domainname().isEmpty() ? config.domainname()
                        : null,
                mounts, linux);
    }

    /** Entrypoint followed by Cmd, what the container runs (without the init in front). */
    public static List<String> commandLine(ContainerConfig config) {
        List<String> args = new ArrayList<>();
        if (config.entrypoint() != null) {
            for (String e : config.entrypoint()) {
                args.add(e);
            }
            if (args.size() == 1 && args.get(0).isEmpty()) {
                args.clear();
            }
        }
        if (config.cmd() != null) {
            args.addAll(config.cmd());
        }
        return args;
    }

    /**
     * moby's CreateDaemonEnvironment: PATH, HOSTNAME, TERM=xterm with a TTY, then
     * the container's own variables, which win.
     */
    public static List<String> environment(ContainerConfig config, String hostname) {
        Map<String, String> env = new LinkedHashMap<>();
        // the container's own PATH replaces the default in place, as ReplaceOrAppendEnvValues does
        put(env, DEFAULT_PATH);
        put(env, "HOSTNAME=" + hostname);
        if (config.hasTty()) {
            put(env, "TERM=xterm");
        }
        if (config.env() != null) {
            for (String e : config.env()) {
                put(env, e);
            }
        }
        return new ArrayList<>(env.values());
    }

    private static void put(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        env.put(eq < 0 ? entry : entry.substring(0, eq), entry);
    }

    /** {@code --security-opt seccomp=unconfined} turns the filter off, as with Docker. */
    private static boolean seccompUnconfined(HostConfig host) {
        return host.securityOpt() != null && host.securityOpt().stream()
                .anyMatch(o -> o.equals("seccomp=unconfined") || o.equals("seccomp:unconfined"));
    }

    private List<OciSpec.Mount> mounts(Input in, boolean privileged) {
        HostConfig host = in.hostConfig();
        long shm = host.shmSize() != null && host.shmSize() > 0 ? host.shmSize() : DEFAULT_SHM_SIZE;
        List<OciSpec.Mount> defaults = List.of(
                new OciSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
                new OciSpec.Mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755",
                        "size=65536k")),
                new OciSpec.Mount("/dev/pts", "devpts", "devpts", List.of("nosuid", "noexec", "newinstance",
                        "ptmxmode=0666", "mode=0620", "gid=5")),
                new OciSpec.Mount("/sys", "sysfs", "sysfs", privileged ? List.of("nosuid", "noexec", "nodev")
                        : List.of("nosuid", "noexec", "nodev", "ro")),
                new OciSpec.Mount("/sys/fs/cgroup", "cgroup", "cgroup", privileged
                        ? List.of("nosuid", "noexec", "nodev", "relatime") : List.of("ro", "nosuid", "noexec",
                        "nodev")),
                new OciSpec.Mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
                new OciSpec.Mount("/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777",
                        "size=" + shm)));
        Set<String> userDestinations = new java.util.HashSet<>();
        for (OciSpec.Mount m : in.userMounts()) {
            userDestinations.add(clean(m.destination()));
        }
        List<OciSpec.Mount> mounts = new ArrayList<>();
        for (OciSpec.Mount m : defaults) {
            if (!userDestinations.contains(m.destination())) {
                mounts.add(m);
            }
        }
        List<OciSpec.Mount> user = new ArrayList<>(in.userMounts());
        // moby sorts user mounts by depth so a parent is mounted before what is mounted inside it
        user.sort(Comparator.comparingInt(m -> depth(m.destination())));
        mounts.addAll(user);
        boolean readonly = Boolean.TRUE.equals(host.readonlyRootfs());
        List<String> fileOptions = readonly ? List.of("rbind", "rprivate", "ro") : List.of("rbind", "rprivate");
        addFile(mounts, userDestinations, "/etc/resolv.conf", in.resolvConfFile(), fileOptions);
        addFile(mounts, userDestinations, "/etc/hostname", in.hostnameFile(), fileOptions);
        addFile(mounts, userDestinations, "/etc/hosts", in.hostsFile(), fileOptions);
        return mounts;
    }

    private static void addFile(List<OciSpec.Mount> mounts, Set<String> userDestinations, String destination,
            Path source, List<String> options) {
        if (source != null && !userDestinations.contains(destination)) {
            mounts.add(new OciSpec.Mount(destination, "bind", source.toString(), options));
        }
    }

    private static int depth(String path) {
        return (int) clean(path).chars().filter(c -> c == '/').count();
    }

    private static String clean(String path) {
        String p = Path.of("/").resolve(path).normalize().toString();
        return p;
    }

    /** The cgroup limits {@code runc update} applies to a running container (no device rules: those stay). */
    public OciSpec.Resources updatableResources(Resources r) {
        OciSpec.Resources all = resources(r, false);
        return new OciSpec.Resources(null, all.memory(), all.cpu(), all.pids());
    }

    private OciSpec.Resources resources(Resources r, boolean privileged) {
        List<OciSpec.DeviceRule> rules = new ArrayList<>();
        if (privileged) {
            rules.add(new OciSpec.DeviceRule(true, null, null, null, "rwm"));
        } else {
            rules.add(new OciSpec.DeviceRule(false, null, null, null, "rwm"));
            rules.add(allowChar(1, 5));
            rules.add(allowChar(1, 3));
            rules.add(allowChar(1, 9));
            rules.add(allowChar(1, 8));
            rules.add(allowChar(5, 0));
            rules.add(allowChar(5, 1));
            rules.add(new OciSpec.DeviceRule(false, "c", 10L, 229L, "rwm"));
        }
        if (r == null) {
            return new OciSpec.Resources(rules, null, null, null);
        }
        OciSpec.Memory memory = null;
        if (positive(r.memory()) || positive(r.memoryReservation()) || (r.memorySwap() != null
                && r.memorySwap() != 0)) {
            // no swap accounting: runc could not write the memsw file, so swap stays unlimited (Docker warns)
            Long swap = r.memorySwap() != null && r.memorySwap() != 0 && facts.swapAccounting() ? r.memorySwap()
                    : null;
            memory = new OciSpec.Memory(positive(r.memory()) ? r.memory() : null,
                    positive(r.memoryReservation()) ? r.memoryReservation() : null, swap);
        }
        OciSpec.Cpu cpu = null;
        Long quota = null;
        Long period = null;
        if (positive(r.nanoCpus())) {
            period = 100_000L;
            quota = r.nanoCpus() * period / 1_000_000_000L;
        } else if (positive(r.cpuQuota())) {
            quota = r.cpuQuota();
            period = positive(r.cpuPeriod()) ? r.cpuPeriod() : null;
        } else if (positive(r.cpuPeriod())) {
            period = r.cpuPeriod();
        }
        Long shares = r.cpuShares() != null && r.cpuShares() > 0 ? Long.valueOf(r.cpuShares()) : null;
        String cpus = r.cpusetCpus() == null || r.cpusetCpus().isEmpty() ? null : r.cpusetCpus();
        String mems = r.cpusetMems() == null || r.cpusetMems().isEmpty() ? null : r.cpusetMems();
        if (shares != null || quota != null || period != null || cpus != null || mems != null) {
            cpu = new OciSpec.Cpu(shares, quota, period, cpus, mems);
        }
        OciSpec.Pids pids = r.pidsLimit() != null && r.pidsLimit() != 0
                ? new OciSpec.Pids(r.pidsLimit() < 0 ? -1 : r.pidsLimit()) : null;
        return new OciSpec.Resources(rules, memory, cpu, pids);
    }

    private static OciSpec.DeviceRule allowChar(long major, long minor) {
        return new OciSpec.DeviceRule(true, "c", major, minor, "rwm");
    }

    private static boolean positive(Long v) {
        return v != null && v > 0;
    }
}
