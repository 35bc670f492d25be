package dev.berth.remote.client;

/** Base of every failure the Engine API client reports; the message is written for a user. */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
