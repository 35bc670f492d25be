package dev.berth.engine.storage;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overlay snapshots, laid out as moby's overlay2 and containers/storage do:
 * <pre>
 * overlay/&lt;key&gt;/diff     this layer's files (the upperdir of a container layer)
 *               /link     its short id; overlay/l/&lt;short id&gt; -&gt; ../&lt;key&gt;/diff
 *               /lower    "l/A:l/B" the layers below, uppermost first (absent for base layers)
 *               /work     overlay's workdir (container layers)
 *               /merged   the mount point (container layers)
 * </pre>
 * Image layers are keyed by the hex of their chain ID, so identical stacks are shared. A container gets two
 * layers: {@code <id>-init} with the mount points and files the engine binds over (/etc/hosts, /.dockerenv …, as
 * moby's init layer, so they never show in {@code docker diff} or a commit), and {@code <id>}, the writable one.
 */
public final class LayerStore {

    private static final Logger LOG = LoggerFactory.getLogger(LayerStore.class);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final OverlayMounter mounter;
    private final Map<String, Integer> pins = new HashMap<>();
    private final Map<String, Integer> borrowed = new HashMap<>();
    private final Set<String> explicitlyMounted = new HashSet<>();
    /** Layer records never change once written; reading them is on the path of every image lookup. */
    private final Map<String, LayerInfo> infos = new java.util.concurrent.ConcurrentHashMap<>();

    public LayerStore(Path overlayRoot) {
        this.root = overlayRoot;
        this.mounter = new OverlayMounter(overlayRoot);
        try {
            Files.createDirectories(root.resolve("l"));
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "tmp-*")) {
                for (Path stale : entries) {
                    LOG.info("removing an unfinished layer {}", stale.getFileName());
                    FileMeta.removeTree(root, stale.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the layer store in " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    // ---- image layers --------------------------------------------------------------------------------------------

    public boolean exists(String chainId) {
        return chainId != null && Digests.valid(chainId) && Files.isRegularFile(dir(Digests.hex(chainId)).resolve("layer.json"));
    }

    /** The layer's record, or null when it is not stored. */
    public LayerInfo info(String chainId) {
        LayerInfo cached = chainId == null ? null : infos.get(chainId);
        if (cached != null) {
            return cached;
        }
        if (!exists(chainId)) {
            return null;
        }
        try {
            LayerInfo info = Json.MAPPER.readValue(dir(Digests.hex(chainId)).resolve("layer.json").toFile(),
                    LayerInfo.class);
            infos.put(chainId, info);
            return info;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable layer record of " + chainId + ": " + e.getMessage(), e);
        }
    }

    /** Every stored image layer. */
    public synchronized List<LayerInfo> layers() {
        List<LayerInfo> all = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.length() == 64 && Files.isRegularFile(d.resolve("layer.json"))) {
                    LayerInfo info = info("sha256:" + name);
                    if (info != null) {
                        all.add(info);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /**
     * Extracts a plain layer tar on top of {@code parentChainId} (null for a base layer) and stores it under its
     * chain ID; the stream is read to its end. When the layer already exists the new copy is dropped. Whiteouts
     * become overlay whiteouts; nothing is written outside the new layer.
     */
    public LayerInfo create(String parentChainId, InputStream plainTar) throws IOException {
        if (parentChainId != null && !exists(parentChainId)) {
            throw new NoSuchFileException("parent layer " + parentChainId + " is not stored");
        }
        Path tmp = root.resolve("tmp-" + UUID.randomUUID());
        Files.createDirectories(tmp.resolve("diff"));
        Files.setPosixFilePermissions(tmp.resolve("diff"), PosixFilePermissions.fromString("rwxr-xr-x"));
        boolean moved = false;
        try {
            MessageDigest md = Digests.sha256();
            long size;
            try (DigestInputStream in = new DigestInputStream(plainTar, md)) {
                size = TarUnpacker.unpack(in, tmp.resolve("diff"), TarUnpacker.Options.layer());
            }
            String diffId = Digests.format(md.digest());
            String chainId = Digests.chainId(parentChainId, diffId);
            synchronized (this) {
                if (exists(chainId)) {
                    return info(chainId);
                }
                LayerInfo info = new LayerInfo(chainId, diffId, parentChainId, size);
                if (parentChainId != null) {
                    Files.writeString(tmp.resolve("lower"), String.join(":", lowerOfChild(Digests.hex(parentChainId))));
                }
                Json.MAPPER.writeValue(tmp.resolve("layer.json").toFile(), info);
                String key = Digests.hex(chainId);
                Files.move(tmp, dir(key), StandardCopyOption.ATOMIC_MOVE);
                moved = true;
                link(key);
                return info;
            }
        } finally {
            if (!moved && Files.exists(tmp)) {
                FileMeta.removeTree(root, tmp.getFileName().toString());
            }
        }
    }

    /** The files of an image layer (or of any layer key). */
    public Path diffDir(String chainId) {
        return dir(Digests.hex(chainId)).resolve("diff");
    }

    /** The diff dirs of the layers below {@code chainId}, uppermost first. */
    public List<Path> lowerDiffDirs(String chainId) {
        List<Path> dirs = new ArrayList<>();
        LayerInfo info = info(chainId);
        while (info != null && info.parentChainId() != null) {
            dirs.add(diffDir(info.parentChainId()));
            info = info(info.parentChainId());
        }
        return dirs;
    }

    /** The chain IDs from {@code chainId} down to the base layer. */
    public List<String> chain(String chainId) {
        List<String> chain = new ArrayList<>();
        LayerInfo info = info(chainId);
        while (info != null) {
            chain.add(info.chainId());
            info = info.parentChainId() == null ? null : info(info.parentChainId());
        }
        return chain;
    }

    /** Keeps layers from removal while an image that will reference them is being stored. */
    public synchronized void pin(String chainId) {
        pins.merge(chainId, 1, Integer::sum);
    }

    public synchronized void unpin(String chainId) {
        pins.computeIfPresent(chainId, (k, v) -> v <= 1 ? null : v - 1);
    }

    /**
     * Removes every image layer not below one of {@code keepTops} nor below a container layer nor pinned. Returns
     * the removed chain IDs.
     */
    public synchronized List<String> removeUnreferenced(Set<String> keepTops) throws IOException {
        Set<String> keep = new HashSet<>();
        List<String> tops = new ArrayList<>(keepTops);
        tops.addAll(pins.keySet());
        for (String containerId : containerIds()) {
            String parent = containerParent(containerId);
            if (parent != null) {
                tops.add(parent);
            }
        }
        for (String top : tops) {
            keep.addAll(chain(top));
        }
        List<LayerInfo> all = layers();
        // remove upper layers before the ones below them
        Map<String, Integer> depth = new LinkedHashMap<>();
        for (LayerInfo l : all) {
            depth.put(l.chainId(), chain(l.chainId()).size());
        }
        List<String> removed = new ArrayList<>();
        all.stream().map(LayerInfo::chainId).filter(c -> !keep.contains(c))
                .sorted((a, b) -> Integer.compare(depth.get(b), depth.get(a)))
                .forEach(removed::add);
        for (String chainId : removed) {
            deleteLayerDir(Digests.hex(chainId));
        }
        return removed;
    }

    /** Removes one image layer unless it is pinned, has layers on top or a container sits on it. */
    public synchronized boolean removeIfUnused(String chainId) throws IOException {
        if (!exists(chainId) || pins.containsKey(chainId)) {
            return false;
        }
        for (LayerInfo l : layers()) {
            if (chainId.equals(l.parentChainId())) {
                return false;
            }
        }
        for (String containerId : containerIds()) {
            if (chainId.equals(containerParent(containerId))) {
                return false;
            }
        }
        deleteLayerDir(Digests.hex(chainId));
        return true;
    }

    // ---- container layers ----------------------------------------------------------------------------------------

    /** Creates the container's init layer and writable layer on top of the image's layers. */
    public synchronized void createContainerLayer(String containerId, String parentChainId) {
        checkContainerId(containerId);
        if (parentChainId != null && !exists(parentChainId)) {
            throw EngineException.notFound("No such image layer: " + parentChainId);
        }
        try {
            if (Files.exists(dir(containerId))) {
                throw EngineException.conflict("a layer for container " + containerId + " already exists");
            }
            String initKey = containerId + "-init";
            Path init = dir(initKey);
            Files.createDirectories(init.resolve("diff"));
            Files.createDirectories(init.resolve("work"));
            Files.setPosixFilePermissions(init.resolve("diff"), PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> imageLower = parentChainId == null ? List.of() : lowerOfChild(Digests.hex(parentChainId));
            if (!imageLower.isEmpty()) {
                Files.writeString(init.resolve("lower"), String.join(":", imageLower));
            }
            InitLayer.populate(init.resolve("diff"));
            link(initKey);

            Path layer = dir(containerId);
            Files.createDirectories(layer.resolve("diff"));
            Files.createDirectories(layer.resolve("work"));
            Files.createDirectories(layer.resolve("merged"));
            Files.setPosixFilePermissions(layer.resolve("diff"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(layer.resolve("lower"), String.join(":", lowerOfChild(initKey)));
            Json.MAPPER.writeValue(layer.resolve("container.json").toFile(), new ContainerLayer(parentChainId));
            link(containerId);
        } catch (IOException e) {
            throw EngineException.serverError("cannot create the filesystem of container " + containerId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Mounts the container's filesystem (idempotent) and returns the merged directory. */
    public synchronized Path mount(String containerId) {
        Path merged = mountInternal(containerId);
        explicitlyMounted.add(containerId);
        return merged;
    }

    /** Unmounts (idempotent); deferred while an export or copy still reads the mounted filesystem. */
    public synchronized void unmount(String containerId) {
        explicitlyMounted.remove(containerId);
        if (borrowed.getOrDefault(containerId, 0) == 0) {
            unmountInternal(containerId);
        }
    }

    public boolean isMounted(String containerId) {
        checkContainerId(containerId);
        return OverlayMounter.isMounted(dir(containerId).resolve("merged"));
    }

    /**
     * The mounted filesystem for a short read or write (export, docker cp on a stopped container); closing it
     * unmounts unless the container's own {@link #mount} is in force.
     */
    public synchronized Lease borrow(String containerId) {
        Path merged = mountInternal(containerId);
        borrowed.merge(containerId, 1, Integer::sum);
        return new Lease(containerId, merged);
    }

    /** Unmounts and deletes both of the container's layers; idempotent. */
    public synchronized void removeContainerLayer(String containerId) {
        checkContainerId(containerId);
        explicitlyMounted.remove(containerId);
        borrowed.remove(containerId);
        unmountInternal(containerId);
        try {
            deleteLayerDir(containerId);
            deleteLayerDir(containerId + "-init");
        } catch (IOException e) {
            throw EngineException.serverError("cannot remove the filesystem of container " + containerId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The container's writable layer: what it changed. */
    public Path upperDir(String containerId) {
        checkContainerId(containerId);
        return dir(containerId).resolve("diff");
    }

    /** The container's mount point (mounted or not). */
    public Path mergedDir(String containerId) {
        checkContainerId(containerId);
        return dir(containerId).resolve("merged");
    }

    public boolean hasContainerLayer(String containerId) {
        checkContainerId(containerId);
        return Files.isRegularFile(dir(containerId).resolve("container.json"));
    }

    /** The image layer the container's filesystem starts from, or null. */
    public String containerParent(String containerId) {
        try {
            return Json.MAPPER.readValue(dir(containerId).resolve("container.json").toFile(), ContainerLayer.class)
                    .parentChainId();
        } catch (IOException e) {
            return null;
        }
    }

    /** The read-only diff dirs under a container's writable layer (its init layer, then the image's), uppermost first. */
    public List<Path> containerLowerDirs(String containerId) {
        List<Path> dirs = new ArrayList<>();
        dirs.add(dir(containerId + "-init").resolve("diff"));
        String parent = containerParent(containerId);
        if (parent != null) {
            dirs.add(diffDir(parent));
            dirs.addAll(lowerDiffDirs(parent));
        }
        return dirs;
    }

    /** The lower dirs and the container's dirs, as Docker shows them in GraphDriver.Data. */
    public Map<String, String> containerGraphData(String containerId) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("LowerDir", String.join(":", containerLowerDirs(containerId).stream().map(Path::toString).toList()));
        data.put("MergedDir", mergedDir(containerId).toString());
        data.put("UpperDir", upperDir(containerId).toString());
        data.put("WorkDir", dir(containerId).resolve("work").toString());
        return data;
    }

    /** Bytes of regular files in the container's writable layer, hardlinks once (Docker's SizeRw). */
    public long upperSize(String containerId) {
        return DirectorySize.of(upperDir(containerId));
    }

    /** Every container layer in the store (container IDs). */
    public synchronized List<String> containerIds() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                if (Files.isRegularFile(d.resolve("container.json"))) {
                    ids.add(d.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Path mountInternal(String containerId) {
        checkContainerId(containerId);
        Path layer = dir(containerId);
        if (!Files.isRegularFile(layer.resolve("container.json"))) {
            throw EngineException.notFound("No such container layer: " + containerId);
        }
        Path merged = layer.resolve("merged");
        if (OverlayMounter.isMounted(merged)) {
            return merged;
        }
        try {
            List<String> lower = List.of(Files.readString(layer.resolve("lower")).trim().split(":"));
            Files.createDirectories(merged);
            mounter.mount(lower, containerId, merged);
            return merged;
        } catch (IOException e) {
            throw EngineException.serverError(e.getMessage(), e);
        }
    }

    private void unmountInternal(String containerId) {
        Path merged = dir(containerId).resolve("merged");
        try {
            while (OverlayMounter.isMounted(merged)) {
                mounter.unmount(merged);
            }
        } catch (IOException e) {
            throw EngineException.serverError(e.getMessage(), e);
        }
    }

    private synchronized void release(String containerId) {
        Integer left = borrowed.computeIfPresent(containerId, (k, v) -> v <= 1 ? null : v - 1);
        if (left == null && !explicitlyMounted.contains(containerId) && Files.exists(dir(containerId))) {
            unmountInternal(containerId);
        }
    }

    /** The lowerdir list of a layer placed directly on {@code key}: key's own link, then key's lowers. */
    private List<String> lowerOfChild(String key) throws IOException {
        List<String> lower = new ArrayList<>();
        lower.add("l/" + Files.readString(dir(key).resolve("link")).trim());
        Path parentLower = dir(key).resolve("lower");
        if (Files.exists(parentLower)) {
            for (String l : Files.readString(parentLower).trim().split(":")) {
                if (!l.isEmpty()) {
                    lower.add(l);
                }
            }
        }
        return lower;
    }

    private void link(String key) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String id = shortId();
            Path l = root.resolve("l").resolve(id);
            try {
                Files.createSymbolicLink(l, Path.of("../" + key + "/diff"));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 8) {
                    continue;
                }
                throw e;
            }
            Files.writeString(dir(key).resolve("link"), id, StandardCharsets.US_ASCII);
            return;
        }
    }

    private void deleteLayerDir(String key) throws IOException {
        infos.remove("sha256:" + key);
        Path d = dir(key);
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path link = d.resolve("link");
        if (Files.isRegularFile(link)) {
            String id = Files.readString(link).trim();
            if (!id.isEmpty() && !id.contains("/")) {
                Files.deleteIfExists(root.resolve("l").resolve(id));
            }
        }
        // rename first so a crash never leaves a half-deleted layer under a valid key
        Path doomed = root.resolve("tmp-" + UUID.randomUUID());
        Files.move(d, doomed, StandardCopyOption.ATOMIC_MOVE);
        FileMeta.removeTree(root, doomed.getFileName().toString());
    }

    private Path dir(String key) {
        return root.resolve(key);
    }

    private static void checkContainerId(String containerId) {
        if (containerId == null || !containerId.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*") || containerId.length() > 128
                || containerId.equals("l") || containerId.startsWith("tmp-") || containerId.endsWith("-init")) {
            throw EngineException.badRequest("invalid container ID: " + containerId);
        }
    }

    private static String shortId() {
        StringBuilder sb = new StringBuilder(26);
        for (int i = 0; i < 26; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A container layer's own record: the image layer it sits on. */
    record ContainerLayer(String parentChainId) {
    }

    /** A temporary mount of a container's filesystem; close it when done. */
    public final class Lease implements AutoCloseable {
        private final String containerId;
        private final Path merged;
        private boolean closed;

        private Lease(String containerId, Path merged) {
            this.containerId = containerId;
            this.merged = merged;
        }

        public Path rootfs() {
            return merged;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(containerId);
            }
        }
    }
}
