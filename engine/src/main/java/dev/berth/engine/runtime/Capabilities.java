package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Linux capability names and Docker's rules for the default set, {@code --cap-add}, {@code --cap-drop} and ALL. */
public final class Capabilities {

    /** In kernel order: the index is the capability number. */
    private static final List<String> ALL = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
            "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
            "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK",
            "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
            "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
            "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
            "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND",
            "CAP_AUDIT_READ", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

    /** Docker's default set (moby oci/caps/defaults.go): 14 capabilities. */
    public static final List<String> DOCKER_DEFAULTS = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID",
            "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
            "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");

    private Capabilities() {
    }

    static int number(String name) {
        return ALL.indexOf(name);
    }

    /** The capability names whose bits are set in a /proc/PID/status mask. */
    static List<String> fromMask(long mask) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ALL.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                names.add(ALL.get(i));
            }
        }
        return names;
    }

    /**
     * The set a container gets, as moby's TweakCapabilities computes it: privileged gets everything the host has;
     * "ALL" in add means all but the drops; "ALL" in drop means only the adds; otherwise defaults − drops + adds.
     * Capabilities the engine itself lacks are left out, since runc could not grant them anyway.
     */
    public static List<String> forContainer(List<String> add, List<String> drop, boolean privileged,
            List<String> hostCapabilities) {
        if (privileged) {
            return List.copyOf(hostCapabilities);
        }
        List<String> adds = normalize(add);
        List<String> drops = normalize(drop);
        Set<String> caps = new LinkedHashSet<>();
        if (adds.contains("ALL")) {
            for (String c : hostCapabilities) {
                if (!drops.contains(c)) {
                    caps.add(c);
                }
            }
        } else if (drops.contains("ALL")) {
            caps.addAll(adds);
        } else {
            for (String c : DOCKER_DEFAULTS) {
                if (!drops.contains(c)) {
                    caps.add(c);
                }
            }
            caps.addAll(adds);
        }
        caps.retainAll(hostCapabilities);
        return List.copyOf(caps);
    }

    /** "net_admin" → "CAP_NET_ADMIN"; "ALL" stays; unknown names are Docker's 400 "unknown capability". */
    public static List<String> normalize(List<String> names) {
        List<String> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (String raw : names) {
            String c = raw.trim().toUpperCase(Locale.ROOT);
            if (c.equals("ALL")) {
                out.add(c);
                continue;
            }
            if (!c.startsWith("CAP_")) {
                c = "CAP_" + c;
            }
            if (!ALL.contains(c)) {
                throw EngineException.badRequest("unknown capability: \"" + c + "\"");
            }
            out.add(c);
        }
        return out;
    }
}
