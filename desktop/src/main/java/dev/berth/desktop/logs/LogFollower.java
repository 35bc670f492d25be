package dev.berth.desktop.logs;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.containers.ContainersApi;
import dev.berth.remote.containers.LogsOptions;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.OutputChunk;
import dev.berth.remote.stream.StdStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one container's logs on a background thread. Following, the engine ends the stream when the container
 * stops; the follower then waits for the container to start again and resumes from just after the last line it
 * got, so a restart neither repeats nor loses a line. The engine is always asked for timestamps (that is what makes
 * resuming exact); whether they are shown is the view's business.
 */
final class LogFollower implements Runnable {

    enum Phase {
        /** Reading what the engine already has. */
        LOADING,
        /** Streaming new lines as they are written. */
        FOLLOWING,
        /** Following, but the container is not running: resumes when it starts. */
        WAITING_FOR_START,
        /** Not following: everything asked for has arrived. */
        DONE,
        REMOVED,
        FAILED
    }

    /** Called on the reader thread. */
    interface Sink {
        void lines(List<LogLine> lines);

        void phase(Phase phase, Throwable failure);
    }

    private final ContainersApi api;
    private final String containerId;
    private final boolean tty;
    private final boolean follow;
    private final Integer tail;
    private final Sink sink;
    private final Object lock = new Object();
    private Instant resumeAfter;
    private long starts;
    private Instant lastStart;
    private boolean removed;
    private boolean stopped;
    private ContainerOutput current;

    /**
     * @param tail        how many existing lines to show first, or null for all (ignored when resuming)
     * @param resumeAfter show only lines after this engine time (not the tail), or null
     */
    LogFollower(ContainersApi api, String containerId, boolean tty, boolean follow, Integer tail, Instant resumeAfter,
                Sink sink) {
        this.api = api;
        this.containerId = containerId;
        this.tty = tty;
        this.follow = follow;
        this.tail = tail;
        this.resumeAfter = resumeAfter;
        this.sink = sink;
    }

    /** The container started (from the engine's events, with the event's time). Any thread. */
    void containerStarted(Instant at) {
        synchronized (lock) {
            starts++;
            lastStart = at;
            lock.notifyAll();
        }
    }

    void containerRemoved() {
        synchronized (lock) {
            removed = true;
            lock.notifyAll();
        }
        closeCurrent();
    }

    /** Ends reading at once; nothing reaches the sink afterwards except possibly lines already decoded. Any thread. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        closeCurrent();
    }

    /** Engine time of the last line read, or null before the first. */
    Instant lastTimestamp() {
        synchronized (lock) {
            return resumeAfter;
        }
    }

    @Override
    public void run() {
        boolean first = true;
        while (true) {
            long startsBefore;
            synchronized (lock) {
                if (stopped || removed) {
                    break;
                }
                startsBefore = starts;
            }
            sink.phase(first ? Phase.LOADING : Phase.FOLLOWING, null);
            try {
                read(options(first));
            } catch (EngineApiException.NotFound e) {
                synchronized (lock) {
                    removed = true;
                }
            } catch (IOException | RuntimeException e) {
                if (isStopped() || isRemoved()) {
                    break;
                }
                sink.phase(Phase.FAILED, e);
                return;
            }
            first = false;
            if (isStopped() || isRemoved()) {
                break;
            }
            if (!follow) {
                sink.phase(Phase.DONE, null);
                return;
            }
            synchronized (lock) {
                if (!removed && starts == startsBefore) {
                    sink.phase(Phase.WAITING_FOR_START, null);
                }
                while (!stopped && !removed && starts == startsBefore) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (resumeAfter == null && lastStart != null) {
                    // nothing seen yet: what the new run writes comes after its start, none of the old output
                    resumeAfter = lastStart.minusNanos(1);
                }
            }
        }
        if (isRemoved()) {
            sink.phase(Phase.REMOVED, null);
        }
    }

    private LogsOptions options(boolean first) {
        LogsOptions options = LogsOptions.both().withTimestamps().knownTty(tty);
        if (follow) {
            options = options.following();
        }
        Instant after = lastTimestamp();
        if (after != null) {
            // the engine's "since" includes lines stamped exactly then: start one nanosecond later
            return options.since(after.plusNanos(1));
        }
        return first && tail != null ? options.tail(tail) : options;
    }

    private void read(LogsOptions options) throws IOException {
        try (ContainerOutput output = api.logs(containerId, options)) {
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                current = output;
            }
            if (follow) {
                sink.phase(Phase.FOLLOWING, null);
            }
            LogDecoder out = new LogDecoder(LogLine.Source.STDOUT, true, !tty);
            LogDecoder err = new LogDecoder(LogLine.Source.STDERR, true, !tty);
            for (OutputChunk chunk = output.next(); chunk != null; chunk = output.next()) {
                List<LogLine> lines = (chunk.stream() == StdStream.STDERR ? err : out).feed(chunk.bytes());
                deliver(lines);
            }
            List<LogLine> rest = new ArrayList<>(2);
            for (LogDecoder decoder : List.of(out, err)) {
                LogLine last = decoder.finish();
                if (last != null) {
                    rest.add(last);
                }
            }
            deliver(rest);
        } finally {
            synchronized (lock) {
                current = null;
            }
        }
    }

    private void deliver(List<LogLine> lines) {
        if (lines.isEmpty() || isStopped()) {
            return;
        }
        Instant newest = null;
        for (int i = lines.size() - 1; i >= 0 && newest == null; i--) {
            newest = LogTimestamps.parse(lines.get(i).timestamp());
        }
        synchronized (lock) {
            if (newest != null && (resumeAfter == null || newest.isAfter(resumeAfter))) {
                resumeAfter = newest;
            }
        }
        sink.lines(lines);
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private boolean isRemoved() {
        synchronized (lock) {
            return removed;
        }
    }

    private void closeCurrent() {
        ContainerOutput output;
        synchronized (lock) {
            output = current;
        }
        if (output != null) {
            try {
                output.close();
            } catch (IOException ignored) {
                // closing to cancel; nothing more to do
            }
        }
    }
}
