package dev.berth.engine.cli;

import dev.berth.engine.Engine;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** {@code berth engine}: runs the engine headless until SIGTERM/SIGINT, like dockerd. */
public final class EngineMain {

    private EngineMain() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs until the process is told to stop; returns an exit code only when it could not start. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(EngineOptionsParser.usage());
            return 0;
        }
        EngineOptions options;
        try {
            options = EngineOptionsParser.parse(args);
        } catch (EngineOptionsParser.UsageException e) {
            err.println("berth engine: " + e.getMessage());
            return 2;
        }
        LogLevels.apply(options.logLevel());
        Engine engine;
        try {
            engine = Engine.start(options);
        } catch (Engine.StartupException e) {
            err.println("berth engine: " + e.getMessage());
            return 1;
        }
        for (String address : engine.listening()) {
            err.println("berth engine: API listen on " + address);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Containers keep running under conmon; the next start adopts them.
            engine.close();
            stopped.countDown();
        }, "berth-engine-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
