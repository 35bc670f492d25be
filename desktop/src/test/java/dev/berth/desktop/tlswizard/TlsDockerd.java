package dev.berth.desktop.tlswizard;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private dockerd started with certificates the wizard just made: {@code --tlsverify} on a loopback port, plus a
 * plain Unix socket for the test's own setup. Own data root, exec root and containerd namespace; stopped and removed
 * on {@link #close()}.
 */
final class TlsDockerd implements AutoCloseable {

    private final Path base;
    private final Path socket;
    private final Process process;
    private final String dockerCli;

    private TlsDockerd(Path base, Path certDir, int port) throws IOException {
        this.base = base;
        this.socket = base.resolve("docker.sock");
        this.dockerCli = Commands.find("/usr/local/bin/docker", "/usr/bin/docker");
        List<String> cmd = List.of(Commands.find("/usr/sbin/dockerd", "/usr/bin/dockerd"),
                "--host", "unix://" + socket,
                "--host", "tcp://127.0.0.1:" + port,
                "--tlsverify",
                "--tlscacert", certDir.resolve("ca.pem").toString(),
                "--tlscert", certDir.resolve("server-cert.pem").toString(),
                "--tlskey", certDir.resolve("server-key.pem").toString(),
                "--data-root", base.resolve("data").toString(),
                "--exec-root", base.resolve("exec").toString(),
                "--pidfile", base.resolve("dockerd.pid").toString(),
                "--containerd-namespace", "berth-it-tlswizard",
                "--containerd-plugins-namespace", "berth-it-tlswizard-plugins",
                "--bridge", "none",
                "--iptables=false",
                "--ip-masq=false",
                "--userland-proxy=false");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve("dockerd.log").toFile());
        pb.environment().remove("DOCKER_HOST");
        this.process = pb.start();
    }

    /** Starts dockerd with {@code ca.pem}, {@code server-cert.pem} and {@code server-key.pem} from {@code certDir}. */
    static TlsDockerd start(Path certDir, int port) {
        Path base;
        try {
            base = Files.createTempDirectory(Path.of("/tmp"), "berth-it-tlswiz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            TlsDockerd dockerd = new TlsDockerd(base, certDir, port);
            dockerd.awaitReady();
            return dockerd;
        } catch (IOException e) {
            TestDirs.delete(base);
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The docker CLI on the plain Unix socket. */
    ProcessResult docker(String... args) {
        return dockerWith(Map.of("DOCKER_HOST", "unix://" + socket), args);
    }

    /** The docker CLI with this environment (DOCKER_CONFIG defaults to a private folder). */
    ProcessResult dockerWith(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(dockerCli);
        cmd.addAll(List.of(args));
        Map<String, String> e = new java.util.HashMap<>(env);
        e.putIfAbsent("DOCKER_CONFIG", base.resolve("cli-config").toString());
        return Commands.run(cmd, e, null, 120);
    }

    /** An image with an empty root file system: enough to create (not run) containers. */
    void importEmptyImage(String reference) throws IOException {
        Path empty = Files.createDirectories(base.resolve("empty-rootfs"));
        Path tar = base.resolve("empty.tar");
        Commands.run(List.of("tar", "-C", empty.toString(), "-cf", tar.toString(), "."), Map.of(), null, 60)
                .requireSuccess("tar");
        docker("import", tar.toString(), reference).requireSuccess("docker import");
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("dockerd exited with " + process.exitValue() + ":\n" + log);
            }
            if (Files.exists(socket) && docker("version", "--format", "{{.Server.Version}}").exitCode() == 0) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        String log = log();
        close();
        throw new IllegalStateException("dockerd did not come up within 60 s:\n" + log);
    }

    private String log() {
        try {
            List<String> lines = Files.readAllLines(base.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        try {
            ProcessResult ids = docker("ps", "-aq");
            if (ids.exitCode() == 0 && !ids.stdout().isBlank()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(List.of(ids.stdout().strip().split("\\s+")));
                docker(args.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            // dockerd cleans up the rest as it stops
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unmountUnder(base);
        TestDirs.delete(base);
    }

    private static void unmountUnder(Path dir) {
        try {
            List<String> targets = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 1 && fields[1].startsWith(dir.toString())) {
                    targets.add(fields[1]);
                }
            }
            targets.sort(Comparator.comparingInt(String::length).reversed());
            for (String target : targets) {
                Commands.run(List.of("umount", "-l", target), Map.of(), null, 30);
            }
        } catch (IOException | RuntimeException e) {
            // nothing mounted
        }
    }

}
