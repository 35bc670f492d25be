package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.storage.Digests;
import dev.berth.engine.storage.TarBuilder;
import dev.berth.remote.client.Json;
import dev.berth.remote.testing.Dockerd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docker save / docker load interchange with a real dockerd, both directions, and the OCI layout. */
class ImageArchiveTest {

    ImageFixture f;

    @BeforeEach
    void setUp() throws IOException {
        f = new ImageFixture();
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    @Test
    void loadsWhatARealDockerdSaved() throws IOException {
        Dockerd dockerd = Dockerd.shared();
        Path archive = f.root.resolve("busybox.tar");
        dockerd.docker("save", "-o", archive.toString(), Dockerd.BUSYBOX).requireSuccess("docker save");
        String id = dockerd.docker("image", "inspect", "-f", "{{.Id}}", Dockerd.BUSYBOX).requireSuccess("inspect")
                .stdout().strip();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(archive)) {
            f.images.load(in, new ProgressWriter(out));
        }
        String stream = ImageFixture.text(out);
        assertTrue(stream.contains("\"status\":\"Loading layer\""), stream);
        assertTrue(stream.contains("{\"stream\":\"Loaded image: " + Dockerd.BUSYBOX + "\\n\"}"), stream);
        ImageRecord image = f.images.resolve(Dockerd.BUSYBOX);
        assertEquals(id, image.id(), "same config bytes, same image ID");
        assertTrue(Files.isRegularFile(f.layers.diffDir(image.topChainId()).resolve("bin/busybox")));
        assertEquals(List.of("load"), f.actions("image"));

        // loading again changes nothing and reuses the layers
        try (InputStream in = Files.newInputStream(archive)) {
            f.images.load(in, ProgressWriter.discard());
        }
        assertEquals(1, f.images.count());
    }

    @Test
    void savedArchivesLoadBackHereAndInARealDockerd() throws IOException {
        String id = f.importTar(ImageFixture.rootfs("roundtrip"), "berth-roundtrip/img:saved", "CMD [\"/bin/sh\"]");
        f.images.tag(id, "berth-roundtrip/img", "second");
        Path archive = f.root.resolve("saved.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            f.images.save(f.images.prepareSave(List.of("berth-roundtrip/img")), out);
        }
        Map<String, byte[]> entries = entries(archive);
        assertTrue(entries.containsKey("oci-layout"), entries.keySet().toString());
        assertTrue(entries.containsKey("index.json"));
        assertTrue(entries.containsKey("manifest.json"));
        assertTrue(entries.containsKey("repositories"));
        assertTrue(entries.containsKey("blobs/sha256/" + Digests.hex(id)));
        String diffId = f.images.resolve(id).imageConfig().diffIds().get(0);
        assertEquals(diffId, Digests.of(entries.get("blobs/sha256/" + Digests.hex(diffId))),
                "the layer tar is the one the diff ID names");
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"RepoTags\":[\"berth-roundtrip/img:saved\",\"berth-roundtrip/img:second\"]"),
                manifest);

        try (ImageFixture other = new ImageFixture()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(archive)) {
                other.images.load(in, new ProgressWriter(out, true));
            }
            assertEquals(id, other.images.resolve("berth-roundtrip/img:saved").id());
            assertEquals(id, other.images.resolve("berth-roundtrip/img:second").id());
            assertTrue(!ImageFixture.text(out).contains("Loading layer"), "quiet leaves out the progress");
        }

        Dockerd dockerd = Dockerd.shared();
        try {
            String loaded = dockerd.docker("load", "-i", archive.toString()).requireSuccess("docker load").stdout();
            assertTrue(loaded.contains("Loaded image: berth-roundtrip/img:saved"), loaded);
            assertEquals(id, dockerd.docker("image", "inspect", "-f", "{{.Id}}", "berth-roundtrip/img:second")
                    .requireSuccess("inspect").stdout().strip());
            assertEquals("[/bin/sh]", dockerd.docker("image", "inspect", "-f", "{{.Config.Cmd}}",
                    "berth-roundtrip/img:saved").stdout().strip());
        } finally {
            dockerd.docker("rmi", "-f", "berth-roundtrip/img:saved", "berth-roundtrip/img:second");
        }
    }

    @Test
    void savingByIdOrUnknownNames() throws IOException {
        String id = f.importTar(ImageFixture.rootfs("byid"), "berth/byid");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.images.save(f.images.prepareSave(List.of(Digests.hex(id).substring(0, 12))), out);
        Map<String, byte[]> entries = entries(out.toByteArray());
        String manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertTrue(manifest.contains("\"Config\":\"blobs/sha256/" + Digests.hex(id) + "\""), manifest);
        assertTrue(!manifest.contains("berth/byid"), "saved by ID: untagged");
        EngineException missing = assertThrows(EngineException.class,
                () -> f.images.prepareSave(List.of("berth/nothing:here")));
        assertEquals(404, missing.status());
    }

    @Test
    void loadsAPureOciLayoutWithCompressedLayers() throws IOException {
        byte[] layer = ImageFixture.rootfs("oci").bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(layer);
        }
        byte[] config = ("{\"architecture\":\"" + ImageService.architecture() + "\",\"os\":\"linux\","
                + "\"config\":{\"Cmd\":[\"sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digests.of(layer) + "\"]},\"history\":[{\"created_by\":\"oci test\"}]}").getBytes(StandardCharsets.UTF_8);
        byte[] manifest = Json.MAPPER.writeValueAsBytes(Map.of("schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json",
                        "digest", Digests.of(config), "size", config.length),
                "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest", Digests.of(gz.toByteArray()), "size", gz.size()))));
        byte[] index = Json.MAPPER.writeValueAsBytes(Map.of("schemaVersion", 2, "manifests", List.of(Map.of(
                "mediaType", "application/vnd.oci.image.manifest.v1+json", "digest", Digests.of(manifest),
                "size", manifest.length, "annotations", Map.of("io.containerd.image.name",
                        "docker.io/library/oci-only:1", "org.opencontainers.image.ref.name", "1")))));
        TarBuilder archive = new TarBuilder().file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
                .file("index.json", new String(index, StandardCharsets.UTF_8)).dir("blobs").dir("blobs/sha256");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.images.load(new ByteArrayInputStream(withBlobs(archive, config, manifest, gz.toByteArray())),
                new ProgressWriter(out));
        assertTrue(ImageFixture.text(out).contains("Loaded image: oci-only:1"), ImageFixture.text(out));
        ImageRecord image = f.images.resolve("oci-only:1");
        assertEquals(Digests.of(config), image.id());
        assertEquals(List.of("sh"), image.config().cmd());
        assertTrue(Files.isRegularFile(f.layers.diffDir(image.topChainId()).resolve("etc/marker")));
    }

    @Test
    void tamperedOrEscapingArchivesAreRefused() throws IOException {
        byte[] layer = ImageFixture.rootfs("bad").bytes();
        byte[] config = ("{\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + Digests.of("something else".getBytes(StandardCharsets.UTF_8)) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        TarBuilder wrongDiff = new TarBuilder().file("config.json", new String(config, StandardCharsets.UTF_8))
                .file("layer.tar", layer)
                .file("manifest.json", "[{\"Config\":\"config.json\",\"RepoTags\":[\"bad:1\"],\"Layers\":[\"layer.tar\"]}]");
        EngineException e = assertThrows(EngineException.class,
                () -> f.images.load(new ByteArrayInputStream(wrongDiff.bytes()), ProgressWriter.discard()));
        assertTrue(e.getMessage().contains("invalid diffID for layer 0") || e.getMessage().contains("digest mismatch"),
                e.getMessage());
        assertEquals(0, f.images.count());
        assertEquals(List.of(), f.layers.layers(), "the refused layer is not kept");

        Path secret = Files.writeString(f.root.resolve("secret.json"), "{\"os\":\"linux\"}");
        TarBuilder escaping = new TarBuilder().symlink("evil", f.root.toString())
                .file("manifest.json", "[{\"Config\":\"evil/secret.json\",\"Layers\":[]},"
                        + "{\"Config\":\"../../secret.json\",\"Layers\":[]}]");
        EngineException outside = assertThrows(EngineException.class,
                () -> f.images.load(new ByteArrayInputStream(escaping.bytes()), ProgressWriter.discard()));
        // the archive's fault, in moby's words (naming the path as the archive gives it, not the scratch dir)
        assertEquals(400, outside.status(), outside.getMessage());
        assertEquals("open evil/secret.json: no such file or directory", outside.getMessage());
        assertEquals(0, f.images.count(), "a config outside the archive is never read");
        assertTrue(Files.exists(secret));
        TarBuilder dotdot = new TarBuilder().file("../escaped", "x");
        assertEquals(400, assertThrows(EngineException.class,
                () -> f.images.load(new ByteArrayInputStream(dotdot.bytes()), ProgressWriter.discard())).status());
        assertTrue(!Files.exists(f.dirs.images().resolve("escaped")));
    }

    private static byte[] withBlobs(TarBuilder archive, byte[]... blobs) {
        for (byte[] blob : blobs) {
            archive.file("blobs/sha256/" + Digests.hex(Digests.of(blob)), blob);
        }
        return archive.bytes();
    }

    private static Map<String, byte[]> entries(Path archive) throws IOException {
        return entries(Files.readAllBytes(archive));
    }

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
