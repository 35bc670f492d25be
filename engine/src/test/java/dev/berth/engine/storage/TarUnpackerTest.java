package dev.berth.engine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer extraction with hostile archives: whatever the tar says, nothing may be created or changed outside the
 * destination. {@code outside} is a sibling of the destination holding a file the attacks aim at.
 */
class TarUnpackerTest {

    Path base;
    Path dest;
    Path outside;
    Path victim;

    @BeforeEach
    void setUp() throws IOException {
        base = Files.createTempDirectory("berth-unpack");
        dest = Files.createDirectory(base.resolve("layer"));
        outside = Files.createDirectory(base.resolve("outside"));
        victim = Files.writeString(outside.resolve("victim"), "original");
    }

    @AfterEach
    void tearDown() throws IOException {
        FileMeta.removeTree(base.getParent(), base.getFileName().toString());
    }

    private long unpack(TarBuilder tar) throws IOException {
        return TarUnpacker.unpack(tar.stream(), dest, TarUnpacker.Options.layer());
    }

    private void assertOutsideUntouched() throws IOException {
        assertEquals("original", Files.readString(victim));
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(List.of(victim), files.toList(), "nothing new may appear outside the layer");
        }
        try (Stream<Path> files = Files.list(base)) {
            assertEquals(2, files.count(), "nothing new next to the layer either");
        }
    }

    @Test
    void dotDotNamesAreRefusedAndWriteNothingOutside() throws IOException {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().file("ok", "fine").file("../outside/victim", "pwned")));
        assertTrue(e.getMessage().contains("is outside of"), e.getMessage());
        assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().file("a/../../escape", "pwned")));
        assertOutsideUntouched();
    }

    @Test
    void absoluteNamesAreRefused() throws IOException {
        assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().file(victim.toString(), "pwned")));
        assertOutsideUntouched();
    }

    @Test
    void absoluteSymlinkThenWriteThroughItStaysInside() throws IOException {
        // a -> <host path of outside>; a/victim then resolves inside the layer, as in a chroot
        unpack(new TarBuilder().symlink("a", outside.toString()).file("a/victim", "pwned").file("a/new", "x"));
        assertOutsideUntouched();
        assertTrue(Files.isSymbolicLink(dest.resolve("a")), "the symlink itself is kept");
        Path contained = dest.resolve(outside.toString().substring(1));
        assertEquals("pwned", Files.readString(contained.resolve("victim")));
        assertEquals("x", Files.readString(contained.resolve("new")));
    }

    @Test
    void symlinkToRootThenWriteStaysInside() throws IOException {
        unpack(new TarBuilder().symlink("root", "/").file("root" + victim, "pwned"));
        assertOutsideUntouched();
        assertEquals("pwned", Files.readString(dest.resolve(victim.toString().substring(1))));
    }

    @Test
    void relativeSymlinkLeavingTheLayerIsRefused() throws IOException {
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().symlink("up", "../outside").file("up/victim", "pwned")));
        assertTrue(e.getMessage().startsWith("invalid symlink"), e.getMessage());
        assertOutsideUntouched();
    }

    @Test
    void anEntryReplacesASymlinkInsteadOfWritingThroughIt() throws IOException {
        unpack(new TarBuilder().symlink("f", victim.toString()).file("f", "pwned"));
        assertOutsideUntouched();
        assertFalse(Files.isSymbolicLink(dest.resolve("f")));
        assertEquals("pwned", Files.readString(dest.resolve("f")));
    }

    @Test
    void hardlinksOutOfTheTreeAreRefused() throws IOException {
        assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().hardlink("h", "../outside/victim")));
        assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().hardlink("h2", victim.toString())));
        // through an absolute symlink the target is looked up inside the layer, where it does not exist
        assertThrows(UnsafeArchiveException.class,
                () -> unpack(new TarBuilder().symlink("s", outside.toString()).hardlink("h3", "s/victim")));
        assertOutsideUntouched();
        assertEquals(1, ((Number) Files.getAttribute(victim, "unix:nlink")).intValue(), "the victim gained no link");
    }

    @Test
    void hardlinksInsideTheTreeWork() throws IOException {
        unpack(new TarBuilder().dir("bin").file("bin/busybox", "elf", 0755).hardlink("bin/sh", "bin/busybox")
                .hardlink("bin/ash", "/bin/busybox")); // absolute: a file of the archive, as in moby
        assertEquals(Files.getAttribute(dest.resolve("bin/busybox"), "unix:ino"),
                Files.getAttribute(dest.resolve("bin/sh"), "unix:ino"));
        assertEquals(Files.getAttribute(dest.resolve("bin/busybox"), "unix:ino"),
                Files.getAttribute(dest.resolve("bin/ash"), "unix:ino"));
    }

    @Test
    void deviceNodesAreNotCreatedButFifosAre() throws IOException {
        unpack(new TarBuilder().dir("dev").charDevice("dev/mem", 1, 1).charDevice("dev/null", 1, 3).fifo("pipe"));
        assertFalse(Files.exists(dest.resolve("dev/mem"), LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dest.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(0010000, (int) Files.getAttribute(dest.resolve("pipe"), "unix:mode") & 0170000);
    }

    @Test
    void ownersModesSetuidTimesAndXattrsAreKept() throws IOException {
        Instant mtime = Instant.parse("2020-02-03T04:05:06Z");
        unpack(new TarBuilder().dir("d", 01777).owned("d/su", "x", 04755, 1234, 5678, mtime)
                .withXattr("d/attr", "y", "user.berth", "hello").symlink("d/link", "su"));
        Path su = dest.resolve("d/su");
        assertEquals(04755, (int) Files.getAttribute(su, "unix:mode") & 07777, "setuid survives the chown");
        assertEquals(1234, Files.getAttribute(su, "unix:uid"));
        assertEquals(5678, Files.getAttribute(su, "unix:gid"));
        assertEquals(FileTime.from(mtime), Files.getLastModifiedTime(su, LinkOption.NOFOLLOW_LINKS));
        assertEquals(01777, (int) Files.getAttribute(dest.resolve("d"), "unix:mode") & 07777);
        assertEquals(FileTime.from(TarBuilder.DEFAULT_TIME),
                Files.getLastModifiedTime(dest.resolve("d"), LinkOption.NOFOLLOW_LINKS), "directory times are set last");
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), FileMeta.getXattr(dest.resolve("d/attr"), "user.berth"));
        assertEquals("su", Files.readSymbolicLink(dest.resolve("d/link")).toString());
    }

    @Test
    void whiteoutsBecomeOverlayWhiteouts() throws IOException {
        long size = unpack(new TarBuilder().dir("etc").file("etc/.wh.passwd", "").dir("var")
                .file("var/.wh..wh..opq", "").file("var/new", "12345").file(".wh..wh.plnk", ""));
        Map<String, Object> wh = Files.readAttributes(dest.resolve("etc/passwd"), "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        assertEquals(0020000, (int) wh.get("mode") & 0170000, "a character device");
        assertEquals(0L, ((Number) wh.get("rdev")).longValue(), "0/0");
        assertFalse(Files.exists(dest.resolve("etc/.wh.passwd")));
        assertArrayEquals(new byte[] {'y'}, FileMeta.getXattr(dest.resolve("var"), "trusted.overlay.opaque"));
        assertFalse(Files.exists(dest.resolve("var/.wh..wh..opq")));
        assertFalse(Files.exists(dest.resolve(".wh..wh.plnk")));
        assertEquals(5, size);
    }

    @Test
    void overlayAttributesInTheArchiveAreIgnored() throws IOException {
        unpack(new TarBuilder().withXattr("f", "x", "trusted.overlay.redirect", "/etc"));
        assertEquals(null, FileMeta.getXattr(dest.resolve("f"), "trusted.overlay.redirect"));
    }

    @Test
    void copyModeKeepsWhiteoutFilesAndRefusesDirectoryOverwrite() throws IOException {
        Files.createDirectories(dest.resolve("target/sub"));
        TarUnpacker.unpack(new TarBuilder().file(".wh.keep", "k").stream(), dest, "target",
                TarUnpacker.Options.copy(true, null, null));
        assertEquals("k", Files.readString(dest.resolve("target/.wh.keep")));
        UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class, () -> TarUnpacker.unpack(
                new TarBuilder().file("sub", "x").stream(), dest, "target", TarUnpacker.Options.copy(true, null, null)));
        assertTrue(e.getMessage().startsWith("cannot overwrite directory"), e.getMessage());
        assertNotEquals(null, Files.getAttribute(dest.resolve("target/sub"), "unix:ino"));
    }

    @Test
    void compressedLayersAreDetectedByTheirMagic() throws IOException {
        byte[] plain = new TarBuilder().file("a", "b").bytes();
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(plain);
        }
        java.io.ByteArrayOutputStream zst = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream(zst)) {
            out.write(plain);
        }
        java.io.ByteArrayOutputStream xz = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(xz)) {
            out.write(plain);
        }
        for (byte[] compressed : List.of(gz.toByteArray(), zst.toByteArray(), xz.toByteArray(), plain)) {
            byte[] back = Compression.decompressed(new java.io.ByteArrayInputStream(compressed)).readAllBytes();
            assertArrayEquals(plain, back);
        }
    }
}
