package dev.berth.engine.storage;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory treated as "/" while resolving paths inside it, the way a chroot would: absolute symlinks and
 * {@code ..} stay inside, and nothing resolves to a place outside. Resolution is done by the kernel
 * ({@code openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)}) and yields an {@code O_PATH} descriptor, so the
 * directory found cannot be swapped for a symlink between the check and the use (a container may be running on
 * that root). Callers then work on {@code /proc/self/fd/N/<name>} with no-follow operations for the last component.
 */
public final class InRoot implements AutoCloseable {

    private static final int ENOENT = 2;
    private static final int EAGAIN = 11;
    private static final int EEXIST = 17;
    private static final int EXDEV = 18;
    private static final int ENOTDIR = 20;
    private static final int ELOOP = 40;

    private final Path root;
    private final int rootFd;

    private InRoot(Path root, int rootFd) {
        this.root = root;
        this.rootFd = rootFd;
    }

    /** Opens {@code root}, which must be a real directory (a symlink is refused). */
    public static InRoot open(Path root) throws IOException {
        return new InRoot(root, openAt(LibC.AT_FDCWD, root.toString(),
                LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_NOFOLLOW | LibC.O_CLOEXEC, 0, root.toString()));
    }

    public Path root() {
        return root;
    }

    /** The components of {@code path} with empty and "." parts dropped; ".." is kept for the kernel to clamp. */
    public static List<String> components(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** An {@code O_PATH} descriptor of the directory {@code path} (resolved in root, symlinks followed inside it). */
    public Fd directory(String path) throws IOException {
        String rel = String.join("/", components(path));
        return new Fd(openAt(rootFd, rel.isEmpty() ? "." : rel,
                LibC.O_PATH | LibC.O_DIRECTORY | LibC.O_CLOEXEC, LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS, path));
    }

    /**
     * The directory {@code path}, creating missing components (mode 0755, owned by root, as moby does for parents
     * a tar does not list). A component that exists but is not a directory is an error.
     */
    public Fd mkdirs(String path) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return directory(path);
            } catch (NoSuchFileException e) {
                // build it below
            }
            // A dangling symlink on the way is followed inside the root, as a chroot's mkdir -p would.
            List<String> parts = components(resolve(path));
            Fd current = directory("");
            try {
                for (int i = 0; i < parts.size(); i++) {
                    String prefix = String.join("/", parts.subList(0, i + 1));
                    Fd next;
                    try {
                        next = directory(prefix);
                    } catch (NoSuchFileException e) {
                        Path target = current.path().resolve(parts.get(i));
                        try {
                            Files.createDirectory(target);
                            Files.setPosixFilePermissions(target,
                                    java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                        } catch (FileAlreadyExistsException exists) {
                            // a symlink appeared meanwhile: start over, resolving it
                        }
                        next = directory(prefix);
                    }
                    current.close();
                    current = next;
                }
                return current;
            } catch (NoSuchFileException e) {
                current.close();
                if (attempt >= 8) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                current.close();
                throw e;
            }
        }
    }

    /** An {@code O_PATH} descriptor of {@code path} itself; a final symlink is not followed. */
    public Fd entry(String path) throws IOException {
        String rel = String.join("/", components(path));
        return new Fd(openAt(rootFd, rel.isEmpty() ? "." : rel, LibC.O_PATH | LibC.O_NOFOLLOW | LibC.O_CLOEXEC,
                LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS, path));
    }

    /**
     * Where {@code path} really is, relative to root and with every symlink evaluated inside root (moby's
     * {@code FollowSymlinkInScope}); "" for root itself. Missing trailing components are kept as given.
     */
    public String resolve(String path) throws IOException {
        String rel = String.join("/", components(path));
        try (Fd fd = new Fd(openAt(rootFd, rel.isEmpty() ? "." : rel, LibC.O_PATH | LibC.O_CLOEXEC,
                LibC.RESOLVE_IN_ROOT | LibC.RESOLVE_NO_MAGICLINKS, path))) {
            String host = Files.readSymbolicLink(fd.path()).toString();
            String base = Files.readSymbolicLink(Path.of("/proc/self/fd/" + rootFd)).toString();
            if (host.equals(base)) {
                return "";
            }
            if (host.startsWith(base + "/")) {
                return host.substring(base.length() + 1);
            }
            if (base.equals("/")) {
                return host.substring(1);
            }
        } catch (NoSuchFileException e) {
            // a dangling link or a missing path: evaluate by hand below
        }
        return resolveLexically(path);
    }

    private String resolveLexically(String path) throws IOException {
        List<String> parts = components(path);
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(parts);
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.remove(resolved.size() - 1);
                }
                continue;
            }
            Path here = root.resolve(String.join("/", resolved)).resolve(part);
            if (Files.isSymbolicLink(here)) {
                if (++hops > 255) {
                    throw new FileSystemException(path, null, "too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> more = components(target);
                for (int i = more.size() - 1; i >= 0; i--) {
                    todo.addFirst(more.get(i));
                }
                continue;
            }
            resolved.add(part);
            if (!Files.exists(here, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                // the rest cannot be symlinks: keep it as given
                while (!todo.isEmpty()) {
                    String rest = todo.removeFirst();
                    if (rest.equals("..")) {
                        resolved.remove(resolved.size() - 1);
                    } else {
                        resolved.add(rest);
                    }
                }
            }
        }
        return String.join("/", resolved);
    }

    @Override
    public void close() {
        closeQuietly(rootFd);
    }

    static int openAt(int dirFd, String path, int flags, long resolve, String forMessage) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                long fd = LibC.INSTANCE.syscall(LibC.SYS_OPENAT2, dirFd, path, how(flags, resolve), 24L);
                return (int) fd;
            } catch (LastErrorException e) {
                // EAGAIN/EXDEV: a rename raced the ".." check; the kernel asks us to retry
                if ((e.getErrorCode() == EAGAIN || e.getErrorCode() == EXDEV) && attempt < 32) {
                    continue;
                }
                throw error(e, forMessage);
            }
        }
    }

    private static LibC.OpenHow how(int flags, long resolve) {
        LibC.OpenHow how = new LibC.OpenHow();
        how.flags = Integer.toUnsignedLong(flags);
        how.mode = 0;
        how.resolve = resolve;
        return how;
    }

    static IOException error(LastErrorException e, String path) {
        return switch (e.getErrorCode()) {
            case ENOENT -> new NoSuchFileException(path);
            case ENOTDIR -> new NotDirectoryException(path);
            case EEXIST -> new FileAlreadyExistsException(path);
            case ELOOP -> new FileSystemException(path, null, "too many levels of symbolic links");
            default -> new FileSystemException(path, null, LibC.describe(e));
        };
    }

    static void closeQuietly(int fd) {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException ignored) {
            // nothing useful to do
        }
    }

    /** An open {@code O_PATH} descriptor, reachable as the directory {@code /proc/self/fd/N}. */
    public static final class Fd implements AutoCloseable {
        private final int fd;
        private boolean closed;

        Fd(int fd) {
            this.fd = fd;
        }

        public int fd() {
            return fd;
        }

        /** The magic path of the descriptor: operations under it act on the pinned directory. */
        public Path path() {
            return Path.of("/proc/self/fd/" + fd);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closeQuietly(fd);
            }
        }
    }
}
