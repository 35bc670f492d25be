package dev.berth.remote.client;

/** The engine's answer could not be understood: malformed JSON, a wrong content type, a cut-off stream. */
public class EngineProtocolException extends EngineException {

    public EngineProtocolException(String message) {
        super(message);
    }

    public EngineProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
