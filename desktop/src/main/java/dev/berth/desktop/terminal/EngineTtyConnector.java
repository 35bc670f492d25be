package dev.berth.desktop.terminal;

import com.techsenger.jeditermfx.core.TtyConnector;
import com.techsenger.jeditermfx.core.util.TermSize;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.stream.OutputChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the terminal emulator to a process's TTY over the engine's hijacked exec or attach stream. The emulator's
 * own thread reads (blocking); keystrokes and resizes arrive on another JediTerm thread. When the output ends, the
 * exit code is looked up and written into the terminal as its last line, then {@code onEnded} is told.
 */
final class EngineTtyConnector implements TtyConnector {

    private static final Texts T = Texts.of(EngineTtyConnector.class);

    private static final Logger LOG = LoggerFactory.getLogger(EngineTtyConnector.class);
    private static final int RECENT_CHARS = 2048;
    private static final long HANG_UP_WAIT_MILLIS = 2000;

    /**
     * How a session ended.
     *
     * @param exitCode       null if unknown or the process still runs (detached)
     * @param commandMissing the engine could not start the command (not installed in the container)
     * @param byUser         the user disconnected or closed the terminal; nothing to report
     */
    record Ended(Integer exitCode, boolean commandMissing, boolean byUser) {
    }

    private final HijackedConnection connection;
    private final TerminalProcess process;
    private final Consumer<Ended> onEnded;
    private final Utf8StreamDecoder decoder = new Utf8StreamDecoder();
    private final StringBuilder recent = new StringBuilder();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean byUser = new AtomicBoolean();
    private volatile boolean endOfOutput;
    private volatile Integer exitCode;
    private String pending = "";
    private int pendingPos;

    EngineTtyConnector(HijackedConnection connection, TerminalProcess process, Consumer<Ended> onEnded) {
        this.connection = connection;
        this.process = process;
        this.onEnded = onEnded;
    }

    TerminalProcess process() {
        return process;
    }

    @Override
    public int read(char[] buf, int offset, int length) {
        // The emulator takes 0 as end of stream, so block until there is at least one character.
        while (pendingPos >= pending.length()) {
            if (endOfOutput) {
                return -1;
            }
            OutputChunk chunk = nextChunk();
            if (chunk == null) {
                endOfOutput = true;
                pending = decoder.finish() + finish();
            } else {
                pending = decoder.decode(chunk.bytes());
                remember(pending);
            }
            pendingPos = 0;
        }
        int n = Math.min(length, pending.length() - pendingPos);
        pending.getChars(pendingPos, pendingPos + n, buf, offset);
        pendingPos += n;
        return n;
    }

    private OutputChunk nextChunk() {
        try {
            return connection.output().next();
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("terminal stream of {} broke", process.name(), e);
            }
            return null; // a broken connection ends the session like a closed one
        }
    }

    /** Works out how the process ended and returns the text that says so in the terminal. */
    private String finish() {
        Ended end;
        String trailer;
        if (closed.get() || byUser.get()) {
            end = new Ended(null, false, true);
            trailer = "\r\n" + T.get("terminal.screen.disconnected") + "\r\n";
        } else {
            Integer code = process.exitCode();
            exitCode = code;
            boolean missing = code != null && (code == 126 || code == 127) && mentionsMissingCommand(recent);
            end = new Ended(code, missing, false);
            trailer = "\r\n" + (code == null ? T.get("terminal.screen.disconnected") : T.get("terminal.exited", code)) + "\r\n";
        }
        ended.countDown();
        try {
            onEnded.accept(end);
        } catch (RuntimeException e) {
            LOG.warn("terminal end listener failed", e);
        }
        return trailer;
    }

    private static boolean mentionsMissingCommand(CharSequence output) {
        String text = output.toString();
        return text.contains("executable file not found") || text.contains("no such file or directory");
    }

    private void remember(String text) {
        recent.append(text);
        if (recent.length() > RECENT_CHARS) {
            recent.delete(0, recent.length() - RECENT_CHARS);
        }
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        if (closed.get() || endOfOutput) {
            return; // keys typed into the screen of an ended session go nowhere, quietly
        }
        connection.stdin().write(bytes);
    }

    @Override
    public void write(String string) throws IOException {
        write(string.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void resize(TermSize size) {
        if (closed.get() || endOfOutput || size.getRows() <= 0 || size.getColumns() <= 0) {
            return;
        }
        try {
            process.resize(size.getRows(), size.getColumns());
        } catch (EngineException e) {
            LOG.debug("resize of {} refused: {}", process.name(), e.getMessage()); // the process may just have ended
        }
    }

    @Override
    public boolean isConnected() {
        return !closed.get() && !endOfOutput;
    }

    @Override
    public int waitFor() throws InterruptedException {
        ended.await();
        Integer code = exitCode;
        return code == null ? -1 : code;
    }

    @Override
    public boolean ready() {
        return pendingPos < pending.length();
    }

    @Override
    public String getName() {
        return process.name();
    }

    /**
     * The user is done with this session: asks the process to end (an exec'd shell), gives it a moment to do so, then
     * drops the connection. Blocks for up to {@code HANG_UP_WAIT}; call it off the FX thread.
     */
    void hangUp() {
        byUser.set(true);
        if (!closed.get() && !endOfOutput && process.hangUp(connection.stdin())) {
            try {
                // Closing at once could reset the connection before the engine has passed "exit" on.
                ended.await(HANG_UP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /** Drops the connection; the reading thread then sees the end of the stream. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
