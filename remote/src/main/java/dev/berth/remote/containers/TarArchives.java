package dev.berth.remote.containers;

import java.io.File;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Tar helpers for copying files into and out of containers, the way {@code docker cp} does: an upload is a tar
 * whose top entry is the file or directory itself; a download is a tar of the requested path, named by its last
 * component.
 *
 * <p>Extraction treats the archive as hostile (it comes from inside a container): no entry may leave the target
 * directory, whether by an absolute name, by "..", by a symlink pointing outside, or by writing through a symlink.
 */
public final class TarArchives {

    private static final MediaType TAR = MediaType.get("application/x-tar");
    private static final int MAX_LINK_HOPS = 40; // as Linux's MAXSYMLINKS

    private TarArchives() {
    }

    // ---- packing ------------------------------------------------------------------------------------------------

    /** A request body that streams {@code source} (file, directory tree or symlink) as a tar, named by its file name. */
    public static RequestBody requestBody(Path source) {
        return requestBody(source, source.getFileName().toString());
    }

    /** Like {@link #requestBody(Path)} with another top-level name, e.g. to upload {@code a.txt} as {@code b.txt}. */
    public static RequestBody requestBody(Path source, String nameInArchive) {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(source + " does not exist");
        }
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return TAR;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                write(source, nameInArchive, sink.outputStream());
            }
        };
    }

    /** Writes {@code source} as a tar to {@code out} (which stays open), its top entry named {@code nameInArchive}. */
    public static void write(Path source, String nameInArchive, OutputStream out) throws IOException {
        OutputStream keepOpen = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(keepOpen)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            add(tar, source, trimSlashes(nameInArchive));
            tar.finish();
        }
    }

    private static void add(TarArchiveOutputStream tar, Path path, String name) throws IOException {
        if (Files.isSymbolicLink(path)) {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
            entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        } else if (Files.isDirectory(path)) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | permissions(path, 0755));
            entry.setModTime(Files.getLastModifiedTime(path));
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(path)) {
                dir.forEach(children::add);
            }
            children.sort(null); // reproducible archives
            for (Path child : children) {
                add(tar, child, name + "/" + child.getFileName());
            }
        } else if (Files.isRegularFile(path)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~0777 | permissions(path, 0644));
            entry.setSize(Files.size(path));
            entry.setModTime(Files.getLastModifiedTime(path));
            tar.putArchiveEntry(entry);
            Files.copy(path, tar);
            tar.closeArchiveEntry();
        }
        // sockets, fifos and devices are not copied, as docker cp does not copy them from the host either
    }

    private static int permissions(Path path, int fallback) {
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(path)) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return fallback; // Windows: no POSIX bits to carry over
        }
    }

    // ---- extraction ---------------------------------------------------------------------------------------------

    /** What to do with a symlink that points outside the target directory. */
    public enum OutsideLinks {
        /** Fail the extraction with {@link UnsafeArchiveException}. */
        REJECT,
        /** Leave such links out and list them in {@link Extracted#skipped()}. */
        SKIP
    }

    /**
     * The outcome of an extraction.
     *
     * @param skipped entry names left out: symlinks pointing outside (with {@link OutsideLinks#SKIP}), devices, fifos
     */
    public record Extracted(int files, int directories, int links, List<String> skipped) {
    }

    /** Extracts into {@code targetDir} (created if missing), refusing any entry that would land outside it. */
    public static Extracted extract(InputStream tar, Path targetDir) throws IOException {
        return extract(tar, targetDir, OutsideLinks.REJECT);
    }

    public static Extracted extract(InputStream tar, Path targetDir, OutsideLinks outsideLinks) throws IOException {
        Files.createDirectories(targetDir);
        Path root = targetDir.toRealPath();
        int files = 0;
        int directories = 0;
        List<Path> links = new ArrayList<>();
        List<String> linkNames = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Deque<Object[]> directoryAttributes = new ArrayDeque<>();
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
            String name = entry.getName();
            List<String> parts = safeParts(name);
            if (parts.isEmpty()) {
                continue; // "./": the target directory itself
            }
            Path parent = makeParents(root, parts, name);
            Path dest = parent.resolve(parts.get(parts.size() - 1));
            if (entry.isDirectory()) {
                if (Files.isSymbolicLink(dest)) {
                    throw new UnsafeArchiveException(name, "a symlink of that name was extracted before");
                }
                if (!Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(dest);
                    Files.createDirectory(dest);
                }
                directoryAttributes.push(new Object[] {dest, entry.getMode(), entry.getLastModifiedTime()});
                directories++;
            } else if (entry.isSymbolicLink()) {
                String target = entry.getLinkName();
                String reason = outsideReason(root, parent, target);
                if (reason != null) {
                    if (outsideLinks == OutsideLinks.SKIP) {
                        skipped.add(name);
                        continue;
                    }
                    throw new UnsafeArchiveException(name, reason);
                }
                deleteExisting(dest, name);
                Files.createSymbolicLink(dest, dest.getFileSystem().getPath(target));
                links.add(dest);
                linkNames.add(name);
            } else if (entry.isLink()) {
                Path source = root;
                for (String part : safeParts(entry.getLinkName())) {
                    source = source.resolve(part);
                }
                if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS) || !source.toRealPath().startsWith(root)) {
                    throw new UnsafeArchiveException(name, "it is a hard link to \"" + entry.getLinkName()
                            + "\", which is not a file extracted before it");
                }
                deleteExisting(dest, name);
                try {
                    Files.createLink(dest, source);
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(source, dest); // file systems without hard links get a copy
                }
                files++;
            } else if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
                skipped.add(name); // only the engine side may create device nodes and pipes
            } else if (entry.isFile()) {
                deleteExisting(dest, name);
                Files.copy(in, dest);
                applyAttributes(dest, entry.getMode(), entry.getLastModifiedTime());
                files++;
            } else {
                skipped.add(name);
            }
        }
        // A symlink checked when it was created can point elsewhere once later entries exist: check again, finally.
        int linkCount = links.size();
        for (int i = 0; i < links.size(); i++) {
            Path link = links.get(i);
            String reason = outsideReason(root, link.getParent(), Files.readSymbolicLink(link).toString());
            if (reason != null) {
                Files.delete(link);
                linkCount--;
                if (outsideLinks == OutsideLinks.REJECT) {
                    throw new UnsafeArchiveException(linkNames.get(i), reason);
                }
                skipped.add(linkNames.get(i));
            }
        }
        // Directory modes last: a read-only directory from the archive must not stop its own entries.
        for (Object[] dir : directoryAttributes) {
            applyAttributes((Path) dir[0], (Integer) dir[1], (FileTime) dir[2]);
        }
        return new Extracted(files, directories, linkCount, List.copyOf(skipped));
    }

    /** The path components of an entry name, refusing absolute names, ".." and platform-specific separators. */
    private static List<String> safeParts(String name) throws UnsafeArchiveException {
        if (name.startsWith("/") || name.contains("\0")) {
            throw new UnsafeArchiveException(name, "absolute paths are not allowed");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new UnsafeArchiveException(name, "\"..\" would leave the target directory");
            }
            if (!File.separator.equals("/") && (part.contains(File.separator) || part.contains(":"))) {
                throw new UnsafeArchiveException(name, "the name is not a plain relative path on this system");
            }
            parts.add(part);
        }
        return parts;
    }

    /** Creates the entry's parent directories without ever following a symlink; returns the parent. */
    private static Path makeParents(Path root, List<String> parts, String name) throws IOException {
        Path current = root;
        for (String part : parts.subList(0, parts.size() - 1)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new UnsafeArchiveException(name, "it would be written through the symlink " + root.relativize(current));
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafeArchiveException(name, root.relativize(current) + " is not a directory");
            }
        }
        return current;
    }

    private static void deleteExisting(Path dest, String name) throws IOException {
        if (Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeArchiveException(name, "a directory of that name exists");
        }
        Files.deleteIfExists(dest); // removes a symlink itself, never what it points to
    }

    /**
     * Resolves {@code target} from {@code directory} the way the kernel would (following symlinks already on disk)
     * and says why it leaves {@code root}, or returns null when it stays inside.
     */
    private static String outsideReason(Path root, Path directory, String target) throws IOException {
        if (target.isEmpty()) {
            return "the symlink has no target";
        }
        if (target.startsWith("/") || directory.getFileSystem().getPath(target).isAbsolute()) {
            return "the symlink points to the absolute path " + target;
        }
        Deque<String> pending = new ArrayDeque<>(List.of(target.split("/")));
        Path current = directory;
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.getParent();
                if (current == null || !current.startsWith(root)) {
                    return "the symlink points outside the target directory (" + target + ")";
                }
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++hops > MAX_LINK_HOPS) {
                    return "the symlink is part of a loop";
                }
                String inner = Files.readSymbolicLink(next).toString();
                if (inner.startsWith("/")) {
                    return "the symlink leads through " + root.relativize(next) + " to the absolute path " + inner;
                }
                List<String> innerParts = List.of(inner.split("/"));
                for (int i = innerParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(innerParts.get(i));
                }
                continue;
            }
            current = next;
        }
        return current.startsWith(root) ? null : "the symlink points outside the target directory (" + target + ")";
    }

    private static void applyAttributes(Path path, int mode, FileTime modified) {
        try {
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] all = PosixFilePermission.values();
            for (int i = 0; i < 9; i++) {
                if ((mode & (1 << (8 - i))) != 0) {
                    perms.add(all[i]);
                }
            }
            Files.setPosixFilePermissions(path, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the defaults
        }
        try {
            if (modified != null) {
                Files.setLastModifiedTime(path, modified);
            }
        } catch (IOException e) {
            // the timestamp is cosmetic
        }
    }

    private static String trimSlashes(String name) {
        String n = name.replaceAll("^/+|/+$", "");
        if (n.isEmpty()) {
            throw new IllegalArgumentException("the name in the archive must not be empty");
        }
        return n;
    }
}
