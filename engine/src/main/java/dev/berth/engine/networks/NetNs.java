package dev.berth.engine.networks;

import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Named network namespaces kept alive by a bind mount on a file under the engine's exec root, as {@code ip netns}
 * does under /run/netns. {@code unshare --net=FILE} makes them, so the JVM never enters a namespace itself.
 */
public final class NetNs {

    private final Path dir;

    public NetNs(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path(String containerId) {
        return dir.resolve(containerId.substring(0, 12));
    }

    /** Creates the namespace of a container (a fresh one if a stale file is in the way). */
    public Path create(String containerId) {
        Path file = path(containerId);
        delete(containerId);
        try {
            Files.createFile(file);
            run(List.of("unshare", "--net=" + file, "true"));
            return file;
        } catch (IOException | RuntimeException e) {
            delete(containerId);
            throw new IllegalStateException("cannot create the network namespace of " + containerId.substring(0, 12)
                    + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String containerId) {
        return Files.exists(path(containerId));
    }

    /** Unmounts and removes the namespace file; the namespace goes when nothing uses it any more. */
    public void delete(String containerId) {
        deleteFile(path(containerId));
    }

    private static void deleteFile(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            LibC.INSTANCE.umount2(file.toString(), LibC.MNT_DETACH);
        } catch (RuntimeException e) {
            // not mounted (a half-made namespace)
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    /** The short IDs that have a namespace file. */
    public List<String> present() {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> out.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public void deleteShort(String shortId) {
        deleteFile(dir.resolve(shortId));
    }

    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
