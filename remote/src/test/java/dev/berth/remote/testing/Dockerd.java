package dev.berth.remote.testing;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.TlsGenerateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real dockerd (Debian's docker.io) for the integration suite, started once per test JVM on a private socket,
 * data root and exec root, so it never touches a system daemon. It also listens on a loopback TCP port with
 * {@code --tlsverify}, using certificates made by {@code berth tls generate}, and has a busybox image built from
 * busybox-static (no registry or internet needed). Everything is torn down when the JVM exits.
 */
public final class Dockerd implements TestEngine {

    public static final String BUSYBOX = "berth-test/busybox:latest";

    /**
     * Set to true (the desktop suite does) for a daemon with its default bridge network on a host bridge of its
     * own, so containers get addresses and published ports work on loopback. Off, the daemon has no default
     * bridge, which keeps the engine comparison suites' output independent of host networking.
     */
    public static final String BRIDGE_PROPERTY = "berth.test.dockerd.bridge";

    private static Dockerd shared;

    private final Path base;
    private final Path socket;
    private final Path certDir;
    private final int tlsPort;
    private final int unlistedPort;
    private final Process process;
    private final String dockerCli;
    private final HostBridge bridge;

    private Dockerd(Path base) throws IOException {
        this.base = base;
        this.socket = base.resolve("docker.sock");
        this.certDir = base.resolve("certs");
        this.tlsPort = freePort();
        this.unlistedPort = freePort();
        this.dockerCli = Commands.find("/usr/local/bin/docker", "/usr/bin/docker");
        generateCertificates();
        String dockerd = Commands.find("/usr/sbin/dockerd", "/usr/bin/dockerd");
        this.bridge = Boolean.getBoolean(BRIDGE_PROPERTY) ? HostBridge.create() : null;
        List<String> cmd = new ArrayList<>(List.of(dockerd,
                "--host", "unix://" + socket,
                "--host", "tcp://127.0.0.1:" + tlsPort,
                // same certificate on an address its subjectAltName does not list, for the name-mismatch test
                "--host", "tcp://127.0.0.2:" + unlistedPort,
                "--tlsverify",
                "--tlscacert", certDir.resolve("ca.pem").toString(),
                "--tlscert", certDir.resolve("server-cert.pem").toString(),
                "--tlskey", certDir.resolve("server-key.pem").toString(),
                "--data-root", base.resolve("data").toString(),
                "--exec-root", base.resolve("exec").toString(),
                "--pidfile", base.resolve("dockerd.pid").toString(),
                "--containerd-namespace", "berth-it",
                "--containerd-plugins-namespace", "berth-it-plugins",
                "--iptables=false",
                "--ip-masq=false"));
        if (bridge == null) {
            cmd.addAll(List.of("--bridge", "none", "--userland-proxy=false",
                    "--default-address-pool", "base=10.213.0.0/16,size=24"));
        } else {
            // published ports reach containers through docker-proxy on the host side, so no iptables rules are needed
            cmd.addAll(List.of("--bridge", bridge.name(), "--userland-proxy=true",
                    "--default-address-pool", "base=" + bridge.poolBase() + ",size=24"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve("dockerd.log").toFile());
        pb.environment().remove("DOCKER_HOST");
        this.process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "dockerd-teardown"));
        awaitReady();
        buildBusybox();
    }

    /** The dockerd shared by every test in this JVM, started on first use. */
    public static synchronized Dockerd shared() {
        if (shared == null) {
            try {
                shared = new Dockerd(Files.createTempDirectory(Path.of("/tmp"), "berth-it-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public Path socket() {
        return socket;
    }

    public Path certDir() {
        return certDir;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** The TLS listener on 127.0.0.2, an address the server certificate does not name. */
    public int unlistedAddressPort() {
        return unlistedPort;
    }

    @Override
    public EngineEndpoint unixEndpoint() {
        return EngineEndpoint.parse("unix://" + socket, null, "test dockerd");
    }

    /** Mutual TLS on loopback with the client certificate from the generated bundle. */
    public EngineEndpoint tlsEndpoint() {
        return EngineEndpoint.parse("tcp://localhost:" + tlsPort, TlsSettings.fromCertDir(certDir, true), "test dockerd (TLS)");
    }

    /** Runs the real docker CLI against this daemon's Unix socket. */
    @Override
    public ProcessResult docker(String... args) {
        return dockerWith(Map.of("DOCKER_HOST", "unix://" + socket), null, args);
    }

    @Override
    public ProcessResult dockerWith(Map<String, String> env, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(dockerCli);
        cmd.addAll(List.of(args));
        Map<String, String> e = new java.util.HashMap<>(env);
        e.putIfAbsent("DOCKER_CONFIG", base.resolve("cli-config").toString());
        return Commands.run(cmd, e, stdin, 120);
    }

    /** A docker-registry (distribution) on loopback, started on first use; dockerd trusts loopback registries. */
    @Override
    public String registry() {
        return LocalRegistry.shared().address();
    }

    private void generateCertificates() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TlsGenerateCommand.run(new String[] {"--out", certDir.toString(), "--host", "localhost",
                        "--host", "127.0.0.1", "--client-name", "berth-it"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (code != 0) {
            throw new IllegalStateException("berth tls generate failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dockerd exited with " + process.exitValue() + ":\n" + tail(base.resolve("dockerd.log")));
            }
            if (Files.exists(socket) && docker("version", "--format", "{{.Server.APIVersion}}").exitCode() == 0) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("dockerd did not come up within 60 s:\n" + tail(base.resolve("dockerd.log")));
    }

    /** busybox-static plus one symlink per applet, imported with {@code CMD ["sh"]}. */
    private void buildBusybox() throws IOException {
        String busybox = Commands.find("/bin/busybox", "/usr/bin/busybox");
        Path rootfs = base.resolve("busybox-rootfs");
        Path bin = rootfs.resolve("bin");
        Files.createDirectories(bin);
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
        Files.copy(Path.of(busybox), bin.resolve("busybox"));
        String applets = Commands.run(List.of(busybox, "--list"), Map.of(), null, 30).requireSuccess("busybox --list").stdout();
        for (String applet : applets.split("\\s+")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        Path tar = base.resolve("busybox.tar");
        Commands.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."), Map.of(), null, 60)
                .requireSuccess("tar busybox rootfs");
        docker("import", "--change", "CMD [\"sh\"]", "--change", "ENV PATH=/bin", tar.toString(), BUSYBOX)
                .requireSuccess("docker import busybox");
    }

    private synchronized void stop() {
        try {
            ProcessResult ids = docker("ps", "-aq");
            if (ids.exitCode() == 0 && !ids.stdout().isBlank()) {
                List<String> args = new ArrayList<>(List.of("rm", "-f"));
                args.addAll(List.of(ids.stdout().strip().split("\\s+")));
                docker(args.toArray(String[]::new));
            }
            // dockerd leaves a network's host bridge behind when it stops with the network still defined
            docker("network", "prune", "-f");
        } catch (RuntimeException e) {
            // best effort: dockerd stops the rest itself
        }
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unmountUnder(base);
        TestDirs.delete(base);
        if (bridge != null) {
            bridge.delete();
        }
    }

    private static void unmountUnder(Path dir) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/mounts"));
            List<String> targets = new ArrayList<>();
            for (String line : mounts) {
                String[] f = line.split(" ");
                if (f.length > 1 && f[1].startsWith(dir.toString())) {
                    targets.add(f[1]);
                }
            }
            targets.sort(Comparator.comparingInt(String::length).reversed());
            for (String t : targets) {
                Commands.run(List.of("umount", "-l", t), Map.of(), null, 30);
            }
        } catch (IOException | RuntimeException e) {
            // nothing mounted, or not permitted
        }
    }


    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
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
