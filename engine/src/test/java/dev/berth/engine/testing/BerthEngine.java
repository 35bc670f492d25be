package dev.berth.engine.testing;

import dev.berth.engine.host.EngineDirs;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.testing.LocalRegistry;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import dev.berth.remote.testing.TestEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Berth's engine as the test suite runs it: {@code berth engine} ({@code dev.berth.engine.cli.EngineMain}) in a JVM
 * of its own, with dockerd-like flags, on a private socket, data root and exec root under a fresh short directory
 * (Unix socket paths are limited to 108 bytes, and conmon puts its attach sockets under the exec root).
 *
 * <p>{@link #shared()} is started once per test JVM and holds the busybox test image; it is torn down at JVM exit,
 * with every container it ran. {@link #kill9()} and {@link #restart()} serve crash-recovery tests: the engine
 * process dies, the containers (under conmon) do not, and the next engine on the same directories adopts them.
 * The engine's output goes to {@link #logFile()}; {@link EngineLogOnFailure} prints its tail when a test fails.
 */
public final class BerthEngine implements TestEngine, AutoCloseable {

    public static final String BUSYBOX = BusyboxImage.NAME;
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final String MAIN = "dev.berth.engine.cli.EngineMain";
    private static final List<BerthEngine> RUNNING = new CopyOnWriteArrayList<>();

    private static BerthEngine shared;

    private final Path base;
    private final Path socket;
    private final Path dataRoot;
    private final Path execRoot;
    private final Path log;
    private final String bridge;
    private final String bip;
    private final String pool;
    private final DockerCli cli;
    private Process process;
    private boolean closed;

    private BerthEngine(Path base) throws IOException {
        this.base = base;
        this.socket = base.resolve("engine.sock");
        this.dataRoot = base.resolve("data");
        this.execRoot = base.resolve("exec");
        this.log = base.resolve("engine.log");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        this.bridge = "bt" + Long.toHexString(random.nextLong(0x10000000L, 0xffffffffL));
        // clear of the test dockerd's 10.100-199.x.x (HostBridge) and of NetworkCliTest's 10.251.x.0/24
        this.bip = "10.252." + random.nextInt(1, 255) + ".1/24";
        this.pool = "10.253." + random.nextInt(0, 16) * 16 + ".0/20";
        Path cliConfig = Files.createDirectories(base.resolve("cli"));
        this.cli = new DockerCli("unix://" + socket, cliConfig);
        Files.writeString(base.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="dev.berth" level="DEBUG"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
    }

    /** The engine shared by every test in this JVM, with {@link #BUSYBOX} loaded; started on first use. */
    public static synchronized BerthEngine shared() {
        if (shared == null) {
            BerthEngine engine = startNew();
            try {
                engine.loadBusybox();
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            shared = engine;
        }
        return shared;
    }

    /**
     * A private engine, for a test that must not disturb the shared one; the caller closes it (it is also closed at
     * JVM exit).
     */
    public static BerthEngine startNew() {
        BerthEngine engine;
        try {
            engine = new BerthEngine(Files.createTempDirectory(Path.of("/tmp"), "be-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "berth-engine-teardown"));
        engine.launch();
        return engine;
    }

    /** Engines of this JVM that are up, for printing their logs when a test fails. */
    static List<BerthEngine> running() {
        return List.copyOf(RUNNING);
    }

    // ---- where it lives ---------------------------------------------------------------------------------------

    public Path socket() {
        return socket;
    }

    public Path dataRoot() {
        return dataRoot;
    }

    public Path execRoot() {
        return execRoot;
    }

    /** The host bridge of this engine's default network. */
    public String bridgeName() {
        return bridge;
    }

    public Path logFile() {
        return log;
    }

    /** {@code unix:///…/engine.sock}, for DOCKER_HOST. */
    public String host() {
        return "unix://" + socket;
    }

    /** The engine's process id (a new one after {@link #restart()}). */
    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The docker CLI pointed at this engine. */
    public DockerCli cli() {
        return cli;
    }

    // ---- TestEngine -------------------------------------------------------------------------------------------

    @Override
    public EngineEndpoint unixEndpoint() {
        return EngineEndpoint.parse(host(), null, "test berth engine");
    }

    @Override
    public ProcessResult docker(String... args) {
        return cli.run(args);
    }

    @Override
    public ProcessResult dockerWith(Map<String, String> env, byte[] stdin, String... args) {
        return cli.run(stdin, DockerCli.DEFAULT_TIMEOUT, env, args);
    }

    @Override
    public String registry() {
        return LocalRegistry.shared().address();
    }

    // ---- crash and restart ------------------------------------------------------------------------------------

    /** SIGKILL to the engine: no shutdown hook, no cleanup; conmon and the containers keep running. */
    public synchronized void kill9() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(30));
        }
        RUNNING.remove(this);
    }

    /** SIGTERM, as an operator stops it; waits for the engine to exit (SIGKILL after 30 s). */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
        }
        RUNNING.remove(this);
    }

    /** Starts the engine again on the same socket and directories (stopping it first if it still runs). */
    public synchronized void restart() {
        stop();
        appendToLog("==== restarting the engine ====\n");
        launch();
    }

    /** The last {@code lines} lines the engine logged. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no engine log at " + log + ")";
        }
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    private synchronized void launch() {
        try {
            Files.deleteIfExists(socket); // left by a killed engine
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath(),
                    // C1 only: the suite runs two JVMs and a dockerd on a couple of cores
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dlogback.configurationFile=" + base.resolve("logback.xml"),
                    MAIN,
                    "-H", host(),
                    "--data-root", dataRoot.toString(),
                    "--exec-root", execRoot.toString(),
                    // a bridge and subnets of its own: several test engines run at once
                    "--bridge", bridge,
                    "--bip", bip,
                    "--default-address-pool", "base=" + pool + ",size=24",
                    "--log-level", "debug"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().remove("DOCKER_HOST");
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        RUNNING.add(this);
    }

    /** Surefire may hand the test JVM a manifest-only jar; its real class path is in a property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP);
        try (EngineClient client = EngineClient.connect(unixEndpoint())) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("berth engine exited with " + process.exitValue()
                            + " while starting; its log (" + log + "):\n" + logTail(60));
                }
                if (Files.exists(socket)) {
                    try {
                        client.ping();
                        return;
                    } catch (RuntimeException e) {
                        // not serving yet
                    }
                }
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("berth engine did not answer /_ping within " + STARTUP.toSeconds()
                + " s; its log (" + log + "):\n" + logTail(60));
    }

    private void loadBusybox() {
        ProcessResult imported = cli.run(BusyboxImage.importArgs());
        if (imported.exitCode() != 0) {
            throw new IllegalStateException("`docker import` of the busybox test image into the berth engine failed: "
                    + imported.stderr().strip() + "\nengine log:\n" + logTail(40));
        }
    }

    /**
     * Removes every container, stops the engine, then makes sure nothing it started survives: containers left in
     * its runc root, conmon processes naming its directories, mounts under them; deletes the directories.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (isAlive()) {
            try {
                ProcessResult ids = cli.run("ps", "-aq");
                if (ids.exitCode() == 0 && !ids.stdout().isBlank()) {
                    List<String> args = new ArrayList<>(List.of("rm", "-f"));
                    args.addAll(List.of(ids.stdout().strip().split("\\s+")));
                    cli.run(args.toArray(String[]::new));
                }
            } catch (RuntimeException e) {
                // best effort; the host cleanup below catches what is left
            }
        }
        stop();
        EngineDirs dirs = new EngineDirs(dataRoot, execRoot);
        HostCleanup.removeRuncContainers(dirs.runcRoot());
        HostCleanup.killConmonsNaming(dataRoot, execRoot);
        HostCleanup.removeNetworks(dataRoot, bridge);
        HostCleanup.unmountUnder(base);
        TestDirs.delete(base);
        HostCleanup.removeEmptyCgroups("berth");
    }

    private void appendToLog(String text) {
        try {
            Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is for humans; never fail a test over it
        }
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
