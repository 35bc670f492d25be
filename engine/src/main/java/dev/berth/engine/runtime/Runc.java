package dev.berth.engine.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runc command line, always with the engine's private {@code --root} (so this engine never sees or touches
 * containers of dockerd, containerd or podman) and JSON error logs, whose {@code msg} becomes the user's message.
 */
public final class Runc {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final Path binary;
    private final Path root;

    public Runc(Path binary, Path root) {
        this.binary = binary;
        this.root = root;
    }

    public Path binary() {
        return binary;
    }

    public Path root() {
        return root;
    }

    /** The global flags conmon passes on to runc as {@code --runtime-arg}s. */
    public List<String> globalArgs() {
        return List.of("--root", root.toString(), "--log-format=json");
    }

    /** runc's view of a container: status created|running|paused|stopped, and the init PID. */
    public record State(String id, int pid, String status, String bundle) {
    }

    /** The container's state, or null when runc does not know it. */
    public State state(String id) {
        HostCommand.Result result = run("state", id);
        if (!result.ok()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(result.stdout());
            return new State(node.path("id").asText(), node.path("pid").asInt(), node.path("status").asText(),
                    node.path("bundle").asText());
        } catch (JsonProcessingException e) {
            throw new RuntimeFailure("runc state " + id + " printed something unreadable: " + result.stdout());
        }
    }

    /** Lets a created container's init exec the user's process; see {@link ExecFifo} for the usual, in-process way. */
    public void start(String id) {
        if (ExecFifo.release(root.resolve(id), TIMEOUT_SECONDS)) {
            return;
        }
        check(run("start", id), "start");
    }

    /** Sends a signal ("TERM", "9", "SIGUSR1") to the container's init, or with {@code all} to every process. */
    public void kill(String id, String signal, boolean all) {
        List<String> args = new ArrayList<>(List.of("kill"));
        if (all) {
            args.add("--all");
        }
        args.add(id);
        args.add(signal);
        check(run(args.toArray(String[]::new)), "kill");
    }

    /**
     * Whether the runtime keeps state for the container: runc (and crun) keep one directory per container under
     * {@code --root}, created by {@code create} and removed by {@code delete}.
     */
    public boolean knows(String id) {
        return Files.exists(root.resolve(id));
    }

    /**
     * Forgets the container (and with {@code force} kills it first); a container runc never knew is fine. This runs
     * before every create and around every exit, so the common cases spawn no runc: without a state directory there
     * is nothing to forget, and a stopped container is cleaned up in-process ({@link StoppedContainerCleanup}).
     */
    public void delete(String id, boolean force) {
        if (!knows(id) || StoppedContainerCleanup.tryDestroy(root.resolve(id))) {
            return;
        }
        HostCommand.Result result = force ? run("delete", "--force", id) : run("delete", id);
        if (!result.ok() && !message(result).contains("does not exist")) {
            throw new RuntimeFailure("runc delete failed: " + message(result));
        }
    }

    /** Freezes every process of the container (cgroup freezer). */
    public void pause(String id) {
        check(run("pause", id), "pause");
    }

    public void resume(String id) {
        check(run("resume", id), "resume");
    }

    /** Host PIDs of every process in the container. */
    public List<Integer> ps(String id) {
        HostCommand.Result result = run("ps", "--format", "json", id);
        check(result, "ps");
        try {
            JsonNode node = JSON.readTree(result.stdout());
            List<Integer> pids = new ArrayList<>();
            if (node != null && node.isArray()) {
                node.forEach(n -> pids.add(n.asInt()));
            }
            return pids;
        } catch (JsonProcessingException e) {
            throw new RuntimeFailure("runc ps printed something unreadable: " + result.stdout());
        }
    }

    /** Changes resource limits of a running container; {@code resourcesJson} is an OCI LinuxResources object. */
    public void update(String id, String resourcesJson) {
        try {
            Path file = Files.createTempFile("berth-resources", ".json");
            try {
                Files.writeString(file, resourcesJson);
                check(run("update", "--resources", file.toString(), id), "update");
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HostCommand.Result run(String... args) {
        List<String> argv = new ArrayList<>();
        argv.add(binary.toString());
        argv.addAll(globalArgs());
        argv.addAll(List.of(args));
        return HostCommand.run(argv, TIMEOUT_SECONDS);
    }

    private static void check(HostCommand.Result result, String command) {
        if (!result.ok()) {
            throw new RuntimeFailure("runc " + command + " failed: " + message(result));
        }
    }

    /** The last error runc logged (its JSON log lines on stderr), else its raw output. */
    static String message(HostCommand.Result result) {
        String message = errorMessage(result.stderr());
        if (message.isEmpty()) {
            message = (result.stderr() + result.stdout()).trim();
        }
        return message.isEmpty() ? "exit status " + result.exitCode() : message;
    }

    /** Picks the {@code msg} of the last error-level JSON line; plain lines are kept as they are. */
    public static String errorMessage(String log) {
        String last = "";
        for (String line : log.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("{")) {
                try {
                    JsonNode node = JSON.readTree(trimmed);
                    String level = node.path("level").asText("");
                    if (level.equals("error") || level.equals("fatal") || level.isEmpty()) {
                        last = node.path("msg").asText(trimmed);
                    }
                } catch (JsonProcessingException e) {
                    last = trimmed;
                }
            } else {
                last = trimmed;
            }
        }
        return last;
    }
}
