package dev.berth.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes files from the host into a tar as moby's {@code pkg/archive} does: names relative and sorted, directories
 * with a trailing slash, hardlinked files once and then as links, owners numeric, permission and special bits,
 * mtimes to the second, {@code security.capability} as a PAX xattr. Symlinks are archived, never followed;
 * sockets are skipped. For layer diffs, overlay whiteouts turn back into OCI ones ({@code .wh.NAME},
 * {@code .wh..wh..opq}).
 */
public final class TarPacker implements AutoCloseable {

    /** Whether overlay whiteouts (0/0 char devices, opaque dirs) are written as OCI whiteout files. */
    public enum Whiteouts { TO_OCI, KEEP }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private final TarArchiveOutputStream tar;
    private final Whiteouts whiteouts;
    private final Map<Object, String> seenInodes = new HashMap<>();

    public TarPacker(OutputStream out, Whiteouts whiteouts) {
        this.tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name());
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.tar.setAddPaxHeadersForNonAsciiNames(true);
        this.whiteouts = whiteouts;
    }

    /** Archives {@code path} as {@code name} and, when it is a directory, everything below it. */
    public void addTree(Path path, String name) throws IOException {
        Map<String, Object> attrs = lstat(path);
        if (attrs == null) {
            return;
        }
        add(path, name, attrs);
        if ((mode(attrs) & S_IFMT) == S_IFDIR) {
            addContents(path, name);
        }
    }

    /** Archives what is below the directory {@code dir}, named {@code prefix/child} ("" for bare names). */
    public void addContents(Path dir, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            return; // removed while we were walking (a running container)
        }
        names.sort(null);
        for (String child : names) {
            addTree(dir.resolve(child), prefix.isEmpty() ? child : prefix + "/" + child);
        }
    }

    /** Writes an OCI whiteout for {@code name} (a deleted path in a layer). */
    public void addWhiteout(String name) throws IOException {
        String dir = TarPaths.parent(name);
        TarArchiveEntry e = new TarArchiveEntry(TarPaths.join(dir, TarUnpacker.WHITEOUT_PREFIX + TarPaths.base(name)),
                TarConstants.LF_NORMAL, true);
        e.setMode(0600);
        e.setSize(0);
        e.setModTime(FileTime.from(System.currentTimeMillis() / 1000, TimeUnit.SECONDS));
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private void add(Path path, String name, Map<String, Object> attrs) throws IOException {
        int mode = mode(attrs);
        int type = mode & S_IFMT;
        long uid = ((Number) attrs.get("uid")).longValue();
        long gid = ((Number) attrs.get("gid")).longValue();
        FileTime mtime = FileTime.from(((FileTime) attrs.get("lastModifiedTime")).to(TimeUnit.SECONDS), TimeUnit.SECONDS);
        TarArchiveEntry entry;
        String tarName = name;
        switch (type) {
            case S_IFDIR -> entry = new TarArchiveEntry(tarName.endsWith("/") ? tarName : tarName + "/",
                    TarConstants.LF_DIR, true);
            case S_IFLNK -> {
                entry = new TarArchiveEntry(tarName, TarConstants.LF_SYMLINK, true);
                entry.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case S_IFREG -> entry = new TarArchiveEntry(tarName, TarConstants.LF_NORMAL, true);
            case S_IFCHR, S_IFBLK -> {
                long rdev = ((Number) attrs.get("rdev")).longValue();
                long major = ((rdev >>> 32) & 0xfffff000L) | ((rdev >>> 8) & 0xfffL);
                long minor = ((rdev >>> 12) & 0xffffff00L) | (rdev & 0xffL);
                if (type == S_IFCHR && major == 0 && minor == 0 && whiteouts == Whiteouts.TO_OCI) {
                    String dir = TarPaths.parent(tarName);
                    entry = new TarArchiveEntry(TarPaths.join(dir, TarUnpacker.WHITEOUT_PREFIX + TarPaths.base(tarName)),
                            TarConstants.LF_NORMAL, true);
                    entry.setMode(0600);
                    entry.setSize(0);
                    entry.setUserId(uid);
                    entry.setGroupId(gid);
                    entry.setModTime(mtime);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                    return;
                }
                entry = new TarArchiveEntry(tarName, type == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, true);
                entry.setDevMajor((int) major);
                entry.setDevMinor((int) minor);
            }
            case S_IFIFO -> entry = new TarArchiveEntry(tarName, TarConstants.LF_FIFO, true);
            default -> {
                return; // sockets and unknown types have no tar form
            }
        }
        entry.setMode(mode & 07777);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        entry.setModTime(mtime);
        long nlink = ((Number) attrs.get("nlink")).longValue();
        boolean hardlink = false;
        if (type == S_IFREG && nlink > 1) {
            Object key = List.of(attrs.get("dev"), attrs.get("ino"));
            String first = seenInodes.putIfAbsent(key, tarName);
            if (first != null) {
                TarArchiveEntry link = new TarArchiveEntry(tarName, TarConstants.LF_LINK, true);
                link.setLinkName(first);
                link.setMode(mode & 07777);
                link.setUserId(uid);
                link.setGroupId(gid);
                link.setModTime(mtime);
                entry = link;
                hardlink = true;
            }
        }
        byte[] capability = FileMeta.getXattr(path, "security.capability");
        if (capability != null && type != S_IFLNK) {
            entry.addPaxHeader("SCHILY.xattr.security.capability", new String(capability, StandardCharsets.UTF_8));
        }
        long size = type == S_IFREG && !hardlink ? ((Number) attrs.get("size")).longValue() : 0;
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        if (size > 0) {
            copyExactly(path, size);
        }
        tar.closeArchiveEntry();
        if (type == S_IFDIR && whiteouts == Whiteouts.TO_OCI) {
            byte[] opaque = FileMeta.getXattr(path, TarUnpacker.OPAQUE_XATTR);
            if (opaque != null && opaque.length == 1 && opaque[0] == 'y') {
                TarArchiveEntry wo = new TarArchiveEntry(TarPaths.join(tarName, TarUnpacker.WHITEOUT_OPAQUE),
                        TarConstants.LF_NORMAL, true);
                wo.setMode(mode & 0777);
                wo.setUserId(uid);
                wo.setGroupId(gid);
                wo.setModTime(mtime);
                wo.setSize(0);
                tar.putArchiveEntry(wo);
                tar.closeArchiveEntry();
            }
        }
    }

    /** Copies exactly {@code size} bytes: a file that shrank meanwhile is padded, one that grew is cut. */
    private void copyExactly(Path path, long size) throws IOException {
        long left = size;
        try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buf = new byte[1 << 16];
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                tar.write(buf, 0, n);
                left -= n;
            }
        }
        byte[] zeros = new byte[8192];
        while (left > 0) {
            int n = (int) Math.min(zeros.length, left);
            tar.write(zeros, 0, n);
            left -= n;
        }
    }

    /** Ends the archive (the two zero blocks) without closing the underlying stream. */
    public void finish() throws IOException {
        tar.finish();
        tar.flush();
    }

    @Override
    public void close() throws IOException {
        finish();
    }

    static Map<String, Object> lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static int mode(Map<String, Object> attrs) {
        return ((Number) attrs.get("mode")).intValue();
    }
}
