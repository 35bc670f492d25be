package dev.berth.remote.transport;

import java.io.IOException;

/** Carries an already-diagnosed connection failure through OkHttp, which only lets IOExceptions pass. */
public final class EngineConnectionIOException extends IOException {

    private final EngineConnectionException reason;

    public EngineConnectionIOException(EngineConnectionException reason) {
        super(reason.getMessage(), reason);
        this.reason = reason;
    }

    public EngineConnectionException reason() {
        return reason;
    }
}
