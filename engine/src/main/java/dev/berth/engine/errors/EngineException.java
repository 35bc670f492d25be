package dev.berth.engine.errors;

/**
 * A failure the API reports to its client as Docker does: an HTTP status and {@code {"message": …}}.
 * Services throw the subclasses; the API layer is the only place that turns them into responses.
 */
public class EngineException extends RuntimeException {

    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public EngineException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: the request itself is wrong (bad parameter, invalid reference, unknown filter). */
    public static EngineException badRequest(String message) {
        return new EngineException(400, message);
    }

    /** 404: "No such container: x", "No such image: x", "No such volume: x", "No such exec instance: x". */
    public static EngineException notFound(String message) {
        return new EngineException(404, message);
    }

    /** 409: name in use, container running, image in use, volume in use. */
    public static EngineException conflict(String message) {
        return new EngineException(409, message);
    }

    /** 304: the container is already started/stopped; the API answers with an empty body. */
    public static EngineException notModified() {
        return new EngineException(304, "");
    }

    /** 403: an operation the host cannot grant (a limit above the hard rlimit, for instance). */
    public static EngineException forbidden(String message) {
        return new EngineException(403, message);
    }

    /** 500: the engine or the runtime failed; the message says what and why. */
    public static EngineException serverError(String message, Throwable cause) {
        return new EngineException(500, message, cause);
    }

    public static EngineException serverError(String message) {
        return new EngineException(500, message);
    }
}
