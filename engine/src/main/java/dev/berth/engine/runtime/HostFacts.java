package dev.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What this host offers the engine, found once at startup: root or not, where runc, conmon and an init binary
 * live, how cgroups are mounted, whether crun could run, the hard limits the engine itself is held to, overlayfs.
 * {@link #problems()} says in plain words what is missing.
 *
 * @param controllers     cgroup v1 controller name (and "name=systemd") → its mount point; empty on pure v2
 * @param unifiedMount    the cgroup2 mount (/sys/fs/cgroup on v2, /sys/fs/cgroup/unified on hybrid hosts), or null
 * @param unifiedControllers controllers bound to the cgroup2 hierarchy (on a hybrid host, these break crun)
 * @param capabilities    the capabilities in the engine's bounding set ("CAP_CHOWN" …): a privileged container
 *                        can have no more
 * @param init            a statically linked tini to mount as /sbin/docker-init for {@code --init}, or null
 */
public record HostFacts(
        boolean root,
        Path runc,
        Path conmon,
        Path crun,
        CgroupMode cgroupMode,
        Map<String, Path> controllers,
        Path unifiedMount,
        List<String> unifiedControllers,
        long nofileHardLimit,
        boolean capSysResource,
        List<String> capabilities,
        boolean overlay,
        Path init,
        int cpus,
        long memoryBytes) {

    /** The most open files a container gets by default: Docker's 1048576, or less where the host says so. */
    public static final long DEFAULT_NOFILE = 1_048_576L;

    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    /** Looks at this host. */
    public static HostFacts detect() {
        boolean root = LibC.INSTANCE.geteuid() == 0;
        Path runc = findBinary("runc", List.of());
        Path conmon = findBinary("conmon", List.of(Path.of("/usr/libexec/podman/conmon"),
                Path.of("/usr/local/libexec/podman/conmon"), Path.of("/usr/lib/podman/conmon")));
        Path crun = findBinary("crun", List.of());
        Map<String, Path> controllers = new LinkedHashMap<>();
        Path unified = null;
        for (String line : readLines(Path.of("/proc/self/mountinfo"))) {
            // id parent major:minor root mountpoint options [optional…] - fstype source superoptions
            String[] halves = line.split(" - ", 2);
            if (halves.length < 2) {
                continue;
            }
            String[] left = halves[0].split(" ");
            String[] right = halves[1].split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            if (right[0].equals("cgroup2")) {
                if (unified == null || mountPoint.equals(Path.of("/sys/fs/cgroup"))) {
                    unified = mountPoint;
                }
            } else if (right[0].equals("cgroup")) {
                for (String option : right[2].split(",")) {
                    if (isController(option)) {
                        controllers.putIfAbsent(option, mountPoint);
                    }
                }
            }
        }
        CgroupMode mode = unified != null && controllers.isEmpty() ? CgroupMode.V2
                : unified != null ? CgroupMode.HYBRID : CgroupMode.V1;
        List<String> unifiedControllers = new ArrayList<>();
        if (unified != null) {
            String text = readString(unified.resolve("cgroup.controllers")).trim();
            if (!text.isEmpty()) {
                unifiedControllers.addAll(List.of(text.split("\\s+")));
            }
        }
        long nofile = hardLimit(LibC.RLIMIT_NOFILE);
        long capEff = 0;
        long capBnd = 0;
        for (String line : readLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                capEff = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            } else if (line.startsWith("CapBnd:")) {
                capBnd = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
        }
        boolean capSysResource = (capEff & (1L << Capabilities.number("CAP_SYS_RESOURCE"))) != 0;
        List<String> caps = Capabilities.fromMask(capBnd);
        boolean overlay = readString(Path.of("/proc/filesystems")).lines()
                .anyMatch(l -> l.trim().endsWith("overlay"));
        Path init = null;
        for (String candidate : List.of("/usr/bin/tini-static", "/usr/libexec/docker/docker-init",
                "/usr/local/bin/docker-init", "/usr/bin/docker-init", "/usr/local/bin/tini-static")) {
            Path p = Path.of(candidate);
            if (Files.isExecutable(p)) {
                init = p;
                break;
            }
        }
        return new HostFacts(root, runc, conmon, crun, mode, Map.copyOf(controllers), unified,
                List.copyOf(unifiedControllers), nofile, capSysResource, caps, overlay, init,
                Runtime.getRuntime().availableProcessors(), memTotal());
    }

    /**
     * crun refuses hybrid hosts whose cgroup2 hierarchy has controllers ("cgroups in hybrid mode not supported,
     * drop all controllers from cgroupv2"); runc has no such check.
     */
    public boolean crunViable() {
        return crun != null && !(cgroupMode == CgroupMode.HYBRID && !unifiedControllers.isEmpty());
    }

    /** Why the engine cannot run containers here, one sentence each; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!root) {
            problems.add("Berth's engine must run as root (effective user ID 0) to create containers; "
                    + "run it with sudo or as a root service");
        }
        if (runc == null) {
            problems.add("runc is not installed (looked in PATH and /usr/sbin, /usr/bin): "
                    + "install it with: apt-get install runc");
        }
        if (conmon == null) {
            problems.add("conmon is not installed (looked in PATH and /usr/bin, /usr/libexec/podman): "
                    + "install it with: apt-get install conmon");
        }
        if (!overlay) {
            problems.add("the kernel has no overlay filesystem (not listed in /proc/filesystems): "
                    + "load it with: modprobe overlay");
        }
        if (controllers.isEmpty() && unifiedMount == null) {
            problems.add("no cgroup filesystem is mounted under /sys/fs/cgroup");
        }
        return problems;
    }

    /** The RLIMIT_NOFILE a container gets unless it asks: Docker's default, capped by what the host allows. */
    public long defaultNofile() {
        return capSysResource ? DEFAULT_NOFILE : Math.min(DEFAULT_NOFILE, nofileHardLimit);
    }

    /**
     * The highest hard limit a container may ask for: the engine's own hard limit, unless it may raise limits
     * (CAP_SYS_RESOURCE), where the kernel's own maximum applies. Long.MAX_VALUE means unlimited.
     */
    public long maxHardLimit(int resource) {
        return capSysResource ? Long.MAX_VALUE : hardLimit(resource);
    }

    /** The engine process's own hard limit for a resource (RLIM_INFINITY as Long.MAX_VALUE). */
    public static long hardLimit(int resource) {
        LibC.RLimit limit = new LibC.RLimit();
        try {
            LibC.INSTANCE.getrlimit(resource, limit);
        } catch (LastErrorException e) {
            return Long.MAX_VALUE;
        }
        return limit.rlim_max < 0 ? Long.MAX_VALUE : limit.rlim_max;
    }

    /**
     * Whether memory+swap can be limited (v1: memory.memsw.* exists, which needs swapaccount; v2: memory.swap.max).
     * Without it Docker warns and leaves swap unlimited, and so do we: runc would fail writing the missing file.
     */
    public boolean swapAccounting() {
        Path memory = controller("memory");
        if (memory != null) {
            return Files.exists(memory.resolve("memory.memsw.limit_in_bytes"));
        }
        if (cgroupMode == CgroupMode.V2 && unifiedMount != null) {
            try (var dirs = Files.list(unifiedMount)) {
                return dirs.anyMatch(d -> Files.exists(d.resolve("memory.swap.max")));
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The runtime name {@code /info} reports. */
    public String runtimeName() {
        return "runc";
    }

    /** cgroup v1 controller mount, e.g. "memory" → /sys/fs/cgroup/memory; null when absent. */
    public Path controller(String name) {
        return controllers.get(name);
    }

    private static boolean isController(String option) {
        return switch (option) {
            case "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "blkio", "pids", "hugetlb",
                    "net_cls", "net_prio", "perf_event", "rdma", "misc", "name=systemd" -> true;
            default -> false;
        };
    }

    private static Path findBinary(String name, List<Path> extra) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isBlank() && dir.startsWith("/")) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(BIN_DIRS);
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        for (Path candidate : extra) {
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static long memTotal() {
        for (String line : readLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring(9).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return 0;
    }

    private static String unescape(String mountinfoField) {
        // mountinfo escapes space, tab, newline and backslash as \ooo
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < mountinfoField.length(); i++) {
            char c = mountinfoField.charAt(i);
            if (c == '\\' && i + 3 < mountinfoField.length()) {
                try {
                    out.append((char) Integer.parseInt(mountinfoField.substring(i + 1, i + 4), 8));
                    i += 3;
                    continue;
                } catch (NumberFormatException e) {
                    // not an escape after all
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
