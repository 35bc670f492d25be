package dev.berth.remote.images;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON message of a pull, push, load or import stream (moby {@code jsonmessage.JSONMessage}). Drive progress
 * displays from {@code id} and {@code progressDetail}, not from the {@code status} wording, which differs between
 * engines and image stores.
 *
 * @param status         "Downloading", "Pull complete", "Pushed", "Loading layer", "Status: …", …
 * @param id             the layer (short ID) the status is about, or the tag for "Pulling from …"
 * @param progressDetail bytes done and total, when the status is a transfer
 * @param progress       a pre-rendered progress bar (legacy; for logs only)
 * @param stream         free text, e.g. "Loaded image: busybox:latest\n"
 * @param errorDetail    set when the operation failed after the engine had already answered 200
 * @param error          the same failure as plain text (legacy)
 * @param aux            extra results: the pushed digest ({@code Tag}, {@code Digest}, {@code Size}), a built image ID
 */
public record ProgressMessage(
        @JsonProperty("status") String status,
        @JsonProperty("id") String id,
        @JsonProperty("progressDetail") ProgressDetail progressDetail,
        @JsonProperty("progress") String progress,
        @JsonProperty("stream") String stream,
        @JsonProperty("errorDetail") ErrorDetail errorDetail,
        @JsonProperty("error") String error,
        @JsonProperty("aux") JsonNode aux) {

    /** Whether this message reports a failure. */
    @JsonIgnore
    public boolean isError() {
        return errorDetail != null || (error != null && !error.isEmpty());
    }

    /** The failure text, preferring {@code errorDetail.message}. */
    @JsonIgnore
    public String errorMessage() {
        if (errorDetail != null && errorDetail.message() != null && !errorDetail.message().isEmpty()) {
            return errorDetail.message();
        }
        return error;
    }

    /** Bytes done and expected; empty ({@code {}}) for statuses that are not transfers. */
    public record ProgressDetail(
            @JsonProperty("current") Long current,
            @JsonProperty("total") Long total,
            @JsonProperty("start") Long start,
            @JsonProperty("hidecounts") Boolean hideCounts,
            @JsonProperty("units") String units) {

        public static ProgressDetail of(long current, long total) {
            return new ProgressDetail(current, total, null, null, null);
        }
    }

    /** A failure reported inside a stream: an optional code and the message to show. */
    public record ErrorDetail(@JsonProperty("code") Integer code, @JsonProperty("message") String message) {
    }
}
