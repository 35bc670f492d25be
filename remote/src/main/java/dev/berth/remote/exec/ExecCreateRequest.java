package dev.berth.remote.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec}: a process to run in a running container. Build it with
 * {@link #builder(String...)}; by default it attaches stdout and stderr, without stdin and without a TTY.
 *
 * @param consoleSize [rows, columns] of the TTY; honoured from API 1.42 (left out for older engines)
 * @param detachKeys  e.g. "ctrl-x,x"; null for the engine's ctrl-p,ctrl-q
 * @param user        "name", "uid", "name:group" or "uid:gid"; null for the container's user
 */
public record ExecCreateRequest(
        Boolean attachStdin,
        Boolean attachStdout,
        Boolean attachStderr,
        String detachKeys,
        Boolean tty,
        List<Integer> consoleSize,
        List<String> env,
        Boolean privileged,
        String user,
        String workingDir,
        List<String> cmd) {

    public static Builder builder(String... cmd) {
        return new Builder(List.of(cmd));
    }

    public static Builder builder(List<String> cmd) {
        return new Builder(List.copyOf(cmd));
    }

    /** Whether the exec has a TTY, which decides raw versus multiplexed output. */
    public boolean hasTty() {
        return Boolean.TRUE.equals(tty);
    }

    /** The same request without the console size (for engines before API 1.42). */
    public ExecCreateRequest withoutConsoleSize() {
        return new ExecCreateRequest(attachStdin, attachStdout, attachStderr, detachKeys, tty, null, env, privileged,
                user, workingDir, cmd);
    }

    public static final class Builder {

        private final List<String> cmd;
        private boolean stdin;
        private boolean stdout = true;
        private boolean stderr = true;
        private boolean tty;
        private List<Integer> consoleSize;
        private String detachKeys;
        private final List<String> env = new ArrayList<>();
        private Boolean privileged;
        private String user;
        private String workingDir;

        private Builder(List<String> cmd) {
            if (cmd.isEmpty()) {
                throw new IllegalArgumentException("an exec needs a command");
            }
            this.cmd = cmd;
        }

        /** Attach stdin, so the process reads what is written to the connection. */
        public Builder stdin(boolean attach) {
            this.stdin = attach;
            return this;
        }

        public Builder stdout(boolean attach) {
            this.stdout = attach;
            return this;
        }

        public Builder stderr(boolean attach) {
            this.stderr = attach;
            return this;
        }

        /** A pseudo-terminal: output is raw (stdout and stderr merged), input goes through the line discipline. */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /** An interactive terminal: stdin, stdout, stderr and a TTY, as {@code docker exec -it}. */
        public Builder interactiveTty() {
            this.stdin = true;
            this.stdout = true;
            this.stderr = true;
            this.tty = true;
            return this;
        }

        public Builder consoleSize(int rows, int columns) {
            this.consoleSize = List.of(rows, columns);
            return this;
        }

        public Builder detachKeys(String keys) {
            this.detachKeys = keys;
            return this;
        }

        public Builder env(String name, String value) {
            env.add(name + "=" + value);
            return this;
        }

        public Builder privileged(boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder workingDir(String workingDir) {
            this.workingDir = workingDir;
            return this;
        }

        public ExecCreateRequest build() {
            return new ExecCreateRequest(stdin, stdout, stderr, detachKeys, tty, consoleSize,
                    env.isEmpty() ? null : List.copyOf(env), privileged, user, workingDir, cmd);
        }
    }
}
