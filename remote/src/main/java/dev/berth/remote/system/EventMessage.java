package dev.berth.remote.system;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One object of the {@code /events} stream: something happened to a container, image, network, volume, … Engines
 * before API 1.52 also send the legacy {@code status}, {@code id} and {@code from} fields for containers and images.
 *
 * @param type     "container", "image", "network", "volume", "daemon", "plugin", …
 * @param action   "create", "start", "die", "health_status: healthy", "exec_start: sh -c …", …
 * @param actor    the object concerned and its attributes (name, image, exitCode, labels, …)
 * @param scope    "local" or "swarm"
 * @param time     seconds since the epoch
 * @param timeNano nanoseconds since the epoch
 */
public record EventMessage(
        String type,
        String action,
        Actor actor,
        @JsonProperty("scope") String scope,
        @JsonProperty("time") Long time,
        @JsonProperty("timeNano") Long timeNano,
        @JsonProperty("status") String status,
        @JsonProperty("id") String id,
        @JsonProperty("from") String from) {

    /** The object an event is about; {@code Attributes} carries its name, image and labels. */
    public record Actor(@JsonProperty("ID") String id, Map<String, String> attributes) {

        public String attribute(String name) {
            return attributes == null ? null : attributes.get(name);
        }
    }

    /** When it happened, to the nanosecond when the engine says so. */
    @JsonIgnore
    public Instant instant() {
        if (timeNano != null && timeNano != 0) {
            return Instant.ofEpochSecond(0, timeNano);
        }
        return time == null ? null : Instant.ofEpochSecond(time);
    }

    /** The actor's ID (or the legacy {@code id} of old engines). */
    @JsonIgnore
    public String actorId() {
        return actor != null && actor.id() != null ? actor.id() : id;
    }
}
