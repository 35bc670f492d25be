package dev.berth.engine.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.storage.Compression;
import dev.berth.engine.storage.Digests;
import dev.berth.engine.storage.FileMeta;
import dev.berth.engine.storage.InRoot;
import dev.berth.engine.storage.TarUnpacker;
import dev.berth.engine.storage.UnsafeArchiveException;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code docker load}: reads a {@code docker save} archive in any of its layouts — the legacy one
 * ({@code manifest.json} + {@code <id>/layer.tar}), the v25+ hybrid (OCI layout plus {@code manifest.json}), and a
 * pure OCI layout ({@code index.json}) — verifying every digest. The archive is unpacked into a private scratch
 * directory first (it must be read in any order), with the same never-escape rules as layers; every path it names
 * is resolved inside that directory.
 */
final class ImageArchiveLoader {

    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private final ImageService images;

    ImageArchiveLoader(ImageService images) {
        this.images = images;
    }

    /** Loads everything in the archive; progress and the "Loaded image" lines go to {@code progress}. */
    void load(InputStream archive, ProgressWriter progress) throws IOException {
        Path dir = images.scratch().resolve("load-" + UUID.randomUUID());
        Files.createDirectories(dir);
        try {
            TarUnpacker.unpack(Compression.decompressed(archive), dir,
                    new TarUnpacker.Options(TarUnpacker.Whiteouts.KEEP, false, null, null, false));
            try (InRoot root = InRoot.open(dir)) {
                if (exists(root, "manifest.json")) {
                    loadManifest(root, progress);
                } else if (exists(root, "index.json")) {
                    loadOciLayout(root, progress);
                } else {
                    throw new UnsafeArchiveException("invalid archive: it has neither manifest.json nor index.json "
                            + "(is it a docker save archive?)");
                }
            }
        } finally {
            FileMeta.removeTree(dir.getParent(), dir.getFileName().toString());
        }
    }

    // ---- manifest.json (legacy and v25+) -------------------------------------------------------------------------

    private void loadManifest(InRoot root, ProgressWriter progress) throws IOException {
        JsonNode manifest = Json.MAPPER.readTree(read(root, "manifest.json"));
        if (manifest == null || !manifest.isArray()) {
            throw new UnsafeArchiveException("invalid manifest.json: expected a list of images");
        }
        StringBuilder ids = new StringBuilder();
        int refCount = 0;
        List<String[]> parentLinks = new ArrayList<>();
        for (JsonNode item : manifest) {
            String configPath = text(item, "Config");
            if (configPath == null) {
                throw new UnsafeArchiveException("invalid manifest.json: an image has no Config");
            }
            byte[] config = read(root, configPath);
            ImageConfig parsed = ImageStore.parse(config);
            List<String> layerPaths = new ArrayList<>();
            JsonNode layers = field(item, "Layers");
            if (layers != null) {
                layers.forEach(l -> layerPaths.add(l.asText()));
            }
            if (layerPaths.size() != parsed.diffIds().size()) {
                throw new UnsafeArchiveException("invalid manifest, layers length mismatch: expected "
                        + layerPaths.size() + ", got " + parsed.diffIds().size());
            }
            String id = images.storeImage(config, null, (index, diffId) -> {
                String path = layerPaths.get(index);
                return progress.counting(open(root, path), "Loading layer", Digests.shortId(diffId),
                        size(root, path));
            }, progress);
            ids.append("Loaded image ID: ").append(id).append('\n');
            refCount = 0;
            JsonNode tags = field(item, "RepoTags");
            if (tags != null) {
                for (JsonNode tag : tags) {
                    ImageRef ref = ImageRef.parse(tag.asText());
                    if (ref.digested() || ref.nameOnly()) {
                        throw new UnsafeArchiveException("invalid tag \"" + tag.asText() + "\"");
                    }
                    images.setLoadedTag(ref, id, progress);
                    progress.stream("Loaded image: " + ref.familiar() + "\n");
                    refCount++;
                }
            }
            String parent = text(item, "Parent");
            if (parent != null) {
                parentLinks.add(new String[] {id, parent});
            }
            images.publish("load", id, id);
        }
        for (String[] link : parentLinks) {
            images.setParentIfKnown(link[0], link[1]);
        }
        if (refCount == 0) {
            progress.stream(ids.toString());
        }
    }

    // ---- pure OCI layout -----------------------------------------------------------------------------------------

    private void loadOciLayout(InRoot root, ProgressWriter progress) throws IOException {
        JsonNode index = Json.MAPPER.readTree(read(root, "index.json"));
        JsonNode manifests = index == null ? null : index.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw new UnsafeArchiveException("invalid index.json: no manifests");
        }
        int named = 0;
        StringBuilder ids = new StringBuilder();
        for (JsonNode descriptor : manifests) {
            JsonNode manifest = manifestFor(root, descriptor);
            JsonNode configDesc = manifest.get("config");
            if (configDesc == null) {
                throw new UnsafeArchiveException("invalid OCI manifest: no config");
            }
            String configDigest = configDesc.path("digest").asText();
            byte[] config = blob(root, configDigest);
            List<String> layerDigests = new ArrayList<>();
            JsonNode layers = manifest.get("layers");
            if (layers != null) {
                layers.forEach(l -> layerDigests.add(l.path("digest").asText()));
            }
            ImageConfig parsed = ImageStore.parse(config);
            if (layerDigests.size() != parsed.diffIds().size()) {
                throw new UnsafeArchiveException("invalid manifest, layers length mismatch: expected "
                        + layerDigests.size() + ", got " + parsed.diffIds().size());
            }
            String id = images.storeImage(config, null, (i, diffId) -> {
                String digest = layerDigests.get(i);
                String path = blobPath(digest);
                verify(root, path, digest);
                return progress.counting(open(root, path), "Loading layer", Digests.shortId(diffId), size(root, path));
            }, progress);
            ids.append("Loaded image ID: ").append(id).append('\n');
            ImageRef ref = nameOf(descriptor.get("annotations"));
            if (ref != null) {
                images.setLoadedTag(ref, id, progress);
                progress.stream("Loaded image: " + ref.familiar() + "\n");
                named++;
            }
            images.publish("load", id, id);
        }
        if (named == 0) {
            progress.stream(ids.toString());
        }
    }

    /** The image manifest a descriptor names; for an index, the one for this platform (or the first). */
    private JsonNode manifestFor(InRoot root, JsonNode descriptor) throws IOException {
        JsonNode node = Json.MAPPER.readTree(blob(root, descriptor.path("digest").asText()));
        String mediaType = node.path("mediaType").asText(descriptor.path("mediaType").asText());
        if (OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType) || node.has("manifests")) {
            JsonNode chosen = null;
            for (JsonNode m : node.path("manifests")) {
                JsonNode platform = m.get("platform");
                if (platform != null && "linux".equals(platform.path("os").asText())
                        && ImageService.architecture().equals(platform.path("architecture").asText())) {
                    chosen = m;
                    break;
                }
                if (chosen == null && (platform == null || !"unknown".equals(platform.path("os").asText()))) {
                    chosen = m;
                }
            }
            if (chosen == null) {
                throw new UnsafeArchiveException("invalid OCI index: no manifest for this platform");
            }
            return manifestFor(root, chosen);
        }
        return node;
    }

    /** The reference an index entry names, if it names a full one. */
    private static ImageRef nameOf(JsonNode annotations) {
        if (annotations == null) {
            return null;
        }
        for (String key : new String[] {"io.containerd.image.name", "org.opencontainers.image.ref.name"}) {
            String value = annotations.path(key).asText(null);
            if (value == null || value.isEmpty()) {
                continue;
            }
            try {
                ImageRef ref = ImageRef.parse(value);
                if (!ref.nameOnly() && !ref.digested()) {
                    return ref;
                }
            } catch (EngineException e) {
                // a bare tag such as "latest": not a name we can use
            }
        }
        return null;
    }

    // ---- files inside the unpacked archive -------------------------------------------------------------------------

    private static String blobPath(String digest) throws UnsafeArchiveException {
        if (!Digests.valid(digest)) {
            throw new UnsafeArchiveException("invalid digest in the archive: " + digest);
        }
        return "blobs/sha256/" + Digests.hex(digest);
    }

    /** A blob's bytes, checked against its digest. */
    private static byte[] blob(InRoot root, String digest) throws IOException {
        byte[] bytes = read(root, blobPath(digest));
        String actual = Digests.of(bytes);
        if (!actual.equals(digest)) {
            throw new UnsafeArchiveException("digest mismatch for " + digest + ": got " + actual);
        }
        return bytes;
    }

    private static void verify(InRoot root, String path, String digest) throws IOException {
        MessageDigest md = Digests.sha256();
        try (InputStream in = open(root, path)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        String actual = Digests.format(md.digest());
        if (!actual.equals(digest)) {
            throw new UnsafeArchiveException("digest mismatch for " + digest + ": got " + actual);
        }
    }

    private static boolean exists(InRoot root, String path) throws IOException {
        try {
            located(root, path);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static byte[] read(InRoot root, String path) throws IOException {
        try (InputStream in = open(root, path)) {
            return in.readAllBytes();
        }
    }

    /** Opens a file named in the archive, following its symlinks only inside the archive (moby's safePath). */
    private static InputStream open(InRoot root, String path) throws IOException {
        Located l = locatedOrRefused(root, path);
        try {
            return Files.newInputStream(l.file, LinkOption.NOFOLLOW_LINKS);
        } finally {
            // the open stream keeps the file; the pinned directory can go
            l.dir.close();
        }
    }

    private static long size(InRoot root, String path) throws IOException {
        Located l = locatedOrRefused(root, path);
        try {
            return Files.size(l.file);
        } finally {
            l.dir.close();
        }
    }

    /** A file the archive must hold because it names it: missing is the archive's fault (moby's wording). */
    private static Located locatedOrRefused(InRoot root, String path) throws IOException {
        try {
            return located(root, path);
        } catch (NoSuchFileException e) {
            throw new UnsafeArchiveException("open " + path + ": no such file or directory");
        }
    }

    private static Located located(InRoot root, String path) throws IOException {
        String real;
        try {
            real = root.resolve(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path);
        }
        int slash = real.lastIndexOf('/');
        InRoot.Fd dir = root.directory(slash < 0 ? "" : real.substring(0, slash));
        Path file = dir.path().resolve(real.substring(slash + 1));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            dir.close();
            throw new NoSuchFileException(path);
        }
        return new Located(dir, file);
    }

    private record Located(InRoot.Fd dir, Path file) {
    }

    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            // docker's encoding/json matches field names case-insensitively
            var it = node.fieldNames();
            while (it.hasNext()) {
                String f = it.next();
                if (f.equalsIgnoreCase(name)) {
                    return node.get(f);
                }
            }
        }
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null || value.asText().isEmpty() ? null : value.asText();
    }
}
