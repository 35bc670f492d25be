package dev.berth.engine.storage;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a tar into a directory without ever writing outside it, with moby's {@code pkg/archive} semantics:
 * names are cleaned and refused when absolute or climbing out; parents are resolved inside the destination
 * ({@link InRoot}) and the last component is never followed; symlinks and hardlinks that lead out are refused;
 * device nodes are not created (containers get /dev from the runtime); an existing entry is replaced unless both
 * are directories. Owners, full modes (setuid/setgid/sticky), xattrs and times are kept; directory times are set
 * last, since creating their children changes them.
 *
 * <p>For image layers, OCI whiteouts become overlay whiteouts: {@code .wh.NAME} a 0/0 character device,
 * {@code .wh..wh..opq} the {@code trusted.overlay.opaque=y} attribute on its directory.
 */
public final class TarUnpacker {

    private static final Logger LOG = LoggerFactory.getLogger(TarUnpacker.class);

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String WHITEOUT_META_PREFIX = ".wh..wh.";
    static final String WHITEOUT_OPAQUE = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";

    /** How to treat whiteouts. */
    public enum Whiteouts {
        /** Image layers on overlayfs: convert to character devices and opaque attributes. */
        OVERLAY,
        /** docker cp, imports, archives: {@code .wh.} files are ordinary files. */
        KEEP
    }

    /**
     * @param chown                owners from the tar (lchown) — or {@code uid}/{@code gid} for every entry when set
     * @param noOverwriteDirNonDir refuse to replace a directory with a non-directory and the reverse (docker cp)
     */
    public record Options(Whiteouts whiteouts, boolean chown, Integer uid, Integer gid, boolean noOverwriteDirNonDir) {

        public static Options layer() {
            return new Options(Whiteouts.OVERLAY, true, null, null, false);
        }

        public static Options plain() {
            return new Options(Whiteouts.KEEP, true, null, null, false);
        }

        public static Options copy(boolean noOverwriteDirNonDir, Integer uid, Integer gid) {
            return new Options(Whiteouts.KEEP, true, uid, gid, noOverwriteDirNonDir);
        }
    }

    private final InRoot root;
    private final String destRel;
    private final Options options;
    private final List<DeferredTimes> dirTimes = new ArrayList<>();
    private String cachedDir;
    private InRoot.Fd cachedFd;
    private long size;

    private TarUnpacker(InRoot root, String destRel, Options options) {
        this.root = root;
        this.destRel = destRel;
        this.options = options;
    }

    /**
     * Unpacks {@code tar} (plain; decompress first) into {@code dest}, which must exist. Reads the stream to its
     * end. Returns the bytes of regular-file content written (moby's layer "size").
     */
    public static long unpack(InputStream tar, Path dest, Options options) throws IOException {
        return unpack(tar, dest, "", options);
    }

    /**
     * Unpacks into the directory {@code destRel} of {@code root}, resolving every path as if {@code root} were "/"
     * (docker cp into a container: the container's own symlinks are followed, but only inside it). Names, symlinks
     * and hardlinks must still stay inside {@code destRel}, as moby requires.
     */
    public static long unpack(InputStream tar, Path root, String destRel, Options options) throws IOException {
        try (InRoot inRoot = InRoot.open(root)) {
            TarUnpacker unpacker = new TarUnpacker(inRoot, String.join("/", InRoot.components(destRel)), options);
            try {
                unpacker.run(tar);
            } finally {
                unpacker.dropCache();
            }
            return unpacker.size;
        }
    }

    private void run(InputStream raw) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(raw, true);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            apply(entry, tar);
        }
        // the tar's end-of-archive blocks and padding belong to the stream whose digest the caller computes
        raw.transferTo(OutputStream.nullOutputStream());
        for (int i = dirTimes.size() - 1; i >= 0; i--) {
            DeferredTimes t = dirTimes.get(i);
            try (InRoot.Fd dir = root.directory(t.rel)) {
                FileMeta.times(dir.path().resolve("."), t.atime, t.mtime);
            } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
                // replaced or removed by a later entry
            }
        }
    }

    private void apply(TarArchiveEntry entry, InputStream content) throws IOException {
        String name = entry.getName();
        String rel = TarPaths.clean(name);
        if (rel == null) {
            throw new UnsafeArchiveException("\"" + name + "\" is outside of \"/" + destRel + "\"");
        }
        if (rel.isEmpty()) {
            return; // the root itself ("./"): moby leaves the destination's own metadata alone
        }
        String base = TarPaths.base(rel);
        String dirRel = TarPaths.parent(rel);
        String dirFull = TarPaths.join(destRel, dirRel);
        String full = TarPaths.join(destRel, rel);
        if (options.whiteouts == Whiteouts.OVERLAY) {
            if (rel.startsWith(WHITEOUT_META_PREFIX) && !rel.equals(WHITEOUT_OPAQUE)) {
                return; // AUFS metadata (.wh..wh.plnk, .wh..wh.aufs)
            }
            if (base.equals(WHITEOUT_OPAQUE)) {
                InRoot.Fd dir = parent(dirFull);
                FileMeta.setXattr(dir.path().resolve("."), OPAQUE_XATTR, new byte[] {'y'});
                return;
            }
            if (base.startsWith(WHITEOUT_META_PREFIX)) {
                return;
            }
            if (base.startsWith(WHITEOUT_PREFIX)) {
                String hidden = base.substring(WHITEOUT_PREFIX.length());
                InRoot.Fd dir = parent(dirFull);
                Path target = dir.path().resolve(hidden);
                removeExisting(dir, hidden, target);
                try {
                    LibC.INSTANCE.mknod(target.toString(), LibC.S_IFCHR, 0);
                } catch (LastErrorException e) {
                    throw InRoot.error(e, TarPaths.join(dirRel, hidden));
                }
                FileMeta.lchown(target, entry.getLongUserId(), entry.getLongGroupId());
                return;
            }
        }

        Kind kind = Kind.of(entry);
        boolean isDir = kind == Kind.DIR;
        if (kind == Kind.DEVICE) {
            LOG.debug("not creating device node {} from an archive", rel);
            return;
        }
        if (kind == Kind.OTHER) {
            LOG.debug("skipping archive entry {} of unsupported type {}", rel, (char) entry.getLinkFlag());
            return;
        }

        InRoot.Fd dir = parent(dirFull);
        Path target = dir.path().resolve(base);
        BasicFileAttributes existing = lstat(target);
        if (existing != null) {
            if (options.noOverwriteDirNonDir && existing.isDirectory() && !isDir) {
                throw new UnsafeArchiveException("cannot overwrite directory \"/" + full
                        + "\" with non-directory \"" + name + "\"");
            }
            if (options.noOverwriteDirNonDir && !existing.isDirectory() && isDir) {
                throw new UnsafeArchiveException("cannot overwrite non-directory \"/" + full
                        + "\" with directory \"" + name + "\"");
            }
            if (!(existing.isDirectory() && isDir)) {
                removeExisting(dir, base, target);
                existing = null;
            }
        }

        if (isDir) {
            if (existing == null) {
                Files.createDirectory(target);
            }
        } else if (kind == Kind.FILE) {
            try (SeekableByteChannel ch = Files.newByteChannel(target,
                    java.util.Set.<java.nio.file.OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                 OutputStream out = Channels.newOutputStream(ch)) {
                size += content.transferTo(out);
            }
        } else if (kind == Kind.SYMLINK) {
            String link = entry.getLinkName();
            String resolved = link.startsWith("/") ? TarPaths.cleanRelative(link)
                    : TarPaths.cleanRelative(TarPaths.join(dirRel, link));
            if (resolved == null) {
                throw new UnsafeArchiveException("invalid symlink \"" + "/" + full + "\" -> \"" + link + "\"");
            }
            try {
                LibC.INSTANCE.symlink(link, target.toString());
            } catch (LastErrorException e) {
                throw InRoot.error(e, rel);
            }
        } else if (kind == Kind.HARDLINK) {
            // an absolute target names a file of the archive, as in moby (joined to the destination)
            String link = TarPaths.cleanRelative(entry.getLinkName());
            if (link == null || link.isEmpty()) {
                throw new UnsafeArchiveException("invalid hardlink \"" + "/" + full + "\" -> \""
                        + entry.getLinkName() + "\"");
            }
            try (InRoot.Fd linkDir = root.directory(TarPaths.parent(TarPaths.join(destRel, link)))) {
                Path source = linkDir.path().resolve(TarPaths.base(link));
                BasicFileAttributes src = lstat(source);
                if (src == null || src.isDirectory()) {
                    throw new UnsafeArchiveException("invalid hardlink \"" + "/" + full + "\" -> \""
                            + entry.getLinkName() + "\": no such file in the archive's destination");
                }
                Files.createLink(target, source);
            } catch (NoSuchFileException e) {
                throw new UnsafeArchiveException("invalid hardlink \"" + "/" + full + "\" -> \""
                        + entry.getLinkName() + "\": no such file in the archive's destination");
            }
        } else if (kind == Kind.FIFO) {
            try {
                LibC.INSTANCE.mkfifo(target.toString(), 0600);
            } catch (LastErrorException e) {
                throw InRoot.error(e, rel);
            }
        }
        applyMetadata(entry, kind, full, target);
    }

    private void applyMetadata(TarArchiveEntry entry, Kind kind, String rel, Path target) throws IOException {
        if (options.chown) {
            long uid = options.uid != null ? options.uid : entry.getLongUserId();
            long gid = options.gid != null ? options.gid : entry.getLongGroupId();
            FileMeta.lchown(target, uid, gid);
        }
        for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
            String key = header.getKey();
            if (!key.startsWith("SCHILY.xattr.")) {
                continue;
            }
            String xattr = key.substring("SCHILY.xattr.".length());
            if (xattr.startsWith("trusted.overlay.")) {
                continue; // overlay's own bookkeeping (opaque, redirect, metacopy) is only ever set by us
            }
            FileMeta.setXattr(target, xattr, header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        boolean hardlink = kind == Kind.HARDLINK;
        if (kind != Kind.SYMLINK && !hardlink) {
            FileMeta.chmod(target, entry.getMode());
        }
        FileTime mtime = entry.getLastModifiedTime();
        FileTime atime = entry.getLastAccessTime() != null ? entry.getLastAccessTime() : mtime;
        if (mtime == null) {
            return;
        }
        if (kind == Kind.DIR) {
            dirTimes.add(new DeferredTimes(rel, atime, mtime));
        } else if (!hardlink) {
            FileMeta.times(target, atime, mtime);
        }
    }

    /** The pinned parent directory of an entry, created (0755, root) when the archive does not list it. */
    private InRoot.Fd parent(String dirRel) throws IOException {
        if (dirRel.equals(cachedDir) && cachedFd != null) {
            return cachedFd;
        }
        dropCache();
        try {
            cachedFd = root.mkdirs(dirRel);
        } catch (java.nio.file.NotDirectoryException | FileAlreadyExistsException e) {
            throw new UnsafeArchiveException("cannot create \"/" + dirRel + "\": a parent is not a directory");
        }
        cachedDir = dirRel;
        return cachedFd;
    }

    private void removeExisting(InRoot.Fd dir, String name, Path target) throws IOException {
        if (lstat(target) == null) {
            return;
        }
        // only the pinned parent is cached, and it stays valid: what goes is below it
        FileMeta.removeTree(dir.path(), name);
    }

    private void dropCache() {
        if (cachedFd != null) {
            cachedFd.close();
        }
        cachedFd = null;
        cachedDir = null;
    }

    private static BasicFileAttributes lstat(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** An entry's type by its type flag (commons-compress's isFile() is true for links and FIFOs too). */
    enum Kind {
        FILE, DIR, SYMLINK, HARDLINK, FIFO, DEVICE, OTHER;

        static Kind of(TarArchiveEntry e) {
            return switch (e.getLinkFlag()) {
                case TarConstants.LF_NORMAL, TarConstants.LF_OLDNORM, TarConstants.LF_CONTIG,
                        TarConstants.LF_GNUTYPE_SPARSE -> e.getName().endsWith("/") ? DIR : FILE;
                case TarConstants.LF_DIR -> DIR;
                case TarConstants.LF_SYMLINK -> SYMLINK;
                case TarConstants.LF_LINK -> HARDLINK;
                case TarConstants.LF_FIFO -> FIFO;
                case TarConstants.LF_CHR, TarConstants.LF_BLK -> DEVICE;
                default -> OTHER;
            };
        }
    }

    private record DeferredTimes(String rel, FileTime atime, FileTime mtime) {
    }
}
