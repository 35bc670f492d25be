package dev.berth.desktop.terminal;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.exec.ExecInspect;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A shell or command started with exec and a TTY. */
final class ExecProcess implements TerminalProcess {

    /**
     * Ctrl-C ends a foreground job, Ctrl-U drops a half-typed line, then the shell is told to exit: what closing a
     * terminal window achieves through SIGHUP, which the engine never sends to an exec.
     */
    private static final byte[] HANG_UP = "\u0003\u0015exit\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    private final EngineClient client;
    private final String execId;
    private final String name;

    ExecProcess(EngineClient client, String execId, String name) {
        this.client = client;
        this.execId = execId;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void resize(int rows, int columns) {
        client.exec().resize(execId, rows, columns);
    }

    @Override
    public Integer exitCode() {
        try {
            ExecInspect state = client.exec().awaitExit(execId, EXIT_GRACE);
            return state.exitCode();
        } catch (EngineException e) {
            return null;
        }
    }

    @Override
    public boolean hangUp(OutputStream stdin) {
        try {
            stdin.write(HANG_UP);
            return true;
        } catch (IOException e) {
            return false; // the connection is already gone, and the shell with it
        }
    }
}
