package dev.berth.engine.runtime;

/**
 * runc or conmon failed; the message is the runtime's own explanation (e.g. {@code runc create failed: unable to
 * start container process: exec: "/x": stat /x: no such file or directory}), fit to show the user.
 */
public class RuntimeFailure extends RuntimeException {

    public RuntimeFailure(String message) {
        super(message);
    }

    public RuntimeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
