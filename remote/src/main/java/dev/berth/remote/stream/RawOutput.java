package dev.berth.remote.stream;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** A TTY's output: one undivided byte stream, reported as stdout. */
final class RawOutput implements ContainerOutput {

    private final InputStream in;
    private final byte[] buffer = new byte[8192];

    RawOutput(InputStream in) {
        this.in = in;
    }

    @Override
    public OutputChunk next() throws IOException {
        int n = in.read(buffer);
        while (n == 0) {
            n = in.read(buffer);
        }
        return n < 0 ? null : new OutputChunk(StdStream.STDOUT, Arrays.copyOf(buffer, n));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
