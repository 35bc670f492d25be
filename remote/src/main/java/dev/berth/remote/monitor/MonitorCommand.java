package dev.berth.remote.monitor;

import dev.berth.remote.endpoint.DockerConfigException;
import dev.berth.remote.endpoint.EndpointResolver;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code berth monitor --listen unix:///tmp/dockerapi.sock [--engine HOST|CONTEXT]}: the monitoring proxy without
 * the app, printing one line per completed exchange. The engine defaults to the one the docker CLI would use
 * (DOCKER_HOST, then the current context, then /var/run/docker.sock). Ctrl+C stops it and removes the socket.
 */
public final class MonitorCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final Map<String, String> env;
    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    public MonitorCommand(Map<String, String> env, Path home, PrintStream out, PrintStream err) {
        this.env = env;
        this.home = home;
        this.out = out;
        this.err = err;
    }

    /** @param args the arguments after {@code monitor} */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        MonitorCommand command = new MonitorCommand(System.getenv(), Path.of(System.getProperty("user.home")), out, err);
        return command.runUntilStopped(args);
    }

    int runUntilStopped(String[] args) {
        MonitoringProxy proxy;
        try {
            proxy = start(args);
        } catch (UsageException e) {
            err.println("berth monitor: " + e.getMessage());
            err.println("Try 'berth monitor --help'.");
            return USAGE;
        } catch (HelpRequested e) {
            out.print(usage());
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("berth monitor: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close();
            stopped.countDown();
        }, "monitor-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proxy.close();
        }
        return OK;
    }

    /**
     * Parses the options, starts the proxy and prints each exchange to {@code out} as it completes. The caller
     * closes the returned proxy.
     *
     * @throws UsageException for bad options
     * @throws HelpRequested  for --help
     * @throws IOException    when the address cannot be listened on
     */
    public MonitoringProxy start(String[] args) throws IOException {
        String listen = null;
        String engineOption = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> throw new HelpRequested();
                case "--listen", "-l" -> listen = value(args, ++i, arg);
                case "--engine", "-e" -> engineOption = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--listen=")) {
                        listen = arg.substring("--listen=".length());
                    } else if (arg.startsWith("--engine=")) {
                        engineOption = arg.substring("--engine=".length());
                    } else {
                        throw new UsageException("unknown option \"" + arg + "\"");
                    }
                }
            }
        }
        if (listen == null || listen.isBlank()) {
            throw new UsageException("--listen is required, e.g. --listen unix:///tmp/dockerapi.sock");
        }
        ProxyAddress address;
        try {
            address = ProxyAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        EngineEndpoint engine = resolveEngine(engineOption);
        TrafficRecorder recorder = new TrafficRecorder(1_000);
        recorder.addListener(record -> {
            if (record.open()) {
                return; // one line per request: printed when it ends
            }
            synchronized (out) {
                out.println(TrafficLine.format(record));
                out.flush();
            }
        });
        MonitoringProxy proxy = MonitoringProxy.start(address, engine, recorder);
        err.println("berth monitor: forwarding " + proxy.dockerHost() + " to " + engine.uri() + " (" + engine.source()
                + "). Use: export DOCKER_HOST=" + proxy.dockerHost() + "   (Ctrl+C stops)");
        return proxy;
    }

    /** A DOCKER_HOST-style address when it has a scheme or a port, otherwise the name of a docker context. */
    private EngineEndpoint resolveEngine(String option) {
        EndpointResolver resolver = new EndpointResolver(env, home);
        try {
            if (option == null || option.isBlank()) {
                return resolver.resolve();
            }
            boolean looksLikeHost = option.contains("://") || option.contains(":") || option.startsWith("/");
            if (option.startsWith("/")) {
                option = "unix://" + option;
            }
            return looksLikeHost ? resolver.resolve(option, null) : resolver.resolve(null, option);
        } catch (DockerConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[index];
    }

    public static String usage() {
        return """
                Usage: berth monitor --listen ADDRESS [--engine HOST|CONTEXT]

                Forwards the Docker Engine API unchanged to an engine and prints one line per request:
                  2026-11-23T20:01:02Z POST /v1.47/containers/create 201 12ms 1.2kB

                Options:
                  --listen ADDRESS   unix:///path/to/monitor.sock (created with mode 0660) or tcp://127.0.0.1:PORT
                                     (loopback only)
                  --engine VALUE     the engine to forward to: a DOCKER_HOST-style address (unix:///var/run/docker.sock,
                                     tcp://host:2376) or a docker context name. Default: what the docker CLI uses
                                     (DOCKER_HOST, then the current context, then /var/run/docker.sock)

                Then point any Docker client at it:  DOCKER_HOST=unix:///path/to/monitor.sock docker ps
                Ctrl+C stops the monitor and removes the socket.
                """;
    }

    /** Bad command line: exit status 2. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** --help was given. */
    public static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help");
        }
    }
}
