package dev.berth.remote.stream;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Output of a container or exec process: logs, attach and exec all deliver it either multiplexed (8-byte frame
 * headers separating stdout and stderr) or raw (a TTY). Which one is decided by the caller from the container's or
 * exec's {@code Tty} setting, never by guessing from the bytes: TTY output may well start with 0x01.
 */
public interface ContainerOutput extends Closeable {

    /** The next chunk, or {@code null} at the end of the stream. Blocks until data arrives. */
    OutputChunk next() throws IOException;

    static ContainerOutput of(InputStream in, boolean multiplexed) {
        return multiplexed ? new MultiplexedOutput(in) : new RawOutput(in);
    }

    /** Feeds every chunk to the consumer until the stream ends. */
    default void forEach(Consumer<OutputChunk> consumer) {
        try {
            for (OutputChunk c = next(); c != null; c = next()) {
                consumer.accept(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads to the end and returns stdout and stderr separately (for short outputs). */
    default Collected collect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        forEach(c -> (c.stream() == StdStream.STDERR ? err : out).writeBytes(c.bytes()));
        return new Collected(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Collected(String stdout, String stderr) {
    }
}
