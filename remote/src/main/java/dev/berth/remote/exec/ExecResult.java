package dev.berth.remote.exec;

/** A finished non-TTY command: its exit code and everything it wrote to stdout and stderr. */
public record ExecResult(int exitCode, String stdout, String stderr) {
}
