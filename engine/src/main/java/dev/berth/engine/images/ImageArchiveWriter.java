package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.storage.Digests;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * {@code docker save}: writes the v25+ archive — an OCI image layout ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/…} with manifests, configs and uncompressed layer tars) plus the legacy {@code manifest.json}
 * and {@code repositories}, so both older dockerd (which reads manifest.json) and OCI tools load it. Layers are the
 * tars kept when the image arrived, so their digests are the config's diff IDs byte for byte.
 */
final class ImageArchiveWriter {

    private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[a-f0-9]{64}");
    private static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private final ImageService images;

    ImageArchiveWriter(ImageService images) {
        this.images = images;
    }

    /** Which images to save and under which tags; built before anything is streamed so errors are plain 4xx. */
    record Selection(Map<String, List<ImageRef>> images) {
    }

    /** moby's parseNames: IDs save untagged, "repo" saves all its tags, "repo:tag" that tag. */
    Selection select(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw EngineException.badRequest("no images named to save");
        }
        Map<String, List<ImageRef>> selection = new LinkedHashMap<>();
        ImageStore store = images.store();
        for (String name : names) {
            String trimmed = name.trim();
            if (FULL_ID.matcher(trimmed).matches()) {
                add(selection, images.resolveId(trimmed), null);
                continue;
            }
            ImageRef ref;
            try {
                ref = ImageRef.parse(trimmed);
            } catch (EngineException e) {
                String id = store.search(trimmed);
                if (id == null) {
                    throw e;
                }
                add(selection, id, null);
                continue;
            }
            if (ref.familiarName().equals("sha256")) {
                add(selection, images.resolveId(trimmed), null);
                continue;
            }
            if (ref.nameOnly()) {
                boolean any = false;
                for (Map.Entry<String, String> e : new TreeMap<>(store.references()).entrySet()) {
                    ImageRef candidate = ImageRef.ofCanonical(e.getKey());
                    if (candidate.name().equals(ref.name())) {
                        add(selection, e.getValue(), candidate);
                        any = true;
                    }
                }
                if (!any) {
                    String id = store.search(trimmed);
                    if (id == null) {
                        throw EngineException.notFound("No such image: " + ref.familiar());
                    }
                    add(selection, id, null);
                }
                continue;
            }
            String id = store.lookup(ref.canonical());
            if (id == null) {
                throw EngineException.notFound("No such image: " + ref.familiar());
            }
            add(selection, id, ref);
        }
        for (String id : selection.keySet()) {
            if (store.config(id).diffIds().isEmpty()) {
                throw EngineException.serverError("empty export - not implemented");
            }
            for (String diffId : store.config(id).diffIds()) {
                if (!images.blobs().has(diffId)) {
                    throw EngineException.serverError("the layer " + diffId + " of image " + id
                            + " has no stored tar to save");
                }
            }
        }
        return new Selection(selection);
    }

    private static void add(Map<String, List<ImageRef>> selection, String id, ImageRef ref) {
        List<ImageRef> refs = selection.computeIfAbsent(id, k -> new ArrayList<>());
        if (ref != null && !ref.digested() && refs.stream().noneMatch(r -> r.canonical().equals(ref.canonical()))) {
            refs.add(ref);
        }
    }

    /** Streams the archive. */
    void write(Selection selection, OutputStream out) throws IOException {
        ImageStore store = images.store();
        TreeMap<String, Blob> blobs = new TreeMap<>();
        List<Map<String, Object>> manifest = new ArrayList<>();
        List<Map<String, Object>> descriptors = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (Map.Entry<String, List<ImageRef>> entry : selection.images().entrySet()) {
            String id = entry.getKey();
            ImageConfig config = store.config(id);
            byte[] configBytes = store.rawConfig(id);
            Instant created = Times.parse(config.created());
            FileTime time = FileTime.from(created == null ? Instant.EPOCH : created);
            blobs.put(Digests.hex(id), Blob.bytes(configBytes, time));
            List<Map<String, Object>> layerDescriptors = new ArrayList<>();
            List<String> layerPaths = new ArrayList<>();
            for (String diffId : config.diffIds()) {
                long size = images.blobs().size(diffId);
                blobs.put(Digests.hex(diffId), Blob.stored(diffId, size, time));
                layerDescriptors.add(descriptor("application/vnd.oci.image.layer.v1.tar", diffId, size));
                layerPaths.add("blobs/sha256/" + Digests.hex(diffId));
            }
            Map<String, Object> ociManifest = new LinkedHashMap<>();
            ociManifest.put("schemaVersion", 2);
            ociManifest.put("mediaType", MANIFEST);
            ociManifest.put("config", descriptor("application/vnd.oci.image.config.v1+json", id, configBytes.length));
            ociManifest.put("layers", layerDescriptors);
            byte[] manifestBytes = Json.MAPPER.writeValueAsBytes(ociManifest);
            String manifestDigest = Digests.of(manifestBytes);
            blobs.put(Digests.hex(manifestDigest), Blob.bytes(manifestBytes, FileTime.from(Instant.EPOCH)));

            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("architecture", config.architecture() == null ? ImageService.architecture() : config.architecture());
            platform.put("os", config.os() == null ? "linux" : config.os());
            if (config.variant() != null) {
                platform.put("variant", config.variant());
            }
            List<String> repoTags = new ArrayList<>();
            for (ImageRef ref : entry.getValue()) {
                repoTags.add(ref.familiar());
                repositories.computeIfAbsent(ref.familiarName(), k -> new TreeMap<>())
                        .put(ref.tag(), Digests.hex(config.diffIds().get(config.diffIds().size() - 1)));
                Map<String, Object> d = descriptor(MANIFEST, manifestDigest, manifestBytes.length);
                d.put("platform", platform);
                d.put("annotations", Map.of("io.containerd.image.name", ref.canonical(),
                        "org.opencontainers.image.ref.name", ref.tag()));
                descriptors.add(d);
            }
            if (entry.getValue().isEmpty()) {
                Map<String, Object> d = descriptor(MANIFEST, manifestDigest, manifestBytes.length);
                d.put("platform", platform);
                descriptors.add(d);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("Config", "blobs/sha256/" + Digests.hex(id));
            item.put("RepoTags", repoTags.isEmpty() ? null : repoTags);
            item.put("Layers", layerPaths);
            ImageStore.Meta meta = store.meta(id);
            if (meta != null && meta.parent() != null && selection.images().containsKey(meta.parent())) {
                item.put("Parent", meta.parent());
            }
            manifest.add(item);
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", descriptors);

        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        FileTime epoch = FileTime.from(Instant.EPOCH);
        directory(tar, "blobs/", epoch);
        directory(tar, "blobs/sha256/", epoch);
        for (Map.Entry<String, Blob> blob : blobs.entrySet()) {
            Blob b = blob.getValue();
            TarArchiveEntry e = file("blobs/sha256/" + blob.getKey(), b.size(), b.time());
            tar.putArchiveEntry(e);
            if (b.bytes() != null) {
                tar.write(b.bytes());
            } else {
                try (InputStream in = images.blobs().open(b.digest())) {
                    in.transferTo(tar);
                }
            }
            tar.closeArchiveEntry();
        }
        byte[] indexBytes = Json.MAPPER.writeValueAsBytes(index);
        write(tar, "index.json", indexBytes, epoch);
        write(tar, "manifest.json", (new String(Json.MAPPER.writeValueAsBytes(manifest), StandardCharsets.UTF_8)
                + "\n").getBytes(StandardCharsets.UTF_8), epoch);
        write(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), epoch);
        if (!repositories.isEmpty()) {
            write(tar, "repositories", (new String(Json.MAPPER.writeValueAsBytes(repositories), StandardCharsets.UTF_8)
                    + "\n").getBytes(StandardCharsets.UTF_8), epoch);
        }
        tar.finish();
        tar.flush();
        for (String id : selection.images().keySet()) {
            images.publish("save", id, id);
        }
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static void directory(TarArchiveOutputStream tar, String name, FileTime time) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR, true);
        e.setMode(0755);
        e.setModTime(time);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry file(String name, long size, FileTime time) {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(0644);
        e.setSize(size);
        e.setModTime(time);
        return e;
    }

    private static void write(TarArchiveOutputStream tar, String name, byte[] bytes, FileTime time) throws IOException {
        tar.putArchiveEntry(file(name, bytes.length, time));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** One file under blobs/: in memory (configs, manifests) or a stored layer tar. */
    private record Blob(byte[] bytes, String digest, long size, FileTime time) {
        static Blob bytes(byte[] bytes, FileTime time) {
            return new Blob(bytes, null, bytes.length, time);
        }

        static Blob stored(String digest, long size, FileTime time) {
            return new Blob(null, digest, size, time);
        }
    }
}
