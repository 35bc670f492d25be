package dev.berth.engine.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The container's seccomp filter: the system calls Docker's default profile keeps from containers (its documented
 * "significant syscalls blocked"), answered with EPERM, each group let through when the container holds the
 * capability that guards it, as Docker's profile does. Privileged containers get no filter. Everything else is
 * allowed: capabilities, namespaces, masked paths and the device cgroup do the rest of the confinement.
 */
final class SeccompProfile {

    private static final int EPERM = 1;

    /** Always refused: obsolete, or never meaningful inside a container. */
    private static final List<String> ALWAYS = List.of("create_module", "get_kernel_syms", "nfsservctl",
            "query_module", "uselib", "vm86", "vm86old", "ustat", "sysfs", "_sysctl");

    /** Refused unless the container holds the capability (key). */
    private static final Map<String, List<String>> BY_CAPABILITY = new LinkedHashMap<>();

    static {
        BY_CAPABILITY.put("CAP_SYS_ADMIN", List.of("mount", "umount", "umount2", "pivot_root", "setns", "unshare",
                "quotactl", "name_to_handle_at", "bpf", "perf_event_open", "fanotify_init", "lookup_dcookie",
                "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr"));
        BY_CAPABILITY.put("CAP_SYS_MODULE", List.of("init_module", "finit_module", "delete_module"));
        BY_CAPABILITY.put("CAP_SYS_BOOT", List.of("reboot", "kexec_load", "kexec_file_load"));
        BY_CAPABILITY.put("CAP_SYS_TIME", List.of("settimeofday", "stime", "clock_settime", "clock_adjtime",
                "adjtimex"));
        BY_CAPABILITY.put("CAP_SYS_PTRACE", List.of("ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
                "pidfd_getfd"));
        BY_CAPABILITY.put("CAP_SYS_RAWIO", List.of("iopl", "ioperm"));
        BY_CAPABILITY.put("CAP_SYS_PACCT", List.of("acct"));
        BY_CAPABILITY.put("CAP_SYS_NICE", List.of("get_mempolicy", "set_mempolicy", "mbind", "move_pages"));
        BY_CAPABILITY.put("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at"));
        BY_CAPABILITY.put("CAP_SYSLOG", List.of("syslog"));
        BY_CAPABILITY.put("CAP_SYS_ADMIN_SWAP", List.of("swapon", "swapoff"));
        BY_CAPABILITY.put("CAP_KEYS", List.of("add_key", "request_key", "keyctl"));
        BY_CAPABILITY.put("CAP_USERFAULTFD", List.of("userfaultfd"));
    }

    private SeccompProfile() {
    }

    /** The filter for a container with these capabilities, or null for a privileged one. */
    static OciSpec.Seccomp forContainer(List<String> capabilities, boolean privileged) {
        if (privileged) {
            return null;
        }
        Set<String> caps = Set.copyOf(capabilities);
        List<String> refused = new ArrayList<>(ALWAYS);
        BY_CAPABILITY.forEach((capability, calls) -> {
            // swap, keys and userfaultfd are refused to every unprivileged container, as in Docker (keyring
            // calls are not namespaced; swapon needs CAP_SYS_ADMIN, which the SYS_ADMIN group covers)
            boolean granted = switch (capability) {
                case "CAP_SYS_ADMIN_SWAP" -> caps.contains("CAP_SYS_ADMIN");
                case "CAP_KEYS", "CAP_USERFAULTFD" -> false;
                default -> caps.contains(capability);
            };
            if (!granted) {
                for (String call : calls) {
                    if (!refused.contains(call)) {
                        refused.add(call);
                    }
                }
            }
        });
        return new OciSpec.Seccomp("SCMP_ACT_ALLOW", List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32",
                "SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"),
                List.of(new OciSpec.Syscall(List.copyOf(refused), "SCMP_ACT_ERRNO", EPERM)));
    }
}
