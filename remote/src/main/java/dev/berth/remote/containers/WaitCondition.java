package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonValue;

/** What {@code POST /containers/{id}/wait} waits for. */
public enum WaitCondition {
    /** Returns at once if the container is not running, otherwise when it stops. */
    NOT_RUNNING("not-running"),
    /** The next exit, even if the container is not running yet (start waiting before start). */
    NEXT_EXIT("next-exit"),
    /** The container's removal. */
    REMOVED("removed");

    private final String wire;

    WaitCondition(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
