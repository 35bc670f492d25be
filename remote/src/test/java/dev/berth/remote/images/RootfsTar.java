package dev.berth.remote.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tiny root filesystem for {@code docker import}: the host's static busybox as {@code /bin/busybox} with a
 * {@code /bin/sh} link, and a {@code /hello.txt} whose text makes each image unique.
 */
final class RootfsTar {

    private RootfsTar() {
    }

    static byte[] withHello(String hello) {
        try {
            byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                directory(tar, "bin/");
                directory(tar, "tmp/");
                file(tar, "bin/busybox", busybox, 0755);
                TarArchiveEntry sh = new TarArchiveEntry("bin/sh", TarArchiveEntry.LF_SYMLINK);
                sh.setLinkName("busybox");
                tar.putArchiveEntry(sh);
                tar.closeArchiveEntry();
                file(tar, "hello.txt", hello.getBytes(StandardCharsets.UTF_8), 0644);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0100000 | mode);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
