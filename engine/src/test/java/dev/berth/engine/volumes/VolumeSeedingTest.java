package dev.berth.engine.volumes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.host.LibC;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeding a new volume from an image directory, as Docker does on first mount: a faithful copy (owners, full
 * modes, times, xattrs, hard links, special files) that never follows a symlink.
 */
class VolumeSeedingTest {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    VolumeService volumes;
    Path image;
    Path outside;

    @BeforeEach
    void start() throws Exception {
        volumes = new VolumeService(new EngineDirs(tmp.resolve("data"), tmp.resolve("run")).create(), new EventBus());
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "host secret");
        image = Files.createDirectories(tmp.resolve("image/var/lib/app"));
        build(image);
    }

    /** An image directory with every kind of entry Docker's copy preserves. */
    private void build(Path root) throws Exception {
        chown(root, 1000, 1000);
        chmod(root, 0750);
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("app.conf"), "port=80\n");
        chown(etc.resolve("app.conf"), 1000, 1001);
        chmod(etc.resolve("app.conf"), 0640);
        Files.setLastModifiedTime(etc.resolve("app.conf"), FileTime.from(Instant.parse("2020-01-02T03:04:05Z")));
        byte[] value = "v1".getBytes(StandardCharsets.UTF_8);
        LibC.INSTANCE.lsetxattr(etc.resolve("app.conf").toString(), "user.berth", value, value.length, 0);
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        chmod(bin.resolve("tool"), 04755);
        Files.createLink(bin.resolve("tool-again"), bin.resolve("tool"));
        Path shared = Files.createDirectories(root.resolve("shared"));
        chown(shared, 1, 1);
        chmod(shared, 03777);
        Files.setLastModifiedTime(etc, FileTime.from(Instant.parse("2021-06-07T08:09:10Z")));
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("relative"), Path.of("etc/app.conf"));
        LibC.INSTANCE.lchown(root.resolve("relative").toString(), 7, 7);
        LibC.INSTANCE.mkfifo(root.resolve("fifo").toString(), 0600);
        LibC.INSTANCE.mknod(root.resolve("null").toString(), LibC.S_IFCHR | 0666, LibC.makedev(1, 3));
    }

    @Test
    void copiesContentOwnersModesTimesAndXattrs() throws Exception {
        volumes.create("app", null, null, null);
        volumes.seedFrom("app", image);
        Path data = volumes.dataDir("app");

        assertEquals("port=80\n", Files.readString(data.resolve("etc/app.conf")));
        assertEquals(1000, attr(data, "uid"), "the volume root takes the image directory's owner");
        assertEquals(040750, attr(data, "mode"));
        assertEquals(1000, attr(data.resolve("etc/app.conf"), "uid"));
        assertEquals(1001, attr(data.resolve("etc/app.conf"), "gid"));
        assertEquals(0100640, attr(data.resolve("etc/app.conf"), "mode"));
        assertEquals(0104755, attr(data.resolve("bin/tool"), "mode"), "setuid kept");
        assertEquals(043777, attr(data.resolve("shared"), "mode"), "setgid and sticky kept");
        assertEquals(1, attr(data.resolve("shared"), "uid"));
        assertEquals(Instant.parse("2020-01-02T03:04:05Z"),
                Files.getLastModifiedTime(data.resolve("etc/app.conf"), NOFOLLOW).toInstant());
        assertEquals(Instant.parse("2021-06-07T08:09:10Z"),
                Files.getLastModifiedTime(data.resolve("etc"), NOFOLLOW).toInstant(), "directory times set last");
        byte[] value = new byte[16];
        long n = LibC.INSTANCE.lgetxattr(data.resolve("etc/app.conf").toString(), "user.berth", value, value.length);
        assertEquals("v1", new String(value, 0, (int) n, StandardCharsets.UTF_8));
    }

    @Test
    void keepsHardLinksSymlinksAndSpecialFiles() throws Exception {
        volumes.create("app", null, null, null);
        volumes.seedFrom("app", image);
        Path data = volumes.dataDir("app");

        assertEquals(attr(data.resolve("bin/tool"), "ino"), attr(data.resolve("bin/tool-again"), "ino"), "one inode");
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(data.resolve("passwd")));
        assertEquals(Path.of("etc/app.conf"), Files.readSymbolicLink(data.resolve("relative")));
        assertEquals(7, attr(data.resolve("relative"), "uid"), "the link's own owner");
        assertEquals(0010000, attr(data.resolve("fifo"), "mode") & 0170000, "a FIFO");
        assertEquals(LibC.makedev(1, 3), ((Number) Files.getAttribute(data.resolve("null"), "unix:rdev", NOFOLLOW)).longValue());
    }

    @Test
    void neverFollowsASymlinkOutOfTheImage() throws Exception {
        volumes.create("app", null, null, null);
        volumes.seedFrom("app", image);
        Path data = volumes.dataDir("app");

        assertTrue(Files.isSymbolicLink(data.resolve("escape")), "copied as a link");
        assertEquals(outside, Files.readSymbolicLink(data.resolve("escape")));
        try (var entries = Files.list(outside)) {
            assertEquals(1, entries.count(), "nothing written outside");
        }
        assertEquals("host secret", Files.readString(outside.resolve("secret")));
        try (var walk = Files.walk(data)) {
            assertFalse(walk.anyMatch(p -> p.getFileName().toString().equals("secret")), "the link was not followed");
        }
    }

    @Test
    void aVolumeWithContentIsNotSeededAgain() throws Exception {
        volumes.create("app", null, null, null);
        Path data = volumes.dataDir("app");
        Files.writeString(data.resolve("mine"), "user data");
        volumes.seedFrom("app", image);
        try (var entries = Files.list(data)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aSourceThatIsNotADirectoryCopiesNothing() throws Exception {
        volumes.create("app", null, null, null);
        volumes.seedFrom("app", image.resolve("escape")); // a symlink to a directory is not followed
        volumes.seedFrom("app", image.resolve("missing"));
        try (var entries = Files.list(volumes.dataDir("app"))) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void aVolumeWithADeviceIsSeededOnTheMountedDeviceOnly() throws Exception {
        volumes.create("ram", null, null, Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=4m"));
        Path data = volumes.dataDir("ram");
        volumes.seedFrom("ram", image); // not mounted yet: a copy here would be hidden by the mount
        try (var entries = Files.list(data)) {
            assertEquals(0, entries.count());
        }
        volumes.mounted("ram", "c1");
        try {
            volumes.seedFrom("ram", image);
            assertEquals("port=80\n", Files.readString(data.resolve("etc/app.conf")));
        } finally {
            volumes.unmounted("ram", "c1");
        }
        try (var entries = Files.list(data)) {
            assertEquals(0, entries.count(), "the copy lived on the tmpfs");
        }
    }

    @Test
    void theCopyIsByteExact() throws Exception {
        byte[] blob = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(5).nextBytes(blob);
        Files.write(image.resolve("blob"), blob);
        volumes.create("app", null, null, null);
        volumes.seedFrom("app", image);
        assertArrayEquals(blob, Files.readAllBytes(volumes.dataDir("app").resolve("blob")));
    }

    private static int attr(Path p, String name) throws Exception {
        Object v = Files.getAttribute(p, "unix:" + name, NOFOLLOW);
        return ((Number) v).intValue();
    }

    private static void chown(Path p, int uid, int gid) {
        LibC.INSTANCE.lchown(p.toString(), uid, gid);
    }

    private static void chmod(Path p, int mode) {
        LibC.INSTANCE.chmod(p.toString(), mode);
    }

}
