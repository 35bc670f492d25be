package dev.berth.engine.testing;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real docker CLI pointed at one engine: {@code DOCKER_HOST} set, a private empty {@code DOCKER_CONFIG}, and
 * none of the caller's docker environment (context, TLS, pinned API version) leaking in.
 *
 * <p>{@link #berth()} drives the shared Berth engine and {@link #dockerd()} the shared real dockerd, so a test can
 * run the same command on both ({@link #onBoth}) and assert the same observable result.
 */
public final class DockerCli {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> FOREIGN_ENV = List.of("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH",
            "DOCKER_API_VERSION", "DOCKER_TLS", "DOCKER_DEFAULT_PLATFORM", "DOCKER_CLI_HINTS");

    private static DockerCli dockerd;

    private final String executable;
    private final String host;
    private final Path configDir;

    /** A CLI for the engine at {@code host} (e.g. {@code unix:///…/engine.sock}) using {@code configDir}. */
    public DockerCli(String host, Path configDir) {
        this.executable = Commands.find("/usr/local/bin/docker", "/usr/bin/docker");
        this.host = host;
        this.configDir = configDir;
    }

    /** The CLI for the shared Berth engine (started on first use). */
    public static DockerCli berth() {
        return BerthEngine.shared().cli();
    }

    /** The CLI for the shared real dockerd of remote/'s fixtures (started on first use). */
    public static synchronized DockerCli dockerd() {
        if (dockerd == null) {
            Dockerd d = Dockerd.shared();
            try {
                Path config = Files.createTempDirectory("berth-cli-dockerd-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDirs.delete(config)));
                dockerd = new DockerCli("unix://" + d.socket(), config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dockerd;
    }

    public String host() {
        return host;
    }

    /** {@code docker ARGS…}, no input, the default timeout. */
    public ProcessResult run(String... args) {
        return run(null, DEFAULT_TIMEOUT, Map.of(), args);
    }

    /** {@code docker ARGS…} with {@code stdin} as its standard input. */
    public ProcessResult runWithInput(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), DEFAULT_TIMEOUT, Map.of(), args);
    }

    /**
     * {@code docker ARGS…}: {@code stdin} (null for none; the CLI sees EOF at once), extra environment, and a
     * timeout after which the CLI is killed and an {@link IllegalStateException} says which command hung.
     */
    public ProcessResult run(byte[] stdin, Duration timeout, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> environment = pb.environment();
        FOREIGN_ENV.forEach(environment::remove);
        environment.put("DOCKER_HOST", host);
        environment.put("DOCKER_CONFIG", configDir.toString());
        environment.putAll(env);
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = drain(p.getInputStream());
            CompletableFuture<byte[]> err = drain(p.getErrorStream());
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the CLI exited before reading all of its input; its exit code tells
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("`docker " + String.join(" ", args) + "` against " + host
                        + " did not finish within " + timeout.toSeconds() + " s; output so far: "
                        + new String(out.getNow(new byte[0]), StandardCharsets.UTF_8));
            }
            return new ProcessResult(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Both engines' results for one command. */
    public record Outcomes(ProcessResult berth, ProcessResult dockerd) {

        /** For assertion messages: both results side by side. */
        public String describe() {
            return "\n  berth:   " + berth + "\n  dockerd: " + dockerd;
        }
    }

    /** Runs the same command on the shared Berth engine and on the shared dockerd. */
    public static Outcomes onBoth(String... args) {
        return new Outcomes(berth().run(args), dockerd().run(args));
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (in) {
                in.transferTo(buf);
            } catch (IOException e) {
                // process died; keep what we have
            }
            return buf.toByteArray();
        }, task -> {
            // A thread of its own: on a small machine the common pool would make stdout wait for stderr.
            Thread t = new Thread(task, "docker-cli-output");
            t.setDaemon(true);
            t.start();
        });
    }
}
