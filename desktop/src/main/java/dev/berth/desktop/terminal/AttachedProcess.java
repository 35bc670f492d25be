package dev.berth.desktop.terminal;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.containers.ContainerInspect;
import java.io.OutputStream;

/** A container's main process, reached by attaching to its TTY. */
final class AttachedProcess implements TerminalProcess {

    private static final long EXIT_GRACE_MILLIS = 3000;

    private final EngineClient client;
    private final String containerId;

    AttachedProcess(EngineClient client, String containerId) {
        this.client = client;
        this.containerId = containerId;
    }

    @Override
    public String name() {
        return "main process";
    }

    @Override
    public void resize(int rows, int columns) {
        client.containers().resize(containerId, rows, columns);
    }

    @Override
    public Integer exitCode() {
        // The attach stream ends a moment before the engine records the container as stopped.
        long deadline = System.currentTimeMillis() + EXIT_GRACE_MILLIS;
        long pause = 20;
        try {
            while (true) {
                ContainerInspect inspect = client.containers().inspect(containerId);
                if (inspect.state() == null || !Boolean.TRUE.equals(inspect.state().running())) {
                    return inspect.state() == null ? null : inspect.state().exitCode();
                }
                if (System.currentTimeMillis() > deadline) {
                    return null; // still running: we were detached, the process did not end
                }
                Thread.sleep(pause);
                pause = Math.min(200, pause * 2);
            }
        } catch (EngineException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public boolean hangUp(OutputStream stdin) {
        return false; // detaching must leave the container's main process running
    }
}
