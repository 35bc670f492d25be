package dev.berth.engine.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Size and removal of a directory tree (a volume, a container's state, a bundle), never following symlinks and never
 * reaching into another filesystem. Removal tolerates files vanishing under it: another thread may be deleting the
 * same tree.
 */
public final class DirectoryTrees {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryTrees.class);

    private DirectoryTrees() {
    }

    /**
     * Bytes used, as Docker's directory.Size counts them: the sizes of everything but directories, a file with
     * several hard links counted once. Symlinks count their own size; they are never followed.
     */
    public static long size(Path root) throws IOException {
        long[] total = {0};
        Set<Object> seen = new HashSet<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Object key = attrs.fileKey();
                if (key == null || seen.add(key)) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed while we counted
                }
                throw e;
            }
        });
        return total[0];
    }

    /**
     * Deletes {@code root} and everything under it. Symlinks are removed, not followed; a directory on another
     * device (something mounted inside the tree) is left alone, so removal can never delete outside the tree.
     * Whatever cannot be deleted is passed over so the rest still goes; the first such failure is thrown at the end.
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Object rootDevice;
        try {
            rootDevice = device(root);
        } catch (NoSuchFileException e) {
            return; // deleted meanwhile
        }
        IOException[] first = {null};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Object dirDevice;
                try {
                    dirDevice = device(dir);
                } catch (IOException e) {
                    return failed(e, FileVisitResult.SKIP_SUBTREE);
                }
                if (!dir.equals(root) && !dirDevice.equals(rootDevice)) {
                    LOG.warn("not deleting {}: another filesystem is mounted there", dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    return failed(e, FileVisitResult.CONTINUE);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return failed(e, FileVisitResult.CONTINUE);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                if (e != null) {
                    failed(e, FileVisitResult.CONTINUE);
                }
                try {
                    Files.deleteIfExists(dir);
                } catch (IOException notEmpty) {
                    return failed(notEmpty, FileVisitResult.CONTINUE);
                }
                return FileVisitResult.CONTINUE;
            }

            /** Another thread deleting the same tree is not a failure; anything else is remembered. */
            private FileVisitResult failed(IOException e, FileVisitResult next) {
                if (!(e instanceof NoSuchFileException) && first[0] == null) {
                    first[0] = e;
                }
                return next;
            }
        });
        if (first[0] != null) {
            throw first[0];
        }
    }

    /** {@link #delete}, logging what could not be deleted instead of failing; the caller retries at its next start. */
    public static void deleteQuietly(Path root) {
        try {
            delete(root);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete all of {} ({})", root, e.toString());
        }
    }

    private static Object device(Path dir) throws IOException {
        return Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
    }
}
