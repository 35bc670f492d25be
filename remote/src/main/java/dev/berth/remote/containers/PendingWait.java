package dev.berth.remote.containers;

import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Json;
import dev.berth.remote.client.StreamResponse;
import java.io.Closeable;
import java.io.IOException;

/**
 * A wait the engine has registered: the engine answers {@code /wait} with its status line as soon as it watches the
 * container, and with the body once the condition is met. So {@code beginWait(id, NEXT_EXIT)} followed by
 * {@code start(id)} cannot miss a quick exit, as the docker CLI's {@code run} relies on.
 */
public final class PendingWait implements Closeable {

    private final EngineHttp http;
    private final StreamResponse response;
    private final String container;

    PendingWait(EngineHttp http, StreamResponse response, String container) {
        this.http = http;
        this.response = response;
        this.container = container;
    }

    /** Blocks, without a timeout, until the condition is met; {@link #close()} from another thread cancels it. */
    public WaitResponse await() {
        try (response) {
            byte[] body = response.body().readAllBytes();
            if (body.length == 0) {
                throw new EngineProtocolException("the engine ended the wait for container " + container
                        + " without saying how it exited");
            }
            return Json.MAPPER.readValue(body, WaitResponse.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EngineProtocolException("the engine sent malformed JSON for the wait on container " + container
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw http.transport().translate(e);
        }
    }

    /** Stops waiting (cancels the call). */
    @Override
    public void close() {
        response.close();
    }
}
