package dev.berth.engine.runtime;

import dev.berth.remote.containers.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource-usage sample of a running container, read from its cgroups (v1 controllers or the v2 unified
 * hierarchy, whichever the host uses for resources) and its network namespace's /proc/net/dev, in the shape of
 * Docker's stats API.
 */
public final class CgroupStats {

    /** USER_HZ: /proc/stat and cpuacct.stat count in these ticks. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;

    private final HostFacts facts;

    public CgroupStats(HostFacts facts) {
        this.facts = facts;
    }

    /** A sample for the process {@code pid} (the container's init); name, id and preread are the caller's. */
    public ContainerStats sample(int pid, String read) {
        Map<String, Path> cgroups = cgroupsOf(pid);
        boolean v2 = facts.cgroupMode() == CgroupMode.V2;
        ContainerStats.CpuStats cpu;
        ContainerStats.MemoryStats memory;
        ContainerStats.BlkioStats blkio;
        ContainerStats.PidsStats pids;
        if (v2) {
            Path dir = cgroups.get("");
            cpu = cpuV2(dir);
            memory = memoryV2(dir);
            blkio = blkioV2(dir);
            pids = pids(dir);
        } else {
            cpu = cpuV1(cgroups.get("cpuacct"), cgroups.get("cpu"));
            memory = memoryV1(cgroups.get("memory"));
            blkio = blkioV1(cgroups.get("blkio"));
            pids = pids(cgroups.get("pids"));
        }
        return new ContainerStats(null, null, null, read, null, pids, blkio, null, null, cpu, null, memory,
                networks(pid));
    }

    /** An all-empty sample, what Docker answers for a container that is not running. */
    public static ContainerStats empty(String name, String id) {
        return new ContainerStats(name, id, null, "0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                new ContainerStats.PidsStats(null, null),
                new ContainerStats.BlkioStats(null, null, null, null, null, null, null, null), null,
                null, new ContainerStats.CpuStats(new ContainerStats.CpuUsage(0L, null, 0L, 0L), null, null,
                        new ContainerStats.ThrottlingData(0L, 0L, 0L)),
                new ContainerStats.CpuStats(new ContainerStats.CpuUsage(0L, null, 0L, 0L), null, null,
                        new ContainerStats.ThrottlingData(0L, 0L, 0L)),
                new ContainerStats.MemoryStats(null, null, null, null, null, null, null, null), null);
    }

    /** controller name ("" for cgroup2) → the process's cgroup directory. */
    Map<String, Path> cgroupsOf(int pid) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String line : lines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            String relative = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
            if (parts[1].isEmpty()) {
                if (facts.unifiedMount() != null) {
                    out.put("", facts.unifiedMount().resolve(relative));
                }
                continue;
            }
            for (String controller : parts[1].split(",")) {
                Path mount = facts.controller(controller);
                if (mount != null) {
                    out.put(controller, mount.resolve(relative));
                }
            }
        }
        return out;
    }

    private ContainerStats.CpuStats cpuV1(Path cpuacct, Path cpu) {
        Long total = number(cpuacct, "cpuacct.usage");
        List<Long> percpu = new ArrayList<>();
        if (cpuacct != null) {
            for (String v : read(cpuacct.resolve("cpuacct.usage_percpu")).trim().split("\\s+")) {
                if (!v.isEmpty()) {
                    percpu.add(Long.parseLong(v));
                }
            }
        }
        Map<String, Long> stat = keyValues(cpuacct, "cpuacct.stat");
        Long user = stat.containsKey("user") ? stat.get("user") * NANOS_PER_TICK : null;
        Long system = stat.containsKey("system") ? stat.get("system") * NANOS_PER_TICK : null;
        Map<String, Long> throttle = keyValues(cpu, "cpu.stat");
        return new ContainerStats.CpuStats(new ContainerStats.CpuUsage(total, percpu.isEmpty() ? null : percpu,
                system, user), systemCpuUsage(), onlineCpus(percpu.size()),
                new ContainerStats.ThrottlingData(throttle.getOrDefault("nr_periods", 0L),
                        throttle.getOrDefault("nr_throttled", 0L), throttle.getOrDefault("throttled_time", 0L)));
    }

    private ContainerStats.CpuStats cpuV2(Path dir) {
        Map<String, Long> stat = keyValues(dir, "cpu.stat");
        Long total = stat.containsKey("usage_usec") ? stat.get("usage_usec") * 1000 : null;
        Long user = stat.containsKey("user_usec") ? stat.get("user_usec") * 1000 : null;
        Long system = stat.containsKey("system_usec") ? stat.get("system_usec") * 1000 : null;
        return new ContainerStats.CpuStats(new ContainerStats.CpuUsage(total, null, system, user), systemCpuUsage(),
                onlineCpus(0), new ContainerStats.ThrottlingData(stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_usec", 0L) * 1000));
    }

    private ContainerStats.MemoryStats memoryV1(Path dir) {
        Long limit = number(dir, "memory.limit_in_bytes");
        return new ContainerStats.MemoryStats(number(dir, "memory.usage_in_bytes"),
                number(dir, "memory.max_usage_in_bytes"), keyValues(dir, "memory.stat"),
                number(dir, "memory.failcnt"), capToHost(limit), null, null, null);
    }

    private ContainerStats.MemoryStats memoryV2(Path dir) {
        Long limit = number(dir, "memory.max");
        return new ContainerStats.MemoryStats(number(dir, "memory.current"), null, keyValues(dir, "memory.stat"),
                null, capToHost(limit), null, null, null);
    }

    /** No limit (or a limit above the machine's memory) is reported as the machine's memory, as Docker does. */
    private Long capToHost(Long limit) {
        if (limit == null || (facts.memoryBytes() > 0 && limit > facts.memoryBytes())) {
            return facts.memoryBytes() > 0 ? facts.memoryBytes() : limit;
        }
        return limit;
    }

    private ContainerStats.BlkioStats blkioV1(Path dir) {
        List<ContainerStats.BlkioEntry> bytes = blkioEntries(dir, "blkio.throttle.io_service_bytes_recursive",
                "blkio.throttle.io_service_bytes");
        List<ContainerStats.BlkioEntry> ops = blkioEntries(dir, "blkio.throttle.io_serviced_recursive",
                "blkio.throttle.io_serviced");
        return new ContainerStats.BlkioStats(bytes, ops, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    private List<ContainerStats.BlkioEntry> blkioEntries(Path dir, String file, String fallback) {
        List<ContainerStats.BlkioEntry> entries = new ArrayList<>();
        if (dir == null) {
            return entries;
        }
        String text = read(dir.resolve(file));
        if (text.isBlank()) {
            text = read(dir.resolve(fallback));
        }
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length != 3 || !parts[0].contains(":")) {
                continue;
            }
            String[] dev = parts[0].split(":");
            try {
                entries.add(new ContainerStats.BlkioEntry(Long.parseLong(dev[0]), Long.parseLong(dev[1]), parts[1],
                        Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                // not an entry line
            }
        }
        return entries;
    }

    private ContainerStats.BlkioStats blkioV2(Path dir) {
        List<ContainerStats.BlkioEntry> bytes = new ArrayList<>();
        List<ContainerStats.BlkioEntry> ops = new ArrayList<>();
        if (dir != null) {
            for (String line : read(dir.resolve("io.stat")).split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length < 2 || !parts[0].contains(":")) {
                    continue;
                }
                String[] dev = parts[0].split(":");
                long major = Long.parseLong(dev[0]);
                long minor = Long.parseLong(dev[1]);
                for (int i = 1; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    if (kv.length != 2) {
                        continue;
                    }
                    long value = Long.parseLong(kv[1]);
                    switch (kv[0]) {
                        case "rbytes" -> bytes.add(new ContainerStats.BlkioEntry(major, minor, "read", value));
                        case "wbytes" -> bytes.add(new ContainerStats.BlkioEntry(major, minor, "write", value));
                        case "rios" -> ops.add(new ContainerStats.BlkioEntry(major, minor, "read", value));
                        case "wios" -> ops.add(new ContainerStats.BlkioEntry(major, minor, "write", value));
                        default -> {
                        }
                    }
                }
            }
        }
        return new ContainerStats.BlkioStats(bytes, ops, null, null, null, null, null, null);
    }

    private ContainerStats.PidsStats pids(Path dir) {
        Long current = number(dir, "pids.current");
        Long max = number(dir, "pids.max");
        return new ContainerStats.PidsStats(current, max);
    }

    /** Interfaces of the container's network namespace, loopback left out as Docker does. */
    private Map<String, ContainerStats.NetworkStats> networks(int pid) {
        Map<String, ContainerStats.NetworkStats> out = new LinkedHashMap<>();
        List<String> lines = lines(Path.of("/proc/" + pid + "/net/dev"));
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 12) {
                continue;
            }
            out.put(name, new ContainerStats.NetworkStats(Long.parseLong(f[0]), Long.parseLong(f[1]),
                    Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                    Long.parseLong(f[10]), Long.parseLong(f[11]), null, null));
        }
        return out.isEmpty() ? null : out;
    }

    /** The host's total CPU time in nanoseconds (user … softirq of /proc/stat's "cpu" line), as moby sums it. */
    static Long systemCpuUsage() {
        for (String line : lines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] parts = line.trim().split("\\s+");
                long ticks = 0;
                for (int i = 1; i < Math.min(parts.length, 8); i++) {
                    ticks += Long.parseLong(parts[i]);
                }
                return ticks * NANOS_PER_TICK;
            }
        }
        return null;
    }

    private int onlineCpus(int fromPercpu) {
        return fromPercpu > 0 ? fromPercpu : facts.cpus();
    }

    private static Long number(Path dir, String file) {
        if (dir == null) {
            return null;
        }
        String text = read(dir.resolve(file)).trim();
        if (text.isEmpty() || text.equals("max")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Long> keyValues(Path dir, String file) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (dir == null) {
            return out;
        }
        for (String line : read(dir.resolve(file)).split("\n")) {
            String[] kv = line.trim().split("\\s+");
            if (kv.length == 2) {
                try {
                    out.put(kv[0], Long.parseLong(kv[1]));
                } catch (NumberFormatException e) {
                    // not a counter
                }
            }
        }
        return out;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
