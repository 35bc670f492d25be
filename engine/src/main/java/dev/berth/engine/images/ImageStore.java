package dev.berth.engine.images;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.engine.storage.ContentStore;
import dev.berth.engine.storage.Digests;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Image metadata on disk: configs are blobs in the content store (an image's ID is the digest of its config
 * bytes), each image has a small record ({@code images/meta/<hex>.json}: parent, last tag time), and references
 * map to IDs in {@code images/references.json}. Every write goes to a temp file, is synced and renamed.
 */
final class ImageStore {

    private static final TypeReference<TreeMap<String, String>> REFS = new TypeReference<>() {
    };

    private final Path dir;
    private final Path metaDir;
    private final Path refsFile;
    private final ContentStore blobs;
    private final Map<String, ImageConfig> configs = new ConcurrentHashMap<>();
    private final Map<String, Meta> metas = new ConcurrentHashMap<>();
    private final TreeMap<String, String> references;

    /** Local facts about an image that are not in its config. */
    record Meta(String parent, String lastTagTime, Long loadedNanos) {
    }

    ImageStore(Path dir, ContentStore blobs) {
        this.dir = dir;
        this.metaDir = dir.resolve("meta");
        this.refsFile = dir.resolve("references.json");
        this.blobs = blobs;
        try {
            Files.createDirectories(metaDir);
            references = Files.exists(refsFile) ? Json.MAPPER.readValue(refsFile.toFile(), REFS) : new TreeMap<>();
            try (Stream<Path> files = Files.list(metaDir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".json") && name.length() == 69) {
                        String id = "sha256:" + name.substring(0, 64);
                        if (blobs.has(id)) {
                            metas.put(id, Json.MAPPER.readValue(f.toFile(), Meta.class));
                        }
                    } else if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(f);
                    }
                }
            }
            // references to images that are gone (a crash between the two writes) are dropped
            references.values().removeIf(id -> !metas.containsKey(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image store in " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    // ---- images ----------------------------------------------------------------------------------------------------

    /** Stores a config (validating it parses) and returns the image ID; an existing image is left as it is. */
    synchronized String add(byte[] config, String parent) throws IOException {
        ImageConfig parsed = parse(config);
        String id = blobs.put(config);
        configs.put(id, parsed);
        if (!metas.containsKey(id)) {
            writeMeta(id, new Meta(parent, null, System.currentTimeMillis() * 1_000_000L));
        } else if (parent != null && metas.get(id).parent() == null) {
            writeMeta(id, new Meta(parent, metas.get(id).lastTagTime(), metas.get(id).loadedNanos()));
        }
        return id;
    }

    static ImageConfig parse(byte[] config) throws IOException {
        return Json.MAPPER.readValue(config, ImageConfig.class);
    }

    boolean exists(String id) {
        return id != null && metas.containsKey(id);
    }

    Set<String> ids() {
        return Set.copyOf(metas.keySet());
    }

    ImageConfig config(String id) {
        return configs.computeIfAbsent(id, k -> {
            try {
                return parse(blobs.read(k));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable config of image " + k + ": " + e.getMessage(), e);
            }
        });
    }

    byte[] rawConfig(String id) throws IOException {
        return blobs.read(id);
    }

    Meta meta(String id) {
        return metas.get(id);
    }

    synchronized void setParent(String id, String parent) throws IOException {
        Meta m = metas.get(id);
        if (m != null) {
            writeMeta(id, new Meta(parent, m.lastTagTime(), m.loadedNanos()));
        }
    }

    synchronized void setLastTagTime(String id, String time) throws IOException {
        Meta m = metas.get(id);
        if (m != null) {
            writeMeta(id, new Meta(m.parent(), time, m.loadedNanos()));
        }
    }

    /** Images whose parent is {@code id} (committed on top of it). */
    List<String> children(String id) {
        List<String> children = new ArrayList<>();
        metas.forEach((child, meta) -> {
            if (id.equals(meta.parent())) {
                children.add(child);
            }
        });
        return children;
    }

    /** The full ID for a unique hex prefix (with or without "sha256:"), or null. */
    String search(String prefix) {
        String hex = prefix.startsWith("sha256:") ? prefix.substring(7) : prefix;
        if (hex.isEmpty() || !hex.matches("[a-f0-9]+")) {
            return null;
        }
        String found = null;
        for (String id : metas.keySet()) {
            if (id.startsWith("sha256:" + hex)) {
                if (found != null) {
                    return null; // ambiguous
                }
                found = id;
            }
        }
        return found;
    }

    /** Forgets an image: its references, its record and its config blob. */
    synchronized void delete(String id) throws IOException {
        if (references.values().removeIf(id::equals)) {
            writeReferences();
        }
        metas.remove(id);
        configs.remove(id);
        Files.deleteIfExists(metaDir.resolve(Digests.hex(id) + ".json"));
        blobs.delete(id);
    }

    // ---- references ------------------------------------------------------------------------------------------------

    synchronized String lookup(String canonicalRef) {
        return references.get(canonicalRef);
    }

    /** Points a reference at an image; returns the image it pointed at before (or null). */
    synchronized String addReference(String canonicalRef, String id) throws IOException {
        String old = references.put(canonicalRef, id);
        writeReferences();
        return old;
    }

    synchronized boolean removeReference(String canonicalRef) throws IOException {
        if (references.remove(canonicalRef) == null) {
            return false;
        }
        writeReferences();
        return true;
    }

    /** The store keys pointing at {@code id}, sorted. */
    synchronized List<String> referencesTo(String id) {
        List<String> refs = new ArrayList<>();
        references.forEach((ref, target) -> {
            if (target.equals(id)) {
                refs.add(ref);
            }
        });
        return refs;
    }

    synchronized Map<String, String> references() {
        return new HashMap<>(references);
    }

    // ---- persistence -----------------------------------------------------------------------------------------------

    private void writeMeta(String id, Meta meta) throws IOException {
        writeAtomically(metaDir.resolve(Digests.hex(id) + ".json"), Json.MAPPER.writeValueAsBytes(meta));
        metas.put(id, meta);
    }

    private void writeReferences() throws IOException {
        writeAtomically(refsFile, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(references));
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
