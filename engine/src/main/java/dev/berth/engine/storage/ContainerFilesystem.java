package dev.berth.engine.storage;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.FilesystemChange;
import dev.berth.remote.containers.PathStat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * docker cp, diff and export on a container's filesystem, with moby's semantics (daemon/archive.go,
 * pkg/archive/changes.go). Paths are resolved as if the rootfs were "/": the container's symlinks are followed,
 * but only inside it; writes never follow a symlink in their last component.
 *
 * <p>Reading a running container's files is not pinned against a container swapping directories for symlinks
 * mid-walk; callers that need that pause the container (as podman does).
 */
public final class ContainerFilesystem {

    private static final long MODE_DIR = 1L << 31;
    private static final long MODE_SYMLINK = 1L << 27;
    private static final long MODE_DEVICE = 1L << 26;
    private static final long MODE_NAMED_PIPE = 1L << 25;
    private static final long MODE_SOCKET = 1L << 24;
    private static final long MODE_SETUID = 1L << 23;
    private static final long MODE_SETGID = 1L << 22;
    private static final long MODE_CHAR_DEVICE = 1L << 21;
    private static final long MODE_STICKY = 1L << 20;

    private final LayerStore layers;

    public ContainerFilesystem(LayerStore layers) {
        this.layers = layers;
    }

    // ---- docker cp -----------------------------------------------------------------------------------------------

    /** HEAD/GET archive's X-Docker-Container-Path-Stat: the path itself (a final symlink is not followed). */
    public PathStat stat(Path rootfs, String path) {
        try (InRoot root = InRoot.open(rootfs)) {
            Located located = locate(root, path);
            try (located) {
                return located.stat;
            }
        } catch (IOException e) {
            throw ioFailure(path, e);
        }
    }

    /**
     * GET archive: a tar of {@code path} whose top entry is named after the path's last element (a directory's
     * content goes below it). A final symlink is archived as a symlink; "dir/" and "dir/." follow it.
     */
    public void copyOut(Path rootfs, String path, OutputStream tarOut) {
        try (InRoot root = InRoot.open(rootfs); Located located = locate(root, path)) {
            TarPacker packer = new TarPacker(tarOut, TarPacker.Whiteouts.KEEP);
            packer.addTree(located.hostPath, located.stat.name().equals("/") ? "." : located.stat.name());
            packer.finish();
        } catch (IOException e) {
            throw ioFailure(path, e);
        }
    }

    /**
     * PUT archive with Docker's default ownership: entries keep the uid/gid the tar gives them.
     *
     * @param copyUidGid docker cp -a; the caller that knows the container's user passes it to the other overload
     */
    public void copyIn(Path rootfs, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        copyIn(rootfs, path, tar, noOverwriteDirNonDir, null, null);
    }

    /**
     * PUT archive: extracts a (possibly compressed) tar into the directory {@code path}, which must exist. With
     * {@code uid}/{@code gid} set, every entry is owned by them (docker cp -a with the container's user).
     */
    public void copyIn(Path rootfs, String path, InputStream tar, boolean noOverwriteDirNonDir, Integer uid,
            Integer gid) {
        String abs = absolute(path);
        String dest;
        try (InRoot root = InRoot.open(rootfs)) {
            dest = root.resolve(abs);
            try (InRoot.Fd fd = root.directory(dest)) {
                // exists and is a directory
            } catch (NotDirectoryException e) {
                throw EngineException.badRequest("extraction point is not a directory");
            } catch (NoSuchFileException e) {
                throw new PathNotFoundException(path);
            }
        } catch (IOException e) {
            throw ioFailure(path, e);
        }
        try {
            TarUnpacker.unpack(Compression.decompressed(tar), rootfs, dest,
                    TarUnpacker.Options.copy(noOverwriteDirNonDir, uid, gid));
        } catch (UnsafeArchiveException e) {
            throw EngineException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw EngineException.serverError("cannot copy into " + path + ": " + e.getMessage(), e);
        }
    }

    // ---- docker diff, export, commit -----------------------------------------------------------------------------

    /** docker diff: what the container's writable layer adds (A), changes (C) and deletes (D), in walk order. */
    public List<FilesystemChange> changes(String containerId) {
        Path upper = layers.upperDir(containerId);
        if (!Files.isDirectory(upper)) {
            throw EngineException.notFound("No such container: " + containerId);
        }
        List<InRoot> lowers = new ArrayList<>();
        try {
            for (Path lower : layers.containerLowerDirs(containerId)) {
                if (Files.isDirectory(lower)) {
                    lowers.add(InRoot.open(lower));
                }
            }
            List<FilesystemChange> changes = new ArrayList<>();
            walkChanges(upper, "", lowers, changes, new HashSet<>());
            return changes;
        } catch (IOException e) {
            throw EngineException.serverError("cannot compute the changes of container " + containerId + ": "
                    + e.getMessage(), e);
        } finally {
            lowers.forEach(InRoot::close);
        }
    }

    /** docker export: the container's whole filesystem (mounted for the duration if it is not running). */
    public void export(String containerId, OutputStream tarOut) {
        try (LayerStore.Lease lease = layers.borrow(containerId)) {
            TarPacker packer = new TarPacker(tarOut, TarPacker.Whiteouts.KEEP);
            packer.addContents(lease.rootfs(), "");
            packer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export container " + containerId + ": " + e.getMessage(), e);
        }
    }

    /** The container's writable layer as an OCI layer tar (whiteouts as .wh. files): what a commit stores. */
    public void exportDiff(String containerId, OutputStream tarOut) throws IOException {
        TarPacker packer = new TarPacker(tarOut, TarPacker.Whiteouts.TO_OCI);
        packer.addContents(layers.upperDir(containerId), "");
        packer.finish();
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private void walkChanges(Path dir, String rel, List<InRoot> lowers, List<FilesystemChange> changes,
            Set<String> changedDirs) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                names.add(child.getFileName().toString());
            }
        }
        names.sort(null);
        for (String name : names) {
            String childRel = rel.isEmpty() ? name : rel + "/" + name;
            String abs = "/" + childRel;
            Path host = dir.resolve(name);
            Map<String, Object> attrs = TarPacker.lstat(host);
            if (attrs == null) {
                continue;
            }
            if (abs.startsWith("/" + TarUnpacker.WHITEOUT_META_PREFIX)) {
                continue;
            }
            int mode = TarPacker.mode(attrs);
            boolean isDir = (mode & 0170000) == 0040000;
            FilesystemChange.Kind kind;
            if (deleted(host, attrs, mode, isDir)) {
                kind = FilesystemChange.Kind.DELETED;
            } else {
                kind = FilesystemChange.Kind.ADDED;
                for (InRoot lower : lowers) {
                    Map<String, Object> below = statFollowing(lower, childRel);
                    if (below != null) {
                        boolean belowDir = (TarPacker.mode(below) & 0170000) == 0040000;
                        if (belowDir && isDir && sameDir(attrs, below)) {
                            kind = null; // only a parent of something changed; recorded below if so
                        } else {
                            kind = FilesystemChange.Kind.MODIFIED;
                        }
                        break;
                    }
                }
            }
            if (kind != null) {
                if (isDir) {
                    changedDirs.add(abs);
                }
                if (kind != FilesystemChange.Kind.MODIFIED) {
                    String parent = abs.substring(0, abs.lastIndexOf('/'));
                    if (!parent.isEmpty() && changedDirs.add(parent)) {
                        changes.add(new FilesystemChange(parent, FilesystemChange.Kind.MODIFIED));
                    }
                }
                changes.add(new FilesystemChange(abs, kind));
            }
            if (isDir) {
                walkChanges(host, childRel, lowers, changes, changedDirs);
            }
        }
    }

    private static boolean deleted(Path host, Map<String, Object> attrs, int mode, boolean isDir) {
        if ((mode & 0170000) == 0020000 && ((Number) attrs.get("rdev")).longValue() == 0) {
            return true;
        }
        if (isDir) {
            byte[] opaque = FileMeta.getXattr(host, TarUnpacker.OPAQUE_XATTR);
            return opaque != null && opaque.length == 1 && opaque[0] == 'y';
        }
        return false;
    }

    private static boolean sameDir(Map<String, Object> a, Map<String, Object> b) {
        if (((Number) a.get("size")).longValue() != ((Number) b.get("size")).longValue()
                || TarPacker.mode(a) != TarPacker.mode(b)) {
            return false;
        }
        Instant ta = ((FileTime) a.get("lastModifiedTime")).toInstant();
        Instant tb = ((FileTime) b.get("lastModifiedTime")).toInstant();
        return ta.equals(tb) || (ta.getEpochSecond() == tb.getEpochSecond() && (ta.getNano() == 0 || tb.getNano() == 0));
    }

    /** os.Stat of a path inside a lower layer, following symlinks but only within that layer. */
    private static Map<String, Object> statFollowing(InRoot lower, String rel) {
        try (InRoot.Fd parent = lower.directory(TarPaths.parent(rel))) {
            Path p = parent.path().resolve(TarPaths.base(rel));
            Map<String, Object> attrs = TarPacker.lstat(p);
            if (attrs == null) {
                return null;
            }
            if ((TarPacker.mode(attrs) & 0170000) == 0120000) {
                try (InRoot.Fd target = lower.directory(lower.resolve(rel))) {
                    return Files.readAttributes(target.path().resolve("."), "unix:*");
                } catch (IOException e) {
                    return null; // dangling, or leads to a non-directory: os.Stat of it is what matters little here
                }
            }
            return attrs;
        } catch (IOException e) {
            return null;
        }
    }

    /** The path as moby makes it absolute: joined to "/", keeping a trailing "/" or "/.". */
    static String absolute(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        String cleaned = "/" + String.join("/", cleanComponents(p));
        if (!cleaned.equals("/") && (p.endsWith("/") || p.endsWith("/."))) {
            cleaned += p.endsWith("/.") ? "/." : "/";
        }
        return cleaned;
    }

    private static List<String> cleanComponents(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    /** Go's filepath.Base. */
    static String base(String abs) {
        String p = abs;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/")) {
            return "/";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** A path resolved as moby's ResolvePath does: the directory part followed, the last element taken as is. */
    private Located locate(InRoot root, String path) throws IOException {
        String abs = absolute(path);
        int slash = abs.lastIndexOf('/');
        String dirPart = abs.substring(0, slash + 1);
        String basePart = abs.substring(slash + 1);
        InRoot.Fd dir;
        try {
            dir = root.directory(dirPart);
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new PathNotFoundException(path);
        }
        Path host = basePart.isEmpty() || basePart.equals(".") ? dir.path().resolve(".") : dir.path().resolve(basePart);
        Map<String, Object> attrs = TarPacker.lstat(host);
        if (attrs == null) {
            dir.close();
            throw new PathNotFoundException(path);
        }
        int mode = TarPacker.mode(attrs);
        String linkTarget = "";
        if ((mode & 0170000) == 0120000) {
            linkTarget = "/" + root.resolve(abs);
        }
        FileTime mtime = (FileTime) attrs.get("lastModifiedTime");
        PathStat stat = new PathStat(base(abs), ((Number) attrs.get("size")).longValue(), goFileMode(mode),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(mtime.toInstant().atOffset(ZoneOffset.UTC)), linkTarget);
        return new Located(dir, host, stat);
    }

    /** Go's os.FileMode bits for a Unix st_mode. */
    static long goFileMode(int mode) {
        long m = mode & 0777;
        switch (mode & 0170000) {
            case 0040000 -> m |= MODE_DIR;
            case 0120000 -> m |= MODE_SYMLINK;
            case 0060000 -> m |= MODE_DEVICE;
            case 0020000 -> m |= MODE_DEVICE | MODE_CHAR_DEVICE;
            case 0010000 -> m |= MODE_NAMED_PIPE;
            case 0140000 -> m |= MODE_SOCKET;
            default -> {
            }
        }
        if ((mode & 04000) != 0) {
            m |= MODE_SETUID;
        }
        if ((mode & 02000) != 0) {
            m |= MODE_SETGID;
        }
        if ((mode & 01000) != 0) {
            m |= MODE_STICKY;
        }
        return m;
    }

    private static EngineException ioFailure(String path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new PathNotFoundException(path);
        }
        return EngineException.serverError("cannot access " + path + ": " + e.getMessage(), e);
    }

    private record Located(InRoot.Fd dir, Path hostPath, PathStat stat) implements AutoCloseable {
        @Override
        public void close() {
            dir.close();
        }
    }
}
