package dev.berth.remote.images;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.StreamResponse;
import dev.berth.remote.stream.JsonStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads a pull, push, load or import answer to its end, handing every message to the caller's consumer. The engine
 * has already answered 200 when such an operation fails, so failures arrive in-band as {@code errorDetail}; they
 * become an {@link EngineApiException} once the stream is over.
 */
final class ProgressStream {

    private ProgressStream() {
    }

    /** Returns the messages that are not byte counts of a layer (statuses, streams, aux results). */
    static List<ProgressMessage> drain(EngineHttp http, StreamResponse response, Consumer<ProgressMessage> consumer,
                                       String what) {
        List<ProgressMessage> notable = new ArrayList<>();
        ProgressMessage failure = null;
        try (response; JsonStream<ProgressMessage> messages = new JsonStream<>(response.body(), ProgressMessage.class, what)) {
            for (ProgressMessage m = messages.next(); m != null; m = messages.next()) {
                if (m.isError() && failure == null) {
                    failure = m;
                }
                if (m.progressDetail() == null || m.progressDetail().total() == null) {
                    notable.add(m);
                }
                if (consumer != null) {
                    consumer.accept(m);
                }
            }
        } catch (IOException e) {
            throw http.transport().translate(e);
        }
        if (failure != null) {
            throw failure(failure);
        }
        return notable;
    }

    /**
     * The typed exception for an in-band failure. The engine's code is used when it sent one; otherwise the
     * message decides between "not found", "unauthorized" and a server error, as the engine would have if it had
     * not answered yet.
     */
    static EngineApiException failure(ProgressMessage m) {
        String message = m.errorMessage() == null ? "the engine reported a failure without a message" : m.errorMessage();
        Integer code = m.errorDetail() == null ? null : m.errorDetail().code();
        if (code != null && code >= 400 && code < 600) {
            return EngineApiException.of(code, message);
        }
        String lower = message.toLowerCase(Locale.ROOT);
        int status;
        if (lower.contains("not found") || lower.contains("manifest unknown") || lower.contains("no such image")
                || lower.contains("does not exist")) {
            status = 404;
        } else if (lower.contains("unauthorized") || lower.contains("authentication required")
                || lower.contains("access denied") || lower.contains("denied:")) {
            status = 401;
        } else {
            status = 500;
        }
        return EngineApiException.of(status, message);
    }
}
