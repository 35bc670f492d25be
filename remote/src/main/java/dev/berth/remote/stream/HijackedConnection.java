package dev.berth.remote.stream;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import okio.BufferedSink;
import okio.Okio;
import okio.Socket;

/**
 * The duplex connection of an attach or exec after the HTTP upgrade: what is written to {@link #stdin()} reaches
 * the process, {@link #output()} delivers what it writes. {@link #closeStdin()} half-closes so a non-TTY process
 * sees end of input while its output keeps flowing; a TTY reads EOF from Ctrl-D ({@code 0x04}) instead.
 */
public final class HijackedConnection implements Closeable {

    private final Socket socket;
    private final BufferedSink sink;
    private final InputStream input;
    private final ContainerOutput output;
    private final boolean multiplexed;
    private final OutputStream stdin;

    public HijackedConnection(Socket socket, boolean multiplexed) {
        this.socket = socket;
        this.multiplexed = multiplexed;
        this.sink = Okio.buffer(socket.getSink());
        this.input = Okio.buffer(socket.getSource()).inputStream();
        this.output = ContainerOutput.of(input, multiplexed);
        this.stdin = new FilterOutputStream(sink.outputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                out.flush(); // keystrokes must arrive now, not when a buffer fills
            }

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                closeStdin();
            }
        };
    }

    /** Bytes written here go to the process's stdin, unbuffered. */
    public OutputStream stdin() {
        return stdin;
    }

    public ContainerOutput output() {
        return output;
    }

    /** Raw TTY stream ({@code false}) or stdout/stderr frames ({@code true}). */
    public boolean multiplexed() {
        return multiplexed;
    }

    /** Ends the process's input (half-close): non-TTY processes such as {@code cat} see EOF and exit. */
    public void closeStdin() throws IOException {
        sink.close();
    }

    /** Drops the connection; the process keeps running (that is a detach, not a kill). */
    @Override
    public void close() {
        socket.cancel();
        try {
            sink.close();
        } catch (IOException ignored) {
            // already half-closed or gone
        }
        try {
            input.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
