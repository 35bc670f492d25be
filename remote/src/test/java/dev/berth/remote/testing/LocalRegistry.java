package dev.berth.remote.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real docker-registry (distribution 2.8) on a free loopback port, shared by every test in the JVM and removed at
 * exit. Engines treat loopback registries as insecure, so plain HTTP works without flags.
 */
public final class LocalRegistry {

    private static LocalRegistry shared;

    private final Path dir;
    private final Process process;
    private final String address;

    private LocalRegistry(Path dir) throws IOException {
        this.dir = dir;
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("storage"));
        Path config = dir.resolve("config.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: warn",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("storage"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        process = new ProcessBuilder(Commands.find("/usr/bin/docker-registry"), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        address = "127.0.0.1:" + port;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "registry-teardown"));
        awaitPort(port);
    }

    public static synchronized LocalRegistry shared() {
        if (shared == null) {
            try {
                shared = new LocalRegistry(Files.createTempDirectory(Path.of("/tmp"), "berth-registry-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** host:port */
    public String address() {
        return address;
    }

    private void awaitPort(int port) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                break;
            }
            try (var s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ie);
                }
            }
        }
        throw new IllegalStateException("docker-registry did not listen on " + port + ":\n"
                + Files.readString(dir.resolve("registry.log")));
    }

    private void stop() {
        process.destroy();
        try {
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TestDirs.delete(dir);
    }
}
