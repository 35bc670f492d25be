package dev.berth.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Bytes arriving from the event loop, read by a worker thread. The producer side is told to pause reading when
 * too much is queued ({@code throttle}) so a large upload never fills the heap.
 */
final class BodyStream extends InputStream {

    private static final int HIGH_WATER = 64;
    private static final int LOW_WATER = 8;

    private final Deque<byte[]> chunks = new ArrayDeque<>();
    private final Throttle throttle;
    private byte[] current;
    private int position;
    private boolean ended;
    private boolean paused;
    private IOException failure;

    interface Throttle {
        void pause();

        void resume();
    }

    BodyStream(Throttle throttle) {
        this.throttle = throttle;
    }

    synchronized void push(byte[] bytes) {
        if (ended || bytes.length == 0) {
            return;
        }
        chunks.addLast(bytes);
        if (!paused && chunks.size() >= HIGH_WATER) {
            paused = true;
            throttle.pause();
        }
        notifyAll();
    }

    synchronized void end() {
        ended = true;
        notifyAll();
    }

    synchronized void fail(IOException e) {
        if (ended) {
            return;
        }
        failure = e;
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || position >= current.length) {
            current = chunks.pollFirst();
            position = 0;
            if (paused && chunks.size() <= LOW_WATER) {
                paused = false;
                throttle.resume();
            }
            if (current != null) {
                break;
            }
            if (ended) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the request body");
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        int n = current == null ? 0 : current.length - position;
        for (byte[] chunk : chunks) {
            n += chunk.length;
        }
        return n;
    }
}
