package dev.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code runc start} does, in-process. A created container's init blocks writing one byte into
 * {@code <runc root>/<id>/exec.fifo}; runc start is only the reader that releases it: it reads to end-of-file
 * (init's end closes when it execs the user's process) and removes the FIFO, which is what makes runc report the
 * container as running (runc 1.1's {@code linuxContainer.exec}; runc 1.0–1.2 and crun share the protocol).
 * Doing this here spares spawning runc on every start, about 8 ms.
 *
 * <p>Anything unexpected is left to {@code runc start} with its own checks and messages: no FIFO (never created,
 * started already), or an init that died before writing. The reading end is never closed while init may still
 * write to it: a write into a FIFO without a reader would kill the container's start with EPIPE.
 */
final class ExecFifo {

    private static final Logger LOG = LoggerFactory.getLogger(ExecFifo.class);
    private static final Pattern INIT_PID = Pattern.compile("\"init_process_pid\"\\s*:\\s*(\\d+)");
    private static final int POLL_MILLIS = 100;

    private ExecFifo() {
    }

    /**
     * Releases the container whose runc state directory is {@code stateDir}. True when it did (init has exec'd
     * the user's process); false when {@code runc start} should decide, nothing having been read.
     *
     * @throws RuntimeFailure when init neither wrote nor died within {@code timeoutSeconds}
     */
    static boolean release(Path stateDir, long timeoutSeconds) {
        Path fifo = stateDir.resolve("exec.fifo");
        LibC.PollFd poll;
        int fd;
        try {
            poll = new LibC.PollFd(); // everything that could fail comes before the open: see the class comment
            // non-blocking: an open for reading would otherwise wait for init's open for writing, forever if it died
            fd = LibC.INSTANCE.open(fifo.toString(), LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            return false; // no FIFO: runc start says why
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("cannot open {} in-process: {}", fifo, e.toString());
            return false;
        }
        boolean read = false;
        try {
            read = readToEnd(fd, poll, stateDir, TimeUnit.SECONDS.toNanos(timeoutSeconds));
        } finally {
            closeQuietly(fd);
        }
        if (!read) {
            return false;
        }
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            throw new RuntimeFailure("cannot remove " + fifo + ": " + e.getMessage(), e);
        }
        return true;
    }

    /** True once something was read and init closed its end; false when init died without writing. */
    private static boolean readToEnd(int fd, LibC.PollFd poll, Path stateDir, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        byte[] buffer = new byte[64];
        boolean gotData = false;
        while (true) {
            poll.fd = fd;
            poll.events = LibC.POLLIN;
            poll.revents = 0;
            int ready;
            try {
                ready = LibC.INSTANCE.poll(poll, 1, POLL_MILLIS);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                throw new RuntimeFailure("cannot wait on the exec FIFO: " + LibC.describe(e), e);
            }
            if (ready == 0) {
                // init has not written yet (a FIFO whose writer never came polls as neither readable nor hung up)
                if (!gotData && !initAlive(stateDir)) {
                    return false;
                }
                if (System.nanoTime() > deadline) {
                    throw new RuntimeFailure("the container's init did not start within "
                            + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s");
                }
                continue;
            }
            long n;
            try {
                n = LibC.INSTANCE.read(fd, buffer, buffer.length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR || e.getErrorCode() == LibC.EAGAIN) {
                    continue;
                }
                throw new RuntimeFailure("cannot read the exec FIFO: " + LibC.describe(e), e);
            }
            if (n > 0) {
                gotData = true;
            } else if (gotData) {
                return true; // end-of-file after the byte: init has exec'd
            } else if (!initAlive(stateDir)) {
                return false; // hung up without a word
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // init is on its way out
            }
        }
    }

    /** As runc checks it: init's PID (from runc's state) exists and is not a zombie. */
    private static boolean initAlive(Path stateDir) {
        try {
            Matcher m = INIT_PID.matcher(Files.readString(stateDir.resolve("state.json")));
            if (!m.find()) {
                return false;
            }
            String stat = Files.readString(Path.of("/proc", m.group(1), "stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(int fd) {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            // nothing left to release
        }
    }
}
