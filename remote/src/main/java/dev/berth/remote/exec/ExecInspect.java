package dev.berth.remote.exec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /exec/{id}/json}: an exec instance's state. The exit code of an attached exec is only known from here,
 * once {@code running} is false.
 *
 * @param exitCode null while running
 * @param pid      the process ID on the host; 0 once it ended
 */
public record ExecInspect(
        @JsonProperty("ID") String id,
        Boolean running,
        Integer exitCode,
        ProcessConfig processConfig,
        Boolean openStdin,
        Boolean openStderr,
        Boolean openStdout,
        Boolean canRemove,
        @JsonProperty("ContainerID") String containerId,
        String detachKeys,
        Integer pid) {

    /** The process as started; Docker spells these fields in lower case. */
    public record ProcessConfig(
            @JsonProperty("privileged") Boolean privileged,
            @JsonProperty("user") String user,
            @JsonProperty("tty") Boolean tty,
            @JsonProperty("entrypoint") String entrypoint,
            @JsonProperty("arguments") List<String> arguments) {
    }
}
