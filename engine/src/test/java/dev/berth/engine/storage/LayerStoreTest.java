package dev.berth.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Overlay layers on a real overlay mount: chain IDs, whiteouts hiding lower files, container layers, cleanup. */
class LayerStoreTest {

    Path root;
    LayerStore layers;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createTempDirectory("berth-layers");
        layers = new LayerStore(root.resolve("overlay"));
    }

    @AfterEach
    void tearDown() throws IOException {
        for (String id : layers.containerIds()) {
            layers.removeContainerLayer(id);
        }
        FileMeta.removeTree(root.getParent(), root.getFileName().toString());
    }

    @Test
    void layersAreKeyedByChainIdWithShortLinks() throws IOException {
        byte[] baseTar = new TarBuilder().dir("etc").file("etc/os", "berth").bytes();
        LayerInfo base = layers.create(null, new java.io.ByteArrayInputStream(baseTar));
        assertEquals(Digests.of(baseTar), base.diffId(), "diff ID is the digest of the plain tar");
        assertEquals(base.diffId(), base.chainId(), "a base layer's chain ID is its diff ID");
        byte[] topTar = new TarBuilder().file("etc/more", "x").bytes();
        LayerInfo top = layers.create(base.chainId(), new java.io.ByteArrayInputStream(topTar));
        assertEquals(Digests.chainId(List.of(base.diffId(), top.diffId())), top.chainId());
        assertEquals(List.of(top.chainId(), base.chainId()), layers.chain(top.chainId()));

        Path topDir = root.resolve("overlay").resolve(Digests.hex(top.chainId()));
        String link = Files.readString(topDir.resolve("link")).trim();
        assertEquals(26, link.length());
        assertEquals(topDir.resolve("diff").toRealPath(), root.resolve("overlay/l").resolve(link).toRealPath());
        String baseLink = Files.readString(root.resolve("overlay").resolve(Digests.hex(base.chainId())).resolve("link")).trim();
        assertEquals("l/" + baseLink, Files.readString(topDir.resolve("lower")).trim());

        // storing the same layer again keeps the first copy
        LayerInfo again = layers.create(null, new java.io.ByteArrayInputStream(baseTar));
        assertEquals(base, again);
        try (Stream<Path> dirs = Files.list(root.resolve("overlay"))) {
            assertEquals(3, dirs.count(), "two layers and l/, no leftovers");
        }
    }

    @Test
    void whiteoutsHideLowerFilesInTheMountedContainer() throws IOException {
        LayerInfo base = layers.create(null, new TarBuilder().file("gone", "1").dir("dir").file("dir/old1", "1")
                .file("dir/old2", "2").file("kept", "k").stream());
        LayerInfo top = layers.create(base.chainId(), new TarBuilder().file(".wh.gone", "").dir("dir")
                .file("dir/.wh..wh..opq", "").file("dir/new", "n").stream());
        String id = "c0ffee";
        layers.createContainerLayer(id, top.chainId());
        Path merged = layers.mount(id);
        try {
            assertTrue(layers.isMounted(id));
            assertEquals(merged, layers.mount(id), "mount is idempotent");
            assertFalse(Files.exists(merged.resolve("gone"), LinkOption.NOFOLLOW_LINKS), "whiteout hides the file");
            try (Stream<Path> dir = Files.list(merged.resolve("dir"))) {
                assertEquals(List.of("new"), dir.map(p -> p.getFileName().toString()).toList(),
                        "the opaque directory hides everything below it");
            }
            assertEquals("k", Files.readString(merged.resolve("kept")));
            assertTrue(Files.exists(merged.resolve(".dockerenv")), "the init layer is under the container layer");
            assertTrue(Files.isSymbolicLink(merged.resolve("etc/mtab")));

            Files.writeString(merged.resolve("written"), "w");
            Files.delete(merged.resolve("kept"));
            Path upper = layers.upperDir(id);
            assertEquals("w", Files.readString(upper.resolve("written")));
            assertEquals(0020000, (int) Files.getAttribute(upper.resolve("kept"), "unix:mode", LinkOption.NOFOLLOW_LINKS)
                    & 0170000, "overlay records the deletion as a whiteout in the upper dir");
            assertFalse(Files.exists(upper.resolve(".dockerenv")), "init files stay out of the writable layer");
        } finally {
            layers.unmount(id);
        }
        assertFalse(layers.isMounted(id));
        layers.unmount(id);
        layers.removeContainerLayer(id);
        layers.removeContainerLayer(id);
        assertFalse(Files.exists(root.resolve("overlay").resolve(id)));
        assertFalse(Files.exists(root.resolve("overlay").resolve(id + "-init")));
    }

    @Test
    void borrowedMountsGoAwayUnlessTheContainerMountedItself() throws IOException {
        LayerInfo base = layers.create(null, new TarBuilder().file("f", "x").stream());
        layers.createContainerLayer("borrower", base.chainId());
        try (LayerStore.Lease lease = layers.borrow("borrower")) {
            assertEquals("x", Files.readString(lease.rootfs().resolve("f")));
        }
        assertFalse(layers.isMounted("borrower"));
        layers.mount("borrower");
        try (LayerStore.Lease lease = layers.borrow("borrower")) {
            assertNotNull(lease.rootfs());
        }
        assertTrue(layers.isMounted("borrower"), "a running container's mount stays");
        layers.removeContainerLayer("borrower");
        assertFalse(layers.isMounted("borrower"));
    }

    @Test
    void unreferencedLayersAreRemovedButContainerParentsStay() throws IOException {
        LayerInfo a = layers.create(null, new TarBuilder().file("a", "1").stream());
        LayerInfo b = layers.create(a.chainId(), new TarBuilder().file("b", "2").stream());
        LayerInfo c = layers.create(null, new TarBuilder().file("c", "3").stream());
        layers.createContainerLayer("user", c.chainId());
        List<String> removed = layers.removeUnreferenced(Set.of(a.chainId()));
        assertEquals(List.of(b.chainId()), removed);
        assertTrue(layers.exists(a.chainId()));
        assertTrue(layers.exists(c.chainId()), "a container still sits on it");
        layers.removeContainerLayer("user");
        assertEquals(List.of(c.chainId()), layers.removeUnreferenced(Set.of(a.chainId())));
    }
}
