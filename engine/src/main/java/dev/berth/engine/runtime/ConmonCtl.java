package dev.berth.engine.runtime;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * conmon's control FIFO: {@code "1 <rows> <columns>\n"} resizes the container's terminal. Opened non-blocking so
 * a missing conmon (no reader) fails at once instead of hanging the API call.
 */
public final class ConmonCtl {

    private ConmonCtl() {
    }

    public static void resize(Path ctlFifo, int rows, int columns) {
        byte[] message = ("1 " + rows + " " + columns + "\n").getBytes(StandardCharsets.US_ASCII);
        int fd;
        try {
            fd = LibC.INSTANCE.open(ctlFifo.toString(), LibC.O_WRONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new RuntimeFailure("cannot resize the terminal: " + (e.getErrorCode() == LibC.ENXIO
                    ? "the container's monitor is not running" : LibC.describe(e)));
        }
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    LibC.INSTANCE.write(fd, message, message.length);
                    return;
                } catch (LastErrorException e) {
                    if ((e.getErrorCode() == LibC.EAGAIN || e.getErrorCode() == LibC.EINTR) && attempt < 50) {
                        sleep();
                        continue;
                    }
                    throw new RuntimeFailure("cannot resize the terminal: " + LibC.describe(e));
                }
            }
        } finally {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // written or not, nothing to keep
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
