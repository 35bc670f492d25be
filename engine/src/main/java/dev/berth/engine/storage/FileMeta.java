package dev.berth.engine.storage;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ownership, full mode bits (setuid/setgid/sticky), times and extended attributes of one path, without following
 * a symlink in its last component; plus removal of a tree that never leaves it. The JDK cannot express these.
 */
public final class FileMeta {

    private static final int EPERM = 1;
    private static final int ENODATA = 61;
    private static final int EOPNOTSUPP = 95;
    private static final int ERANGE = 34;

    private FileMeta() {
    }

    public static void lchown(Path path, long uid, long gid) throws IOException {
        if (uid < 0 && gid < 0) {
            return;
        }
        try {
            LibC.INSTANCE.lchown(path.toString(), (int) uid, (int) gid);
        } catch (LastErrorException e) {
            throw InRoot.error(e, path.toString());
        }
    }

    /** chmod that refuses to act through a symlink (symlinks have no mode of their own on Linux). */
    public static void chmod(Path path, int mode) throws IOException {
        try {
            LibC.INSTANCE.fchmodat(LibC.AT_FDCWD, path.toString(), mode & 07777, LibC.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EOPNOTSUPP) {
                return; // a symlink appeared where we expected a file: leave it alone
            }
            throw InRoot.error(e, path.toString());
        }
    }

    /** Sets access and modification times of the path itself (a symlink's own times, not its target's). */
    public static void times(Path path, FileTime atime, FileTime mtime) throws IOException {
        long[] ts = {seconds(atime), nanos(atime), seconds(mtime), nanos(mtime)};
        try {
            LibC.INSTANCE.utimensat(LibC.AT_FDCWD, path.toString(), ts, LibC.AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw InRoot.error(e, path.toString());
        }
    }

    /** Sets one xattr on the path itself; filesystems or names that do not take xattrs are ignored, as moby does. */
    public static boolean setXattr(Path path, String name, byte[] value) throws IOException {
        try {
            LibC.INSTANCE.lsetxattr(path.toString(), name, value, value.length, 0);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EOPNOTSUPP || e.getErrorCode() == EPERM) {
                return false;
            }
            throw InRoot.error(e, path.toString());
        }
    }

    /** The value of one xattr of the path itself, or null. */
    public static byte[] getXattr(Path path, String name) {
        byte[] buf = new byte[256];
        for (int i = 0; i < 4; i++) {
            try {
                long n = LibC.INSTANCE.lgetxattr(path.toString(), name, buf, buf.length);
                return java.util.Arrays.copyOf(buf, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ERANGE) {
                    buf = new byte[buf.length * 16];
                    continue;
                }
                return null; // ENODATA, ENOTSUP, ENOENT: no such attribute
            }
        }
        return null;
    }

    /** Every xattr of the path itself (names and values), for archiving; empty where xattrs are unsupported. */
    public static Map<String, byte[]> xattrs(Path path) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        byte[] list = new byte[1024];
        long n;
        try {
            n = LibC.INSTANCE.llistxattr(path.toString(), list, list.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != ERANGE) {
                return all;
            }
            list = new byte[65536];
            try {
                n = LibC.INSTANCE.llistxattr(path.toString(), list, list.length);
            } catch (LastErrorException again) {
                return all;
            }
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (list[i] == 0) {
                String name = new String(list, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                byte[] value = getXattr(path, name);
                if (value != null) {
                    all.put(name, value);
                }
            }
        }
        return all;
    }

    /**
     * Removes {@code name} inside the directory {@code dir} and, when it is a directory, everything below it,
     * working relative to open directory handles so a symlink swapped in meanwhile is removed, never followed.
     */
    public static void removeTree(Path dir, String name) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            if (!(ds instanceof SecureDirectoryStream<Path> sds)) {
                throw new FileSystemException(dir.toString(), null, "no secure directory streams on this platform");
            }
            removeIn(sds, Path.of(name));
        }
    }

    private static void removeIn(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = parent.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return;
        }
        if (attrs.isDirectory()) {
            try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                java.util.List<Path> names = new java.util.ArrayList<>();
                for (Path entry : child) {
                    names.add(entry.getFileName());
                }
                for (Path entry : names) {
                    removeIn(child, entry);
                }
            }
            parent.deleteDirectory(name);
        } else {
            parent.deleteFile(name);
        }
    }

    private static long seconds(FileTime t) {
        return Math.floorDiv(t.to(java.util.concurrent.TimeUnit.NANOSECONDS), 1_000_000_000L);
    }

    private static long nanos(FileTime t) {
        return Math.floorMod(t.to(java.util.concurrent.TimeUnit.NANOSECONDS), 1_000_000_000L);
    }

    static boolean noData(LastErrorException e) {
        return e.getErrorCode() == ENODATA;
    }
}
