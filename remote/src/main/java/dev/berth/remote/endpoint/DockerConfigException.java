package dev.berth.remote.endpoint;

/**
 * The docker CLI configuration (environment, {@code config.json}, contexts) cannot be used as it is. The message is
 * a sentence for the user that names the file or variable to fix.
 */
public class DockerConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DockerConfigException(String message) {
        super(message);
    }

    public DockerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
