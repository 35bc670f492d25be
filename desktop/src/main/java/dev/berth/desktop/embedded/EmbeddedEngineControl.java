package dev.berth.desktop.embedded;

import dev.berth.remote.endpoint.EngineEndpoint;
import java.util.List;

/**
 * What Settings may do with the engine the app runs itself: see how it listens and start it again with other
 * listener flags. Restarting stops serving, never the containers: they keep running under conmon and the engine
 * adopts them again.
 */
public interface EmbeddedEngineControl {

    /** Whether the app can change how its engine listens. */
    enum Availability {
        /** The app runs the engine (or may start it): restarting it with other flags is up to the app. */
        AVAILABLE,
        /** The app does not run as root, so it cannot run Berth's engine. */
        NOT_ROOT,
        /** A {@code berth engine} started outside the app serves the socket; its flags are its operator's. */
        STARTED_OUTSIDE_THE_APP
    }

    /** The engine cannot start with the flags asked for; the message is the engine's own, for users. */
    final class StartFailure extends Exception {
        public StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine's Unix socket, as the engines list knows it. */
    EngineEndpoint endpoint();

    /** Blocking (it may ask the socket whether someone else's engine answers). */
    Availability availability();

    /** The addresses the engine serves now ({@code unix:///…}, {@code tcp://…}); empty while it does not run. */
    List<String> listening();

    /**
     * Why the listener flags the engine was to start with were dropped when it started (it then started without
     * them), or null.
     */
    String droppedFlagsProblem();

    /**
     * Stops the engine and starts it on the same socket and directories with {@code extraFlags} added to its own
     * ({@code berth engine} flags, e.g. {@code -H tcp://0.0.0.0:2376 --tlsverify …}). Blocking.
     *
     * @return the addresses it serves now
     * @throws StartFailure when it cannot start with these flags; it is then not running
     */
    List<String> restart(List<String> extraFlags) throws StartFailure;
}
