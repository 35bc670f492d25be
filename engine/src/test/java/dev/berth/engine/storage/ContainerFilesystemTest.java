package dev.berth.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.FilesystemChange;
import dev.berth.remote.containers.PathStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker cp, diff and export on a mounted container filesystem. */
class ContainerFilesystemTest {

    static final String ID = "f5e5c0ffee";

    Path root;
    Path outside;
    LayerStore layers;
    ContainerFilesystem fs;
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createTempDirectory("berth-cfs");
        outside = Files.createDirectory(root.resolve("outside"));
        layers = new LayerStore(root.resolve("overlay"));
        fs = new ContainerFilesystem(layers);
        LayerInfo image = layers.create(null, new TarBuilder().dir("etc").file("etc/hostname.orig", "img")
                .file("etc/passwd", "root:x:0:0::/root:/bin/sh\n").dir("data").file("data/a.txt", "aaa")
                .dir("data/sub").file("data/sub/b.txt", "bbb").symlink("link", "data/a.txt")
                .symlink("dirlink", "/data").symlink("escape", outside.toString()).dir("tmp", 01777).stream());
        layers.createContainerLayer(ID, image.chainId());
        rootfs = layers.mount(ID);
    }

    @AfterEach
    void tearDown() throws IOException {
        layers.removeContainerLayer(ID);
        FileMeta.removeTree(root.getParent(), root.getFileName().toString());
    }

    @Test
    void statDescribesThePathItselfAndResolvesLinkTargetsInside() {
        PathStat file = fs.stat(rootfs, "/data/a.txt");
        assertEquals("a.txt", file.name());
        assertEquals(3L, file.size());
        assertFalse(file.directory());
        PathStat dir = fs.stat(rootfs, "data/sub/");
        assertTrue(dir.directory());
        assertEquals("sub", dir.name());
        PathStat link = fs.stat(rootfs, "/link");
        assertTrue(link.symlink());
        assertEquals("/data/a.txt", link.linkTarget());
        assertEquals(outside.toString(), fs.stat(rootfs, "/escape").linkTarget(),
                "an absolute link is reported as the container sees it");
        PathNotFoundException missing = assertThrows(PathNotFoundException.class, () -> fs.stat(rootfs, "/nope"));
        assertEquals(404, missing.status());
        assertEquals("/nope", missing.path());
        assertTrue(fs.stat(rootfs, "/dirlink/sub").directory(), "parents are followed inside the container");
    }

    @Test
    void copyOutNamesTheTopEntryAfterThePath() throws IOException {
        Map<String, String> dir = untar(out -> fs.copyOut(rootfs, "/data", out));
        assertEquals(List.of("data/", "data/a.txt", "data/sub/", "data/sub/b.txt"), List.copyOf(dir.keySet()));
        assertEquals("aaa", dir.get("data/a.txt"));
        Map<String, String> file = untar(out -> fs.copyOut(rootfs, "/data/sub/b.txt", out));
        assertEquals(Map.of("b.txt", "bbb"), file);
        Map<String, String> link = untar(out -> fs.copyOut(rootfs, "/link", out));
        assertEquals(Map.of("link", "-> data/a.txt"), link, "a final symlink is archived as a symlink");
        Map<String, String> through = untar(out -> fs.copyOut(rootfs, "/dirlink/", out));
        assertTrue(through.containsKey("dirlink/a.txt"), "a trailing slash follows the link: " + through.keySet());
    }

    @Test
    void copyInThroughASymlinkPointingOutsideStaysInside() throws IOException {
        byte[] tar = new TarBuilder().file("pwned", "x").dir("deeper").file("deeper/more", "y").bytes();
        // the link's target exists on the host but not in the container: nothing to extract into
        assertThrows(PathNotFoundException.class,
                () -> fs.copyIn(rootfs, "/escape", new ByteArrayInputStream(tar), false, false));
        Path inside = rootfs.resolve(outside.toString().substring(1));
        Files.createDirectories(inside);
        fs.copyIn(rootfs, "/escape", new ByteArrayInputStream(tar), false, false);
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count(), "the host directory the link names is untouched");
        }
        assertEquals("x", Files.readString(inside.resolve("pwned")));
        assertEquals("y", Files.readString(inside.resolve("deeper/more")));

        // entries that walk through the container's own absolute symlink also stay in the container
        byte[] viaLink = new TarBuilder().file("escape/also", "z").bytes();
        fs.copyIn(rootfs, "/", new ByteArrayInputStream(viaLink), false, false);
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
        assertEquals("z", Files.readString(inside.resolve("also")));
    }

    @Test
    void copyInChecksTheDestinationAndKeepsOwners() throws IOException {
        byte[] tar = new TarBuilder().owned("owned", "o", 0640, 4321, 8765, TarBuilder.DEFAULT_TIME).bytes();
        fs.copyIn(rootfs, "/tmp", new ByteArrayInputStream(tar), false, false);
        assertEquals(4321, Files.getAttribute(rootfs.resolve("tmp/owned"), "unix:uid"));
        assertThrows(PathNotFoundException.class,
                () -> fs.copyIn(rootfs, "/missing", new ByteArrayInputStream(tar), false, false));
        EngineException notDir = assertThrows(EngineException.class,
                () -> fs.copyIn(rootfs, "/etc/passwd", new ByteArrayInputStream(tar), false, false));
        assertEquals(400, notDir.status());
        assertEquals("extraction point is not a directory", notDir.getMessage());
        EngineException overwrite = assertThrows(EngineException.class, () -> fs.copyIn(rootfs, "/",
                new ByteArrayInputStream(new TarBuilder().file("data", "x").bytes()), true, false));
        assertEquals(400, overwrite.status());
        assertTrue(Files.isDirectory(rootfs.resolve("data")));
        EngineException escape = assertThrows(EngineException.class, () -> fs.copyIn(rootfs, "/tmp",
                new ByteArrayInputStream(new TarBuilder().file("../../x", "x").bytes()), false, false));
        assertEquals(400, escape.status());
    }

    @Test
    void changesReportAddsChangesAndDeletes() throws IOException {
        Files.writeString(rootfs.resolve("data/new.txt"), "n");
        Files.writeString(rootfs.resolve("data/a.txt"), "changed");
        Files.delete(rootfs.resolve("data/sub/b.txt"));
        Files.createDirectories(rootfs.resolve("fresh/dir"));
        List<String> changes = new ArrayList<>();
        for (FilesystemChange c : fs.changes(ID)) {
            changes.add(switch (c.kind()) {
                case ADDED -> "A ";
                case MODIFIED -> "C ";
                case DELETED -> "D ";
            } + c.path());
        }
        assertEquals(List.of("C /data", "C /data/a.txt", "A /data/new.txt", "C /data/sub", "D /data/sub/b.txt",
                "A /fresh", "A /fresh/dir"), changes);
    }

    @Test
    void exportHasTheWholeFilesystemAndDiffHasOciWhiteouts() throws IOException {
        Files.delete(rootfs.resolve("data/a.txt"));
        Files.writeString(rootfs.resolve("added"), "+");
        Map<String, String> export = untar(out -> fs.export(ID, out));
        assertTrue(export.containsKey(".dockerenv"));
        assertTrue(export.containsKey("data/sub/b.txt"));
        assertFalse(export.containsKey("data/a.txt"));
        assertEquals("+", export.get("added"));
        Map<String, String> diff = untar(out -> fs.exportDiff(ID, out));
        assertEquals("", diff.get("data/.wh.a.txt"));
        assertEquals("+", diff.get("added"));
        assertFalse(diff.containsKey(".dockerenv"));
        assertTrue(layers.isMounted(ID), "export leaves the container's own mount in place");
    }

    interface TarSource {
        void write(ByteArrayOutputStream out) throws IOException;
    }

    /** Entry name → content ("-> target" for symlinks, "" for directories). */
    static Map<String, String> untar(TarSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.write(out);
        Map<String, String> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.isSymbolicLink()) {
                    entries.put(e.getName(), "-> " + e.getLinkName());
                } else {
                    entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return entries;
    }
}
