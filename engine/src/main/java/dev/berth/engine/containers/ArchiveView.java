package dev.berth.engine.containers;

import com.sun.jna.LastErrorException;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.host.LibC;
import dev.berth.engine.storage.DirectoryTrees;
import dev.berth.engine.storage.InRoot;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.remote.containers.MountPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's filesystem as {@code docker cp} sees it: its root filesystem with its volumes and bind mounts
 * mounted at their destinations, whether it runs or not (Docker's mountVolumes). The mounts are made on a bind of
 * the rootfs under a private mount point of the engine's own, so nothing propagates into the running container or
 * elsewhere on the host; tmpfs mounts are not included, as in Docker.
 */
final class ArchiveView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveView.class);

    private final Path root;
    private final Path staging;
    private final Runnable release;

    private ArchiveView(Path root, Path staging, Runnable release) {
        this.root = root;
        this.staging = staging;
        this.release = release;
    }

    /** The root to copy from or into. */
    Path root() {
        return root;
    }

    /**
     * @param rootfs   the container's mounted rootfs
     * @param path     the container path the copy is about: only mounts at, above or below it are needed (a copy
     *                 elsewhere, like most of what the files tab lists, works on the rootfs as it is)
     * @param mounts   the container's mount points; bind and volume ones are mounted in
     * @param stagings where the view's private mount point is made (under the engine's run root)
     * @param holder   who borrows the volumes (a device-backed volume is mounted for the copy if need be)
     */
    static ArchiveView open(Path rootfs, String path, List<MountPoint> mounts, Path stagings, VolumeService volumes,
            String holder) {
        String resolved = "/" + resolve(rootfs, path);
        List<MountPoint> wanted = new ArrayList<>();
        for (MountPoint m : mounts) {
            if (("bind".equals(m.type()) || "volume".equals(m.type()))
                    && (within(resolved, m.destination()) || within(m.destination(), resolved))) {
                wanted.add(m);
            }
        }
        if (wanted.isEmpty()) {
            return new ArchiveView(rootfs, null, () -> { });
        }
        // parents before children: a volume at /data and a bind at /data/conf stack as in the container
        wanted.sort(Comparator.comparingInt((MountPoint m) -> InRoot.components(m.destination()).size()));
        List<String> borrowed = new ArrayList<>();
        Runnable giveBack = () -> borrowed.forEach(name -> volumes.returnData(name, holder));
        Path staging = stagings.resolve(UUID.randomUUID().toString().substring(0, 12));
        Path view = staging.resolve("root");
        try {
            Files.createDirectories(view);
            // a private mount point of our own first, so that what follows never propagates
            mount(staging.toString(), staging, LibC.MS_BIND);
            mount(null, staging, LibC.MS_PRIVATE);
            mount(rootfs.toString(), view, LibC.MS_BIND | LibC.MS_REC);
            mount(null, view, LibC.MS_PRIVATE | LibC.MS_REC);
            for (MountPoint m : wanted) {
                Path source = "volume".equals(m.type()) ? volumes.borrowData(m.name(), holder) : Path.of(m.source());
                if ("volume".equals(m.type())) {
                    borrowed.add(m.name());
                }
                if (!Files.exists(source)) {
                    continue; // a bind whose host path is gone: the container's own directory shows instead
                }
                mountInside(view, source, m.destination(), Boolean.FALSE.equals(m.rw()));
            }
        } catch (IOException | RuntimeException e) {
            tearDown(staging);
            giveBack.run();
            throw EngineException.serverError("cannot mount the container's volumes for the copy: " + e.getMessage(),
                    e);
        }
        return new ArchiveView(view, staging, giveBack);
    }

    /** The path with its symlinks followed inside the rootfs (relative, "" for the root). */
    private static String resolve(Path rootfs, String path) {
        try (InRoot in = InRoot.open(rootfs)) {
            return in.resolve(path);
        } catch (IOException e) {
            return String.join("/", InRoot.components(path));
        }
    }

    /** Whether {@code path} is {@code dir} or lies under it. */
    static boolean within(String path, String dir) {
        String d = dir.endsWith("/") ? dir : dir + "/";
        return path.equals(dir) || path.startsWith(d) || dir.equals("/");
    }

    /**
     * Mounts {@code source} at {@code destination} inside the view, creating a missing mount point as Docker does.
     * Symlinks on the way resolve inside the view, never out of it, and the mount goes onto the descriptor that was
     * resolved, so a running container swapping a directory for a symlink meanwhile cannot redirect it.
     */
    private static void mountInside(Path view, Path source, String destination, boolean readOnly)
            throws IOException {
        try (InRoot in = InRoot.open(view)) {
            String resolved = in.resolve(destination);
            InRoot.Fd target;
            if (Files.isDirectory(source)) {
                target = in.mkdirs(resolved);
            } else {
                List<String> parts = InRoot.components(resolved);
                try (InRoot.Fd parent = in.mkdirs(String.join("/", parts.subList(0, parts.size() - 1)))) {
                    Path file = parent.path().resolve(parts.get(parts.size() - 1));
                    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createFile(file);
                    }
                }
                target = in.entry(resolved);
            }
            try (target) {
                mount(source.toString(), target.path(), LibC.MS_BIND | LibC.MS_REC);
            }
            if (readOnly) {
                try (InRoot.Fd mounted = Files.isDirectory(source) ? in.directory(resolved) : in.entry(resolved)) {
                    mount(null, mounted.path(), LibC.MS_BIND | LibC.MS_REMOUNT | LibC.MS_RDONLY);
                }
            }
        }
    }

    private static void mount(String source, Path target, long flags) throws IOException {
        try {
            LibC.INSTANCE.mount(source, target.toString(), null, flags, null);
        } catch (LastErrorException e) {
            throw new IOException("mount " + (source == null ? "" : source + " ") + "on " + target + ": "
                    + LibC.describe(e));
        }
    }

    private static void tearDown(Path staging) {
        for (Path p : List.of(staging.resolve("root"), staging)) {
            try {
                LibC.INSTANCE.umount2(p.toString(), LibC.MNT_DETACH);
            } catch (LastErrorException e) {
                // not mounted (a failure before its mount)
            }
        }
        // the bind of the rootfs is gone: only the empty mount point directories are left to delete
        try {
            Files.deleteIfExists(staging.resolve("root"));
            Files.deleteIfExists(staging);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", staging, e.toString());
        }
    }

    @Override
    public void close() {
        if (staging != null) {
            tearDown(staging);
        }
        release.run();
    }

    /** Leftovers of views an engine that stopped abruptly did not close: unmounted and removed at start. */
    static void cleanUp(Path stagings) {
        if (!Files.isDirectory(stagings)) {
            return;
        }
        try (var entries = Files.list(stagings)) {
            for (Path staging : (Iterable<Path>) entries::iterator) {
                tearDown(staging);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", stagings, e.toString());
        }
        DirectoryTrees.deleteQuietly(stagings);
    }
}
