package dev.berth.remote.containers;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One path that differs between the container's filesystem and its image ({@code GET /containers/{id}/changes}). */
public record FilesystemChange(String path, Kind kind) {

    /** On the wire 0, 1 and 2. */
    public enum Kind {
        MODIFIED, ADDED, DELETED;

        @JsonValue
        public int code() {
            return ordinal();
        }

        @JsonCreator
        public static Kind of(int code) {
            return switch (code) {
                case 0 -> MODIFIED;
                case 1 -> ADDED;
                case 2 -> DELETED;
                default -> null; // a newer engine's kind we do not know; the path is still worth showing
            };
        }
    }
}
