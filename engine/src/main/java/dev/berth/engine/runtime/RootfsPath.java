package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root filesystem as the container would see it: symlinks are followed, but
 * an absolute target or too many ".." start again from the rootfs, never from the host's /. Used for reading the
 * container's /etc/passwd and creating its working directory before it runs.
 */
public final class RootfsPath {

    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    /**
     * The host path of {@code path} inside {@code root}. Components that do not exist are appended as they are;
     * the result is always under {@code root}.
     */
    public static Path resolve(Path root, String path) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        push(pending, path);
        Deque<String> resolved = new ArrayDeque<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            Path candidate = join(root, resolved).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("too many levels of symbolic links in " + path);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                push(pending, target);
                continue;
            }
            resolved.addLast(part);
        }
        return join(root, resolved);
    }

    /**
     * Creates {@code path} and its missing parents inside {@code root} (root-owned, 0755, like Docker's
     * working-directory setup); fails if it exists as something other than a directory.
     */
    public static Path mkdirs(Path root, String path) throws IOException {
        Path target = resolve(root, path);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("not a directory: " + path);
        }
        // Create one component at a time, re-resolving so a symlink planted meanwhile is still confined.
        Path current = root;
        for (Path part : root.relativize(target)) {
            Path next = current.resolve(part.toString());
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(next);
            } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a directory: " + root.relativize(next));
            }
            current = next;
        }
        return target;
    }

    private static void push(Deque<String> pending, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private static Path join(Path root, Deque<String> parts) {
        Path p = root;
        for (String part : parts) {
            p = p.resolve(part);
        }
        return p;
    }
}
