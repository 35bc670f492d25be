package dev.berth.engine.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The subset of the OCI runtime spec's config.json the engine writes (runtime-spec 1.0.2, as runc 1.1 reads it).
 * Field names are the spec's lower camel case, so this has its own mapper rather than the Engine API's.
 */
public record OciSpec(
        String ociVersion,
        Process process,
        Root root,
        String hostname,
        String domainname,
        List<Mount> mounts,
        Linux linux) {

    /** Serializes OCI documents: spec names, nulls left out. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public OciSpec withProcess(Process p) {
        return new OciSpec(ociVersion, p, root, hostname, domainname, mounts, linux);
    }

    public record Process(
            Boolean terminal,
            ConsoleSize consoleSize,
            User user,
            List<String> args,
            List<String> env,
            String cwd,
            Capabilities capabilities,
            List<Rlimit> rlimits,
            Boolean noNewPrivileges,
            Integer oomScoreAdj) {

        public Process with(Boolean terminal, ConsoleSize consoleSize, User user, List<String> args, List<String> env,
                String cwd, Capabilities capabilities) {
            return new Process(terminal, consoleSize, user, args, env, cwd, capabilities, rlimits, noNewPrivileges,
                    oomScoreAdj);
        }
    }

    public record ConsoleSize(int height, int width) {
    }

    public record User(long uid, long gid, List<Long> additionalGids) {
    }

    public record Capabilities(List<String> bounding, List<String> effective, List<String> permitted,
                               List<String> inheritable, List<String> ambient) {
        /** Docker's shape: the same set bounding, effective and permitted; none inheritable or ambient. */
        public static Capabilities of(List<String> caps) {
            return new Capabilities(caps, caps, caps, List.of(), List.of());
        }
    }

    public record Rlimit(String type, long hard, long soft) {
    }

    public record Root(String path, boolean readonly) {
    }

    public record Mount(String destination, String type, String source, List<String> options) {
    }

    public record Linux(
            List<Namespace> namespaces,
            String cgroupsPath,
            Map<String, String> sysctl,
            Resources resources,
            List<Device> devices,
            List<String> maskedPaths,
            List<String> readonlyPaths,
            Seccomp seccomp) {
    }

    /** linux.seccomp: a default action, and the calls that get another (Docker's profile shape). */
    public record Seccomp(String defaultAction, List<String> architectures, List<Syscall> syscalls) {
    }

    public record Syscall(List<String> names, String action, Integer errnoRet) {
    }

    public record Namespace(String type, String path) {
        public static Namespace of(String type) {
            return new Namespace(type, null);
        }
    }

    public record Resources(List<DeviceRule> devices, Memory memory, Cpu cpu, Pids pids) {
    }

    public record DeviceRule(boolean allow, String type, Long major, Long minor, String access) {
    }

    public record Memory(Long limit, Long reservation, Long swap) {
    }

    public record Cpu(Long shares, Long quota, Long period, String cpus, String mems) {
    }

    public record Pids(long limit) {
    }

    public record Device(String path, String type, long major, long minor, Integer fileMode, Long uid, Long gid) {
    }
}
