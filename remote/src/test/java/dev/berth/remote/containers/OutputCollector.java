package dev.berth.remote.containers;

import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.OutputChunk;
import dev.berth.remote.stream.StdStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reads a container's output on a background thread so tests can wait for text with a deadline instead of blocking
 * on a read that might never return.
 */
public final class OutputCollector {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private boolean ended;
    private Throwable failure;
    private int chunks;
    private boolean onlyStdoutChunks = true;

    public OutputCollector(ContainerOutput output) {
        Thread reader = new Thread(() -> {
            try {
                for (OutputChunk c = output.next(); c != null; c = output.next()) {
                    synchronized (this) {
                        (c.stream() == StdStream.STDERR ? stderr : stdout).writeBytes(c.bytes());
                        chunks++;
                        onlyStdoutChunks &= c.stream() == StdStream.STDOUT;
                        notifyAll();
                    }
                }
            } catch (Throwable t) {
                synchronized (this) {
                    failure = t;
                }
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }, "output-collector");
        reader.setDaemon(true);
        reader.start();
    }

    public synchronized String stdout() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    public synchronized String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    public synchronized boolean onlyStdoutChunks() {
        return onlyStdoutChunks && chunks > 0;
    }

    public synchronized Throwable failure() {
        return failure;
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** Waits until stdout contains the text; fails with what arrived so far otherwise. */
    public String awaitStdout(String text, Duration timeout) {
        awaitCondition(c -> c.stdout().contains(text), timeout, "stdout to contain \"" + text + "\"");
        return stdout();
    }

    /** Waits for the end of the stream. */
    public void awaitEnd(Duration timeout) {
        awaitCondition(OutputCollector::ended, timeout, "the output to end");
    }

    public synchronized void awaitCondition(Predicate<OutputCollector> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || (ended && !condition.test(this))) {
                throw new AssertionError("waited for " + what + "; ended=" + ended + ", stdout=\"" + stdout()
                        + "\", stderr=\"" + stderr() + "\"" + (failure == null ? "" : ", failure=" + failure), failure);
            }
            try {
                wait(Math.min(left, 100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
