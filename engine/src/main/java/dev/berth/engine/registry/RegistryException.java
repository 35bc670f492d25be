package dev.berth.engine.registry;

/** A registry refused or failed a request; the message is the one the docker CLI would print. */
public final class RegistryException extends RuntimeException {

    private final int status;

    public RegistryException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The registry's HTTP status, or 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
