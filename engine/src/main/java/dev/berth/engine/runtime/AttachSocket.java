package dev.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A client of conmon's attach socket ({@code SOCK_SEQPACKET}). Each packet from conmon is one byte naming the
 * stream (1 stdin, 2 stdout, 3 stderr) followed by up to 8 KiB of output; bytes sent go to the container's stdin;
 * shutting down the write side is stdin's end of file. Paths too long for {@code sun_path} (108 bytes) are reached
 * through {@code /proc/self/fd/N/attach} of an O_PATH handle on the directory, as podman does.
 */
public final class AttachSocket implements AutoCloseable {

    /** Which stream a packet carries. */
    public static final int STDIN = 1;
    public static final int STDOUT = 2;
    public static final int STDERR = 3;

    /** conmon reads at most this much per packet; larger sends would be cut. */
    private static final int MAX_SEND = 4096;
    private static final int SUN_PATH_MAX = 107;

    /** One packet of output. */
    public record Packet(int stream, byte[] data) {
    }

    private final int fd;
    private final byte[] buffer = new byte[64 * 1024];
    private volatile boolean closed;
    private boolean receiving;
    private boolean released;

    private AttachSocket(int fd) {
        this.fd = fd;
    }

    public static AttachSocket connect(Path socket) throws IOException {
        int fd;
        try {
            fd = LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC_FLAG, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot create a socket: " + LibC.describe(e), e);
        }
        int dirFd = -1;
        try {
            String path = socket.toString();
            if (path.getBytes(StandardCharsets.UTF_8).length > SUN_PATH_MAX) {
                dirFd = LibC.INSTANCE.open(socket.getParent().toString(), LibC.O_PATH | LibC.O_CLOEXEC, 0);
                path = "/proc/self/fd/" + dirFd + "/" + socket.getFileName();
            }
            byte[] name = path.getBytes(StandardCharsets.UTF_8);
            byte[] address = new byte[2 + name.length + 1];
            address[0] = (byte) LibC.AF_UNIX; // sa_family_t, little-endian
            System.arraycopy(name, 0, address, 2, name.length);
            LibC.INSTANCE.connect(fd, address, address.length);
            return new AttachSocket(fd);
        } catch (LastErrorException e) {
            closeFd(fd);
            throw new IOException("cannot connect to " + socket + ": " + LibC.describe(e), e);
        } finally {
            if (dirFd >= 0) {
                closeFd(dirFd);
            }
        }
    }

    /** The next packet, or null once conmon closed the connection (the container's output has ended). */
    public Packet receive() throws IOException {
        synchronized (this) {
            if (closed) {
                return null;
            }
            receiving = true;
        }
        try {
            return receiveLoop();
        } finally {
            synchronized (this) {
                receiving = false;
                if (closed) {
                    release();
                }
            }
        }
    }

    private Packet receiveLoop() throws IOException {
        while (true) {
            long n;
            try {
                n = LibC.INSTANCE.recv(fd, buffer, buffer.length, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                if (closed) {
                    return null;
                }
                throw new IOException("attach socket: " + LibC.describe(e), e);
            }
            if (n <= 0) {
                return null;
            }
            if (n == 1) {
                continue;
            }
            return new Packet(buffer[0], Arrays.copyOfRange(buffer, 1, (int) n));
        }
    }

    /** Writes to the container's stdin. */
    public void send(byte[] data, int offset, int length) throws IOException {
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int chunk = Math.min(MAX_SEND, end - pos);
            byte[] packet = Arrays.copyOfRange(data, pos, pos + chunk);
            try {
                LibC.INSTANCE.send(fd, packet, chunk, LibC.MSG_NOSIGNAL);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                throw new IOException("attach socket: " + LibC.describe(e), e);
            }
            pos += chunk;
        }
    }

    /** Ends the container's stdin (conmon closes it unless told to leave it open). */
    public void closeStdin() {
        try {
            LibC.INSTANCE.shutdown(fd, LibC.SHUT_WR);
        } catch (LastErrorException e) {
            // already gone
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.INSTANCE.shutdown(fd, LibC.SHUT_RDWR);
        } catch (LastErrorException e) {
            // already disconnected
        }
        // A reader blocked in recv wakes up from the shutdown and releases the fd itself, so the number is never
        // reused under its feet.
        if (!receiving) {
            release();
        }
    }

    private void release() {
        if (!released) {
            released = true;
            closeFd(fd);
        }
    }

    private static void closeFd(int fd) {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // nothing else to do
        }
    }
}
