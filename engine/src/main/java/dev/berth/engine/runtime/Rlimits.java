package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resource limits for a container: RLIMIT_NOFILE always set (Docker's 1048576, or the host's hard limit when that
 * is lower: some hosts do not let even root raise it, and runc would fail the start), then {@code --ulimit}
 * requests, each checked against what this host can grant.
 */
public final class Rlimits {

    /** Docker's ulimit names → Linux resource numbers. */
    private static final Map<String, Integer> RESOURCES = new LinkedHashMap<>();

    static {
        String[] names = {"cpu", "fsize", "data", "stack", "core", "rss", "nproc", "nofile", "memlock", "as", "locks",
                "sigpending", "msgqueue", "nice", "rtprio", "rttime"};
        for (int i = 0; i < names.length; i++) {
            RESOURCES.put(names[i], i);
        }
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of("nofile", "open files", "nproc", "processes",
            "memlock", "locked memory", "stack", "stack size", "core", "core file size", "sigpending",
            "pending signals", "msgqueue", "POSIX message queue bytes");

    private Rlimits() {
    }

    /** Fails with Docker's messages for unknown names and soft above hard, and names the host limit if exceeded. */
    public static void validate(List<Ulimit> ulimits, HostFacts facts) {
        if (ulimits == null) {
            return;
        }
        for (Ulimit u : ulimits) {
            String name = u.name() == null ? "" : u.name().toLowerCase(Locale.ROOT);
            Integer resource = RESOURCES.get(name);
            if (resource == null) {
                throw EngineException.badRequest("invalid ulimit type: " + u.name());
            }
            long soft = u.soft() == null ? 0 : u.soft();
            long hard = u.hard() == null ? soft : u.hard();
            if (soft > hard && hard >= 0) {
                throw EngineException.badRequest("ulimit soft limit must be less than or equal to hard limit: "
                        + soft + " > " + hard);
            }
            long max = facts.maxHardLimit(resource);
            long asked = hard < 0 ? Long.MAX_VALUE : hard;
            if (asked > max) {
                throw EngineException.badRequest("ulimit " + name + "=" + soft + ":" + hard + " is more than this host"
                        + " allows: the engine's hard limit for " + DESCRIPTIONS.getOrDefault(name, name)
                        + " (RLIMIT_" + name.toUpperCase(Locale.ROOT) + ") is " + max
                        + " and it cannot raise it (no CAP_SYS_RESOURCE); ask for at most " + max);
            }
        }
    }

    /** The spec's rlimits: NOFILE by default, overridden or extended by the container's ulimits. */
    public static List<OciSpec.Rlimit> forContainer(List<Ulimit> ulimits, HostFacts facts) {
        Map<String, OciSpec.Rlimit> byType = new LinkedHashMap<>();
        long nofile = facts.defaultNofile();
        byType.put("RLIMIT_NOFILE", new OciSpec.Rlimit("RLIMIT_NOFILE", nofile, nofile));
        if (ulimits != null) {
            for (Ulimit u : ulimits) {
                String type = "RLIMIT_" + u.name().toUpperCase(Locale.ROOT);
                long soft = u.soft() == null ? 0 : u.soft();
                long hard = u.hard() == null ? soft : u.hard();
                // -1 is "unlimited"; the spec's uint64 cannot carry it, the largest signed value does the job
                byType.put(type, new OciSpec.Rlimit(type, hard < 0 ? Long.MAX_VALUE : hard,
                        soft < 0 ? Long.MAX_VALUE : soft));
            }
        }
        return new ArrayList<>(byType.values());
    }
}
