package dev.berth.engine.volumes;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies an image directory into a new volume, as Docker does the first time a named volume is mounted over a
 * non-empty image path: contents with owners, full modes (setuid, setgid, sticky), times, extended attributes
 * (file capabilities), hard links kept as links, symlinks copied as symlinks and never followed, device nodes and
 * FIFOs recreated; then the owner and mode of the directory itself.
 *
 * <p>Every target entry is created fresh inside a tree this class builds top-down, so nothing is written through a
 * symlink; the source is only ever read with lstat semantics.
 */
final class VolumeSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeSeeder.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFLNK = 0120000;

    private VolumeSeeder() {
    }

    /** Copies the content of {@code source} into the empty directory {@code target}. */
    static void copy(Path source, Path target) throws IOException {
        Map<Object, Path> linked = new HashMap<>();
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) {
                    Files.createDirectory(to);
                }
                copyOwnerModeAndXattrs(dir, to);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path to = target.resolve(source.relativize(file).toString());
                Map<String, Object> unix = Files.readAttributes(file, "unix:mode,nlink,rdev",
                        LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) unix.get("mode");
                int type = mode & S_IFMT;
                if (type == S_IFREG && (Integer) unix.get("nlink") > 1 && attrs.fileKey() != null) {
                    Path first = linked.putIfAbsent(attrs.fileKey(), to);
                    if (first != null) {
                        Files.createLink(to, first);
                        return FileVisitResult.CONTINUE;
                    }
                }
                if (type == S_IFREG || type == S_IFLNK) {
                    // Regular files: content, owner, full mode (fchown before fchmod keeps setuid), times.
                    // Symlinks: the link itself with its owner; its target text is copied, never resolved.
                    Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    if (type == S_IFREG) {
                        copyXattrs(file, to);
                    }
                } else if (type != S_IFDIR) {
                    makeNode(to, mode, (Long) unix.get("rdev"));
                    copyOwnerModeAndXattrs(file, to);
                    setTimes(to, attrs);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                // Last, as creating the children changed it.
                setTimes(target.resolve(source.relativize(dir).toString()),
                        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** utimensat without following or opening anything: Files.setLastModifiedTime would block on a FIFO. */
    private static void setTimes(Path to, BasicFileAttributes attrs) throws IOException {
        FileTime a = attrs.lastAccessTime();
        FileTime m = attrs.lastModifiedTime();
        long[] times = {a.to(TimeUnit.SECONDS), a.toInstant().getNano(), m.to(TimeUnit.SECONDS), m.toInstant().getNano()};
        try {
            LibC.INSTANCE.utimensat(LibC.AT_FDCWD, to.toString(), times, LibC.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw new IOException("cannot set the times of " + to + ": " + LibC.describe(e), e);
        }
    }

    /** A FIFO, socket or device node (the engine runs as root, as mknod(2) requires for devices). */
    private static void makeNode(Path to, int mode, long rdev) throws IOException {
        try {
            LibC.INSTANCE.mknod(to.toString(), mode, rdev);
        } catch (LastErrorException e) {
            throw new IOException("cannot create " + to + ": " + LibC.describe(e), e);
        }
    }

    private static void copyOwnerModeAndXattrs(Path from, Path to) throws IOException {
        Map<String, Object> unix = Files.readAttributes(from, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
        try {
            LibC.INSTANCE.lchown(to.toString(), (Integer) unix.get("uid"), (Integer) unix.get("gid"));
            // After chown, which clears setuid/setgid; `to` was created by us and is no symlink.
            LibC.INSTANCE.fchmodat(LibC.AT_FDCWD, to.toString(), (Integer) unix.get("mode") & 07777, 0);
        } catch (LastErrorException e) {
            throw new IOException("cannot set owner and mode of " + to + ": " + LibC.describe(e), e);
        }
        copyXattrs(from, to);
    }

    /** All extended attributes the kernel lets us read and write (security.capability above all). */
    private static void copyXattrs(Path from, Path to) {
        for (String name : xattrNames(from)) {
            try {
                byte[] value = new byte[65536];
                long length = LibC.INSTANCE.lgetxattr(from.toString(), name, value, value.length);
                LibC.INSTANCE.lsetxattr(to.toString(), name, value, length, 0);
            } catch (LastErrorException e) {
                LOG.debug("not copying xattr {} of {}: {}", name, from, LibC.describe(e));
            }
        }
    }

    private static List<String> xattrNames(Path path) {
        List<String> names = new ArrayList<>();
        try {
            long size = LibC.INSTANCE.llistxattr(path.toString(), null, 0);
            if (size <= 0) {
                return names;
            }
            byte[] list = new byte[(int) size];
            size = LibC.INSTANCE.llistxattr(path.toString(), list, list.length);
            int start = 0;
            for (int i = 0; i < size; i++) {
                if (list[i] == 0) {
                    if (i > start) {
                        names.add(new String(list, start, i - start, StandardCharsets.UTF_8));
                    }
                    start = i + 1;
                }
            }
        } catch (LastErrorException e) {
            LOG.debug("cannot list xattrs of {}: {}", path, LibC.describe(e));
        }
        return names;
    }
}
