package dev.berth.engine.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for blocking work (draining pipes, reading FIFOs and attach sockets). Never the common pool: it has one
 * thread on a two-core machine, and blocking reads there would stall each other.
 */
public final class RuntimeThreads {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Unbounded, idle threads die after a minute; daemon threads so they never hold the JVM open. */
    public static final ExecutorService IO = Executors.newCachedThreadPool(daemon("berth-io"));

    private RuntimeThreads() {
    }

    public static ThreadFactory daemon(String prefix) {
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + COUNTER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Starts a named daemon thread. */
    public static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
