package dev.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A named pipe the engine shares with conmon in place of the socketpairs podman passes as extra fds (a JVM child
 * cannot inherit them). The engine opens it read-write, so neither side ever blocks on open and a crashed conmon
 * never produces EOF: reads therefore always have a timeout.
 */
final class Fifo implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Future<?> reader;

    private Fifo(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Creates (replacing a stale one) and opens the FIFO. */
    static Fifo create(Path path) throws IOException {
        Files.deleteIfExists(path);
        try {
            LibC.INSTANCE.mkfifo(path.toString(), 0600);
        } catch (LastErrorException e) {
            throw new IOException("cannot create FIFO " + path + ": " + LibC.describe(e), e);
        }
        return new Fifo(path, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    Path path() {
        return path;
    }

    /** Writes one byte: conmon's "go ahead" on its start pipe. */
    void signal() throws IOException {
        channel.write(ByteBuffer.wrap(new byte[] {'1'}));
    }

    /** The next line conmon wrote, or null if none came within the timeout. */
    synchronized String readLine(long timeout, TimeUnit unit) throws InterruptedException {
        if (reader == null) {
            // a pooled thread: one per FIFO would be created and torn down on every container start
            reader = RuntimeThreads.IO.submit(this::readLoop);
        }
        return lines.poll(timeout, unit);
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (channel.isOpen()) {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buffer.get(i);
                    if (b == '\n') {
                        lines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else {
                        line.write(b);
                    }
                }
            }
        } catch (IOException e) {
            // closed: the session is over
        }
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.cancel(true);
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a stale FIFO is replaced on the next start
        }
    }
}
