package dev.berth.engine.containers;

import dev.berth.engine.runtime.AttachSocket;
import dev.berth.engine.runtime.RuntimeThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies between a hijacked API connection and conmon's attach socket: container output to the client (framed
 * unless TTY), client input to the container's stdin (watching for the detach keys). Returns when the output
 * ends, the client detaches, or the client goes away.
 */
final class StreamPump {

    /** How the session ended. */
    enum End {
        OUTPUT_ENDED, DETACHED, CLIENT_GONE
    }

    private final AttachSocket socket;
    private final boolean raw;
    private final boolean stdout;
    private final boolean stderr;
    private volatile boolean detached;
    private volatile boolean clientGone;

    StreamPump(AttachSocket socket, boolean raw, boolean stdout, boolean stderr) {
        this.socket = socket;
        this.raw = raw;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param in       client input, or null when stdin is not attached
     * @param detach   the detach key sequence
     * @param closeStdinOnEof whether the client's end of input ends the container's stdin
     */
    End run(InputStream in, OutputStream out, byte[] detach, boolean closeStdinOnEof) {
        Thread input = null;
        if (in != null) {
            input = RuntimeThreads.start("berth-attach-stdin", () -> copyInput(in, detach, closeStdinOnEof));
        }
        try {
            AttachSocket.Packet packet;
            while ((packet = socket.receive()) != null) {
                int stream = packet.stream() == AttachSocket.STDERR ? StdStreams.STDERR : StdStreams.STDOUT;
                if ((stream == StdStreams.STDOUT && !stdout) || (stream == StdStreams.STDERR && !stderr)) {
                    continue;
                }
                StdStreams.write(out, raw, stream, packet.data());
                out.flush();
            }
        } catch (IOException e) {
            clientGone = !detached;
        } finally {
            socket.close();
            if (input != null) {
                input.interrupt();
            }
        }
        if (detached) {
            return End.DETACHED;
        }
        return clientGone ? End.CLIENT_GONE : End.OUTPUT_ENDED;
    }

    /** Ends the session from outside (the client disconnected). */
    void cancel() {
        clientGone = true;
        socket.close();
    }

    private void copyInput(InputStream in, byte[] detach, boolean closeStdinOnEof) {
        DetachKeys.Matcher matcher = new DetachKeys.Matcher(detach);
        byte[] buffer = new byte[8192];
        ByteArrayOutputStream pass = new ByteArrayOutputStream();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                pass.reset();
                boolean done = matcher.feed(buffer, 0, n, pass);
                if (pass.size() > 0) {
                    socket.send(pass.toByteArray(), 0, pass.size());
                }
                if (done) {
                    detached = true;
                    socket.close();
                    return;
                }
            }
            if (closeStdinOnEof) {
                socket.closeStdin();
            }
        } catch (IOException e) {
            // the client or the container went away; the output side notices on its own
        }
    }
}
