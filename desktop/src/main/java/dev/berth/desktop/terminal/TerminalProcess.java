package dev.berth.desktop.terminal;

/**
 * The process on the far side of a terminal: an exec'd shell or a container's main process. Its calls block on the
 * engine; the terminal makes them from its own threads, never the FX thread.
 */
interface TerminalProcess {

    /** Short description for thread names and messages, e.g. "sh" or "main process". */
    String name();

    /** Gives the process's TTY a new size (SIGWINCH). */
    void resize(int rows, int columns);

    /**
     * After its output ended: the exit code, or null when the process is still running (a detached attach) or the
     * engine does not know it.
     */
    Integer exitCode();

    /**
     * Asks the process to end because the user closed the terminal. An exec'd shell would otherwise outlive the
     * connection (the engine does not hang up its TTY); a container's main process must be left alone.
     *
     * @return whether the process was asked to end (so its output will end soon)
     */
    boolean hangUp(java.io.OutputStream stdin);
}
