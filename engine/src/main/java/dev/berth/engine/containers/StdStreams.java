package dev.berth.engine.containers;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's stream framing: with a TTY the output is raw; without, every chunk carries an 8-byte header
 * {@code [stream, 0, 0, 0, size as uint32 big-endian]} with stream 0 stdin, 1 stdout, 2 stderr.
 */
final class StdStreams {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    static final String RAW = "application/vnd.docker.raw-stream";
    static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

    private StdStreams() {
    }

    static void write(OutputStream out, boolean raw, int stream, byte[] data, int offset, int length)
            throws IOException {
        if (length == 0) {
            return;
        }
        if (!raw) {
            out.write(new byte[] {(byte) stream, 0, 0, 0, (byte) (length >>> 24), (byte) (length >>> 16),
                    (byte) (length >>> 8), (byte) length});
        }
        out.write(data, offset, length);
    }

    static void write(OutputStream out, boolean raw, int stream, byte[] data) throws IOException {
        write(out, raw, stream, data, 0, data.length);
    }

    /** The content type of an attach, exec or logs stream, by API version and TTY, as moby picks it. */
    static String contentType(boolean tty, boolean api142) {
        return !tty && api142 ? MULTIPLEXED : RAW;
    }
}
