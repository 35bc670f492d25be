package dev.berth.remote.testing;

/** Exit code and captured output of a finished command. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

    public ProcessResult requireSuccess(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " failed with exit code " + exitCode + ": " + stderr.strip()
                    + (stdout.isBlank() ? "" : " / " + stdout.strip()));
        }
        return this;
    }
}
