package dev.berth.desktop.settings;

import dev.berth.desktop.embedded.EmbeddedEngine;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.testing.BusyboxImage;
import dev.berth.engine.testing.DockerCli;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The app's own {@link EmbeddedEngine}, exactly as the app runs it (in this JVM, restarted by Settings), but on a
 * socket, data root and exec root of its own under a short temporary directory, with the busybox test image. Closing
 * removes its containers, stops it and leaves nothing behind: no mounts, no empty cgroups, no files.
 */
final class PrivateEmbeddedEngine implements AutoCloseable {

    // a bridge and subnets of its own, apart from the ranges the engine suite's BerthEngine picks from
    private static final String BRIDGE = "bs" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
            .nextLong(0x10000000L, 0xffffffffL));
    private static final int SUBNET = java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 255);

    private final Path base;
    private final EmbeddedEngine engine;
    private final DockerCli cli;

    PrivateEmbeddedEngine() {
        try {
            base = Files.createTempDirectory(Path.of("/tmp"), "bs-"); // conmon's socket paths must stay short
            cli = new DockerCli("unix://" + base.resolve("engine.sock"), Files.createDirectories(base.resolve("cli")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        engine = new EmbeddedEngine(new EngineOptions(List.of("unix://" + base.resolve("engine.sock")),
                base.resolve("data"), base.resolve("exec"), "runc", "info", null, false, false, null, null, null,
                false, BRIDGE, "10.248." + SUBNET + ".1/24", "10.249." + (SUBNET % 16) * 16 + ".0/20", 24));
        String problem = engine.ensureRunning();
        if (problem != null) {
            close();
            throw new IllegalStateException(problem);
        }
        cli.run(BusyboxImage.importArgs()).requireSuccess("docker import busybox");
    }

    EmbeddedEngine engine() {
        return engine;
    }

    Path socket() {
        return base.resolve("engine.sock");
    }

    /** The docker CLI on the engine's Unix socket. */
    ProcessResult docker(String... args) {
        return cli.run(args);
    }

    /** The docker CLI with this environment (DOCKER_HOST and the TLS variables a user would set). */
    ProcessResult dockerWith(Map<String, String> env, String... args) {
        return cli.run(null, DockerCli.DEFAULT_TIMEOUT, env, args);
    }

    @Override
    public void close() {
        try {
            ProcessResult ids = cli.run("ps", "-aq");
            if (ids.exitCode() == 0 && !ids.stdout().isBlank()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(List.of(ids.stdout().strip().split("\\s+")));
                cli.run(rm.toArray(String[]::new));
            }
        } catch (RuntimeException e) {
            // the engine is not serving; what it left is cleaned below
        }
        engine.close();
        // the engine's default network's host bridge is this test's own
        Commands.run(List.of("ip", "link", "del", BRIDGE), Map.of(), null, 30);
        unmountUnder(base);
        removeEmptyCgroups();
        TestDirs.delete(base);
    }

    private static void unmountUnder(Path dir) {
        try {
            List<String> targets = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                String target = f.length > 4 ? f[4] : "";
                if (target.equals(dir.toString()) || target.startsWith(dir + "/")) {
                    targets.add(target);
                }
            }
            targets.sort(Comparator.comparingInt(String::length).reversed());
            for (String t : targets) {
                Commands.run(List.of("umount", "-l", t), Map.of(), null, 30);
            }
        } catch (IOException | RuntimeException e) {
            // nothing mounted
        }
    }

    /** The engine's cgroup parents, when empty (another engine's containers keep theirs). */
    private static void removeEmptyCgroups() {
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : (Iterable<Path>) hierarchies::iterator) {
                Path top = hierarchy.resolve("berth");
                if (Files.isDirectory(top)) {
                    try (var dirs = Files.walk(top)) {
                        dirs.filter(Files::isDirectory).sorted(Comparator.reverseOrder())
                                .forEach(d -> d.toFile().delete());
                    } catch (IOException | RuntimeException e) {
                        // in use
                    }
                }
            }
        } catch (IOException e) {
            // no cgroup file system
        }
    }

}
