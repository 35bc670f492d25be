package dev.berth.remote.client;

/**
 * The engine answered with an error status. Carries the HTTP status and the engine's own message, which is what
 * a user should see (it names the container, image or parameter at fault).
 */
public class EngineApiException extends EngineException {

    private final int status;
    private final String engineMessage;

    public EngineApiException(int status, String engineMessage) {
        super(engineMessage == null || engineMessage.isBlank() ? "engine answered HTTP " + status : engineMessage);
        this.status = status;
        this.engineMessage = engineMessage == null ? "" : engineMessage;
    }

    public int status() {
        return status;
    }

    public String engineMessage() {
        return engineMessage;
    }

    /** The typed exception for a status, so callers can catch "not found" or "conflict" specifically. */
    public static EngineApiException of(int status, String message) {
        return switch (status) {
            case 400 -> new BadRequest(status, message);
            case 401 -> new Unauthorized(status, message);
            case 403 -> new Forbidden(status, message);
            case 404 -> new NotFound(status, message);
            case 409 -> new Conflict(status, message);
            case 501 -> new NotImplemented(status, message);
            case 503 -> new Unavailable(status, message);
            default -> status >= 500 ? new ServerError(status, message) : new EngineApiException(status, message);
        };
    }

    /** 400: a parameter or body the engine refused. */
    public static class BadRequest extends EngineApiException {
        public BadRequest(int status, String message) {
            super(status, message);
        }
    }

    /** 401: registry credentials missing or refused. */
    public static class Unauthorized extends EngineApiException {
        public Unauthorized(int status, String message) {
            super(status, message);
        }
    }

    /** 403: not allowed, by an authorization plugin or because the driver does not support it. */
    public static class Forbidden extends EngineApiException {
        public Forbidden(int status, String message) {
            super(status, message);
        }
    }

    /** 404: no such container, image, network, volume or exec instance. */
    public static class NotFound extends EngineApiException {
        public NotFound(int status, String message) {
            super(status, message);
        }
    }

    /** 409: name in use, image in use, container paused or not running, and so on. */
    public static class Conflict extends EngineApiException {
        public Conflict(int status, String message) {
            super(status, message);
        }
    }

    /** 501: this engine does not implement the operation. */
    public static class NotImplemented extends EngineApiException {
        public NotImplemented(int status, String message) {
            super(status, message);
        }
    }

    /** 503: the engine is up but cannot serve this (for example, swarm not active). */
    public static class Unavailable extends EngineApiException {
        public Unavailable(int status, String message) {
            super(status, message);
        }
    }

    /** 500 and other 5xx: the engine failed while doing what was asked. */
    public static class ServerError extends EngineApiException {
        public ServerError(int status, String message) {
            super(status, message);
        }
    }
}
