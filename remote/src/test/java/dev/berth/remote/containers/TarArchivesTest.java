package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packing for upload, and extraction that no hostile archive can escape. */
class TarArchivesTest {

    @TempDir
    Path dir;

    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        target = Files.createDirectories(dir.resolve("sandbox/target"));
    }

    /** Builds a tar by hand, so tests can write entries no honest tool would. */
    private static final class TarBuilder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

        TarBuilder() {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        }

        TarBuilder file(String name, String content) throws IOException {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name, true);
            e.setSize(data.length);
            e.setMode(0100644);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
            return this;
        }

        TarBuilder dir(String name, int mode) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
            e.setMode(040000 | mode);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        TarBuilder symlink(String name, String linkTarget) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
            e.setLinkName(linkTarget);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        TarBuilder hardlink(String name, String linkTarget) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
            e.setLinkName(linkTarget);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        TarBuilder fifo(String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            return this;
        }

        ByteArrayInputStream stream() throws IOException {
            tar.finish();
            return new ByteArrayInputStream(bytes.toByteArray());
        }
    }

    private UnsafeArchiveException rejected(TarBuilder tar) {
        return assertThrows(UnsafeArchiveException.class, () -> TarArchives.extract(tar.stream(), target));
    }

    private void assertNothingOutside() throws IOException {
        try (var files = Files.list(dir.resolve("sandbox"))) {
            assertEquals(List.of(target), files.toList(), "nothing was written next to the target");
        }
        assertFalse(Files.exists(dir.resolve("evil")), "nothing was written further up");
    }

    @Test
    void dotDotEntryIsRejected() throws IOException {
        UnsafeArchiveException e = rejected(new TarBuilder().file("ok.txt", "fine").file("../evil", "pwned"));
        assertEquals("../evil", e.entry());
        assertTrue(e.getMessage().contains(".."), e.getMessage());
        assertNothingOutside();
    }

    @Test
    void dotDotInsideAPathIsRejected() throws IOException {
        rejected(new TarBuilder().file("a/b/../../../evil", "pwned"));
        assertNothingOutside();
    }

    @Test
    void absoluteEntryIsRejected() throws IOException {
        Path abs = dir.resolve("evil");
        UnsafeArchiveException e = rejected(new TarBuilder().file(abs.toString(), "pwned"));
        assertTrue(e.getMessage().contains("absolute"), e.getMessage());
        assertFalse(Files.exists(abs));
    }

    @Test
    void symlinkToAnAbsolutePathIsRejected() throws IOException {
        UnsafeArchiveException e = rejected(new TarBuilder().symlink("etc-link", "/etc"));
        assertEquals("etc-link", e.entry());
        assertFalse(Files.exists(target.resolve("etc-link"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void symlinkClimbingOutIsRejected() throws IOException {
        rejected(new TarBuilder().dir("sub", 0755).symlink("sub/up", "../../outside"));
        assertFalse(Files.exists(target.resolve("sub/up"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void writingThroughASymlinkIsRejected() throws IOException {
        // the link itself stays inside, but nothing may be written through a link the archive made
        rejected(new TarBuilder().symlink("here", ".").file("here/x", "data"));
        assertNothingOutside();
    }

    @Test
    void symlinkThatOnlyEscapesOnceALaterEntryExistsIsRejected() throws IOException {
        // "late" looks harmless while "d" does not exist; once "d" -> "." exists it resolves to ../z
        UnsafeArchiveException e = rejected(new TarBuilder().symlink("late", "d/../z").symlink("d", "."));
        assertEquals("late", e.entry());
        assertFalse(Files.exists(target.resolve("late"), LinkOption.NOFOLLOW_LINKS), "the escaping link was removed");
    }

    @Test
    void symlinkThroughAnotherSymlinkOutIsRejected() throws IOException {
        rejected(new TarBuilder().dir("a", 0755).symlink("a/self", ".").symlink("a/escape", "self/../../.."));
    }

    @Test
    void outsideLinksCanBeSkippedInstead() throws IOException {
        TarArchives.Extracted result = TarArchives.extract(new TarBuilder().file("keep.txt", "kept")
                .symlink("mtab", "/proc/self/mounts").symlink("fine", "keep.txt").stream(), target,
                TarArchives.OutsideLinks.SKIP);
        assertEquals(List.of("mtab"), result.skipped());
        assertEquals(1, result.files());
        assertEquals(1, result.links());
        assertEquals("kept", Files.readString(target.resolve("fine")));
        assertFalse(Files.exists(target.resolve("mtab"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void hardLinkOutsideIsRejected() throws IOException {
        Files.writeString(dir.resolve("sandbox/secret"), "secret");
        rejected(new TarBuilder().hardlink("copy", "../secret"));
        rejected(new TarBuilder().hardlink("copy", "not-extracted-before"));
    }

    @Test
    void hardLinkToAnEarlierFileWorks() throws IOException {
        TarArchives.extract(new TarBuilder().file("orig.txt", "same").hardlink("alias.txt", "orig.txt").stream(), target);
        assertEquals("same", Files.readString(target.resolve("alias.txt")));
    }

    @Test
    void devicesAndFifosAreSkipped() throws IOException {
        TarArchives.Extracted result = TarArchives.extract(new TarBuilder().fifo("pipe").file("f", "x").stream(), target);
        assertEquals(List.of("pipe"), result.skipped());
        assertFalse(Files.exists(target.resolve("pipe"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readOnlyDirectoriesDoNotBlockTheirOwnEntries() throws IOException {
        TarArchives.extract(new TarBuilder().dir("ro", 0555).file("ro/inside.txt", "x").stream(), target);
        assertEquals("x", Files.readString(target.resolve("ro/inside.txt")));
        assertEquals("r-xr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("ro"))));
        Files.setPosixFilePermissions(target.resolve("ro"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void packAndExtractRoundTripATree() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/docs/deep"));
        Files.writeString(dir.resolve("src/docs/readme.md"), "# hi\n");
        Files.writeString(dir.resolve("src/docs/deep/data.bin"), "0123456789");
        Files.setPosixFilePermissions(dir.resolve("src/docs/deep/data.bin"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(dir.resolve("src/docs/latest"), Path.of("readme.md"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarArchives.write(dir.resolve("src/docs"), "docs", tar);

        List<String> names = new java.util.ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("docs/", "docs/deep/", "docs/deep/data.bin", "docs/latest", "docs/readme.md"), names);

        TarArchives.Extracted result = TarArchives.extract(new ByteArrayInputStream(tar.toByteArray()), target);
        assertEquals(new TarArchives.Extracted(2, 2, 1, List.of()), result);
        assertEquals("# hi\n", Files.readString(target.resolve("docs/latest")));
        assertEquals("0123456789", Files.readString(target.resolve("docs/deep/data.bin")));
        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target.resolve("docs/deep/data.bin"))));
        assertTrue(Files.isDirectory(src));
    }

    @Test
    void longNamesSurvive() throws IOException {
        String longName = "d/" + "x".repeat(150) + "/" + "y".repeat(120) + ".txt";
        TarArchives.extract(new TarBuilder().file(longName, "long").stream(), target);
        assertEquals("long", Files.readString(target.resolve(longName)));
    }

    @Test
    void extractingOverAnExistingSymlinkReplacesTheLinkNotItsTarget() throws IOException {
        Path outside = Files.writeString(dir.resolve("sandbox/outside.txt"), "original");
        Files.createSymbolicLink(target.resolve("name"), outside);
        TarArchives.extract(new TarBuilder().file("name", "replaced").stream(), target);
        assertEquals("original", Files.readString(outside));
        assertFalse(Files.isSymbolicLink(target.resolve("name")));
        assertEquals("replaced", Files.readString(target.resolve("name")));
    }
}
