package dev.berth.remote.containers;

/**
 * How a waited-for container exited.
 *
 * @param statusCode the exit code (137 after SIGKILL, 143 after SIGTERM)
 * @param error      set when the engine could not determine the exit
 */
public record WaitResponse(Long statusCode, WaitError error) {

    public int exitCode() {
        return statusCode == null ? -1 : statusCode.intValue();
    }

    public record WaitError(String message) {
    }
}
