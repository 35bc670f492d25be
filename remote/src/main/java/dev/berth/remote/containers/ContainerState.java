package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The run state of an inspected container.
 *
 * @param status     "created", "running", "paused", "restarting", "removing", "exited" or "dead"
 * @param pid        0 unless running
 * @param startedAt  RFC 3339 with nanoseconds; "0001-01-01T00:00:00Z" if never started
 * @param finishedAt RFC 3339 with nanoseconds; "0001-01-01T00:00:00Z" if never stopped
 * @param health     only for containers with a health check
 */
public record ContainerState(
        String status,
        Boolean running,
        Boolean paused,
        Boolean restarting,
        @JsonProperty("OOMKilled") Boolean oomKilled,
        Boolean dead,
        Integer pid,
        Integer exitCode,
        String error,
        String startedAt,
        String finishedAt,
        Health health) {
}
