package dev.berth.remote.tls;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes key and certificate files so that nobody else can ever read a key: content goes into an
 * owner-only temp file in the target directory, gets its final mode, and is then renamed into place, so
 * a crash leaves either the old file or the complete new one, never a partial or world-readable key.
 */
final class SecureFiles {

    static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("r--------");
    static final Set<PosixFilePermission> CERT_MODE = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private SecureFiles() {
    }

    static boolean supportsPosix(Path existingDir) throws IOException {
        return Files.getFileStore(existingDir).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /** Creates missing directories owner-only (0700): the directory is going to hold private keys. */
    static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path existingAncestor = dir.toAbsolutePath();
        while (existingAncestor != null && !Files.exists(existingAncestor)) {
            existingAncestor = existingAncestor.getParent();
        }
        if (existingAncestor != null && supportsPosix(existingAncestor)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Replaces {@code target} (even a read-only one) with {@code content} and gives it {@code mode}. */
    static void writeAtomically(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = supportsPosix(dir);
        String prefix = "." + target.getFileName() + ".";
        Path temp = posix
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(temp, mode);
            } else if (Files.exists(target)) {
                // Windows refuses to replace a read-only file; there is no POSIX mode to restore anyway.
                target.toFile().setWritable(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Octal mode such as {@code 0400}, or {@code n/a} without POSIX permissions. */
    static String mode(Path file) throws IOException {
        if (!supportsPosix(file.toAbsolutePath().getParent())) {
            return "n/a";
        }
        int bits = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(file)) {
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }
}
