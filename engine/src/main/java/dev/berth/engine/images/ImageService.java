package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.storage.Compression;
import dev.berth.engine.storage.ContainerFilesystem;
import dev.berth.engine.storage.ContentStore;
import dev.berth.engine.storage.Digests;
import dev.berth.engine.storage.LayerInfo;
import dev.berth.engine.storage.LayerStore;
import dev.berth.engine.storage.UnsafeArchiveException;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.images.DeleteItem;
import dev.berth.remote.images.HistoryItem;
import dev.berth.remote.images.ImageInspect;
import dev.berth.remote.images.ImagePruneReport;
import dev.berth.remote.images.ImageSummary;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images of the engine: resolving references, list, inspect, history, tag, remove, prune, import, commit,
 * and storing images whose layers arrive as tars (load, and pull later). Semantics and messages follow moby's
 * daemon/images package.
 */
public final class ImageService {

    private static final Logger LOG = LoggerFactory.getLogger(ImageService.class);

    /** The digest of an empty tar (two zero blocks): a commit that changed nothing adds no layer. */
    static final String EMPTY_LAYER = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private static final Pattern FULL_ID = Pattern.compile("(sha256:)?[a-f0-9]{64}");
    private static final Set<String> LIST_FILTERS = Set.of("before", "since", "dangling", "label", "reference");
    private static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "label!", "until");

    private final LayerStore layers;
    private final ContentStore blobs;
    private final EventBus events;
    private final ImageStore store;
    private final ContainerFilesystem filesystems;
    private final Path scratch;
    private final Object mutation = new Object();
    private final Set<String> pendingDiffIds = new HashSet<>();
    private volatile ImageUsers users = ImageUsers.NONE;

    public ImageService(EngineDirs dirs, LayerStore layers, ContentStore blobs, EventBus events) {
        this.layers = layers;
        this.blobs = blobs;
        this.events = events;
        this.store = new ImageStore(dirs.images(), blobs);
        this.filesystems = new ContainerFilesystem(layers);
        this.scratch = dirs.images().resolve("tmp");
        try {
            java.nio.file.Files.createDirectories(scratch);
            try (var stale = java.nio.file.Files.list(scratch)) {
                for (Path p : (Iterable<Path>) stale::iterator) {
                    dev.berth.engine.storage.FileMeta.removeTree(scratch, p.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + scratch + ": " + e.getMessage(), e);
        }
        // layers of an image whose storing a crash cut short belong to nothing
        removeUnusedLayers();
    }

    public void setImageUsers(ImageUsers users) {
        this.users = users == null ? ImageUsers.NONE : users;
    }

    LayerStore layers() {
        return layers;
    }

    ContentStore blobs() {
        return blobs;
    }

    ImageStore store() {
        return store;
    }

    EventBus events() {
        return events;
    }

    /** A private directory for unpacking archives, on the same filesystem as the blobs (so files move in). */
    Path scratch() {
        return scratch;
    }

    // ---- lookup ----------------------------------------------------------------------------------------------------

    /**
     * An image by reference ("busybox", "busybox:1.36", "name@sha256:…") or ID (full, "sha256:…", or a unique
     * prefix). 404 "No such image: busybox:latest" when there is none; 400 for a malformed reference.
     */
    public ImageRecord resolve(String refOrId) {
        String id = resolveId(refOrId);
        return record(id);
    }

    /** The number of images (for /info). */
    public int count() {
        return store.ids().size();
    }

    String resolveId(String refOrId) {
        if (refOrId == null || refOrId.isBlank()) {
            throw EngineException.badRequest("invalid reference format");
        }
        String input = refOrId.trim();
        if (FULL_ID.matcher(input).matches()) {
            String id = input.startsWith("sha256:") ? input : "sha256:" + input;
            if (store.exists(id)) {
                return id;
            }
            throw noSuchImage(input);
        }
        ImageRef ref = null;
        try {
            ref = ImageRef.parse(input);
        } catch (EngineException e) {
            // not a reference: it can still be a short ID ("sha256:abc…")
            String byId = store.search(input);
            if (byId != null) {
                return byId;
            }
            if (!input.startsWith("sha256:")) {
                throw e;
            }
            throw EngineException.notFound("No such image: " + input);
        }
        String id = store.lookup(ref.canonical());
        if (id != null && store.exists(id)) {
            return id;
        }
        String byId = store.search(input);
        if (byId != null) {
            return byId;
        }
        throw EngineException.notFound("No such image: " + ref.familiar());
    }

    private static EngineException noSuchImage(String input) {
        return EngineException.notFound("No such image: " + input);
    }

    /** The image with ID {@code id} as a record (tags, config, top layer, size). */
    ImageRecord record(String id) {
        ImageConfig config = store.config(id);
        List<String> tags = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (String ref : store.referencesTo(id)) {
            ImageRef parsed = ImageRef.ofCanonical(ref);
            if (parsed.digested()) {
                digests.add(parsed.familiar());
            } else {
                tags.add(parsed.familiar());
            }
        }
        String top = Digests.chainId(config.diffIds());
        ImageStore.Meta meta = store.meta(id);
        ContainerConfig runtime = config.config() != null ? config.config() : ConfigBuilder.from(null).build();
        return new ImageRecord(id, tags, digests, runtime, top, meta == null ? null : meta.parent(), config.created(),
                size(top), config);
    }

    private long size(String topChainId) {
        if (topChainId == null) {
            return 0;
        }
        long size = 0;
        for (String chain : layers.chain(topChainId)) {
            LayerInfo info = layers.info(chain);
            if (info != null) {
                size += info.size();
            }
        }
        return size;
    }

    // ---- list, inspect, history ----------------------------------------------------------------------------------

    /** GET /images/json. */
    public List<ImageSummary> list(boolean all, Map<String, List<String>> filters, String apiVersion) {
        for (String key : filters.keySet()) {
            if (!LIST_FILTERS.contains(key)) {
                throw EngineException.badRequest("invalid filter '" + key + "'");
            }
        }
        boolean danglingOnly = false;
        if (filters.containsKey("dangling")) {
            List<String> values = filters.get("dangling");
            if (values.contains("true") || values.contains("1")) {
                danglingOnly = true;
            } else if (!(values.contains("false") || values.contains("0"))) {
                throw EngineException.badRequest("invalid filter 'dangling=" + String.join(",", values) + "'");
            }
        }
        Instant before = filterImageTime(filters.get("before"));
        Instant since = filterImageTime(filters.get("since"));
        List<String> labelFilters = filters.getOrDefault("label", List.of());
        List<String> referenceFilters = filters.getOrDefault("reference", List.of());
        boolean oldApi = apiVersion != null && !atLeast(apiVersion, "1.43");
        boolean withVirtualSize = apiVersion == null || !atLeast(apiVersion, "1.44");

        List<ImageSummary> summaries = new ArrayList<>();
        for (String id : store.ids()) {
            ImageConfig config = store.config(id);
            Instant created = Times.parse(config.created());
            Instant createdOrZero = created == null ? Instant.ofEpochSecond(-62135596800L) : created;
            if (before != null && !createdOrZero.isBefore(before)) {
                continue;
            }
            if (since != null && !createdOrZero.isAfter(since)) {
                continue;
            }
            Map<String, String> labels = config.config() == null ? null : config.config().labels();
            if (!labelFilters.isEmpty() && (config.config() == null || !matchLabels(labelFilters, labels))) {
                continue;
            }
            List<String> tags = new ArrayList<>();
            List<String> digests = new ArrayList<>();
            for (String key : store.referencesTo(id)) {
                ImageRef ref = ImageRef.ofCanonical(key);
                if (!referenceFilters.isEmpty() && referenceFilters.stream().noneMatch(p -> familiarMatch(p, ref))) {
                    continue;
                }
                if (ref.digested()) {
                    digests.add(ref.familiar());
                } else {
                    tags.add(ref.familiar());
                }
            }
            if (tags.isEmpty() && digests.isEmpty()) {
                if (!all && !store.children(id).isEmpty()) {
                    continue;
                }
                if (filters.containsKey("dangling") && !danglingOnly) {
                    continue;
                }
                if (!referenceFilters.isEmpty()) {
                    continue;
                }
                if (oldApi) {
                    tags.add("<none>:<none>");
                    digests.add("<none>@<none>");
                }
            } else if (danglingOnly && !tags.isEmpty()) {
                continue;
            }
            long size = size(Digests.chainId(config.diffIds()));
            ImageStore.Meta meta = store.meta(id);
            summaries.add(new ImageSummary(id, meta == null || meta.parent() == null ? "" : meta.parent(), tags,
                    digests, Times.epochSeconds(config.created()), size, -1L, withVirtualSize ? size : null,
                    labels == null ? Map.of() : labels, -1));
        }
        // newest first, to the nanosecond (images made within one second keep their order)
        Map<String, Instant> createdAt = new HashMap<>();
        for (ImageSummary s : summaries) {
            Instant t = Times.parse(store.config(s.id()).created());
            createdAt.put(s.id(), t == null ? Instant.MIN : t);
        }
        summaries.sort(Comparator.comparing((ImageSummary s) -> createdAt.get(s.id())).reversed()
                .thenComparing(ImageSummary::id));
        return summaries;
    }

    /** The images with the container counts and shared sizes /system/df reports. */
    public List<ImageSummary> diskUsage() {
        List<ImageSummary> plain = list(true, Map.of(), "1.43");
        Map<String, Integer> layerUse = new HashMap<>();
        for (ImageSummary s : plain) {
            String top = Digests.chainId(store.config(s.id()).diffIds());
            if (top != null) {
                for (String chain : layers.chain(top)) {
                    layerUse.merge(chain, 1, Integer::sum);
                }
            }
        }
        List<ImageSummary> result = new ArrayList<>();
        for (ImageSummary s : plain) {
            long shared = 0;
            String top = Digests.chainId(store.config(s.id()).diffIds());
            if (top != null) {
                for (String chain : layers.chain(top)) {
                    LayerInfo info = layers.info(chain);
                    if (info != null && layerUse.getOrDefault(chain, 0) > 1) {
                        shared += info.size();
                    }
                }
            }
            result.add(new ImageSummary(s.id(), s.parentId(), s.repoTags(), s.repoDigests(), s.created(), s.size(),
                    shared, s.virtualSize(), s.labels(), users.usersOf(s.id()).size()));
        }
        return result;
    }

    /** Bytes of all stored layers. */
    public long layersSize() {
        long total = 0;
        for (LayerInfo info : layers.layers()) {
            total += info.size();
        }
        return total;
    }

    private Instant filterImageTime(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        ImageConfig config = store.config(resolveId(values.get(values.size() - 1)));
        Instant t = Times.parse(config.created());
        return t == null ? Instant.ofEpochSecond(-62135596800L) : t;
    }

    /** GET /images/{name}/json. */
    public ImageInspect inspect(String name, String apiVersion) {
        ImageRecord image = resolve(name);
        ImageConfig config = image.imageConfig();
        ImageStore.Meta meta = store.meta(image.id());
        String comment = config.comment();
        if ((comment == null || comment.isEmpty()) && !config.historyOrEmpty().isEmpty()) {
            comment = config.historyOrEmpty().get(config.historyOrEmpty().size() - 1).comment();
        }
        ImageInspect.GraphDriver driver = new ImageInspect.GraphDriver("overlay2", graphData(image.topChainId()));
        boolean withVirtualSize = apiVersion == null || !atLeast(apiVersion, "1.44");
        return new ImageInspect(image.id(), image.repoTags(), image.repoDigests(),
                image.parentId() == null ? "" : image.parentId(), comment == null ? "" : comment,
                config.created() == null ? Times.ZERO : config.created(),
                config.container() == null ? "" : config.container(), config.containerConfig(),
                config.dockerVersion() == null ? "" : config.dockerVersion(), config.author() == null ? "" : config.author(),
                image.config(), config.architecture(), config.variant(), config.os(), config.osVersion(), image.size(),
                withVirtualSize ? image.size() : null, driver,
                new ImageInspect.RootFs("layers", config.diffIds()),
                new ImageInspect.Metadata(meta == null || meta.lastTagTime() == null ? Times.ZERO : meta.lastTagTime()));
    }

    private Map<String, String> graphData(String topChainId) {
        if (topChainId == null || !layers.exists(topChainId)) {
            return null;
        }
        Map<String, String> data = new LinkedHashMap<>();
        List<Path> lower = layers.lowerDiffDirs(topChainId);
        if (!lower.isEmpty()) {
            data.put("LowerDir", String.join(":", lower.stream().map(Path::toString).toList()));
        }
        Path top = layers.diffDir(topChainId);
        data.put("MergedDir", top.resolveSibling("merged").toString());
        data.put("UpperDir", top.toString());
        data.put("WorkDir", top.resolveSibling("work").toString());
        return data;
    }

    /** GET /images/{name}/history: newest step first, IDs for the steps that are images here. */
    public List<HistoryItem> history(String name) {
        ImageRecord image = resolve(name);
        ImageConfig config = image.imageConfig();
        List<String> diffIds = config.diffIds();
        List<ImageConfig.History> steps = config.historyOrEmpty();
        List<HistoryItem> items = new ArrayList<>();
        int layer = 0;
        String chain = null;
        for (ImageConfig.History h : steps) {
            long size = 0;
            if (!Boolean.TRUE.equals(h.emptyLayer())) {
                if (layer >= diffIds.size()) {
                    throw EngineException.serverError("too many non-empty layers in History section");
                }
                chain = Digests.chainId(chain, diffIds.get(layer));
                LayerInfo info = layers.info(chain);
                size = info == null ? 0 : info.size();
                layer++;
            }
            items.add(0, new HistoryItem("<missing>", Times.epochSeconds(h.created()),
                    h.createdBy() == null ? "" : h.createdBy(), null, size, h.comment() == null ? "" : h.comment()));
        }
        String id = image.id();
        for (int i = 0; i < items.size() && id != null; i++) {
            HistoryItem h = items.get(i);
            List<String> tags = new ArrayList<>();
            for (String ref : store.referencesTo(id)) {
                ImageRef parsed = ImageRef.ofCanonical(ref);
                if (!parsed.digested()) {
                    tags.add(parsed.familiar());
                }
            }
            items.set(i, new HistoryItem(id, h.created(), h.createdBy(), tags.isEmpty() ? null : tags, h.size(),
                    h.comment()));
            ImageStore.Meta meta = store.meta(id);
            id = meta == null ? null : meta.parent();
            if (id != null && !store.exists(id)) {
                break;
            }
        }
        return items;
    }

    // ---- tag, remove, prune ----------------------------------------------------------------------------------------

    /** POST /images/{name}/tag: points {@code repo[:tag]} at the image; returns the familiar new reference. */
    public String tag(String source, String repo, String tag) {
        String id = resolveId(source);
        if (repo == null || repo.isEmpty()) {
            throw EngineException.badRequest("repository name must have at least one component");
        }
        ImageRef ref = ImageRef.of(repo, tag);
        if (ref.digested()) {
            throw EngineException.badRequest("refusing to create a tag with a digest reference");
        }
        synchronized (mutation) {
            tagInternal(id, ref);
        }
        return ref.familiar();
    }

    private void tagInternal(String id, ImageRef ref) {
        try {
            store.addReference(ref.canonical(), id);
            store.setLastTagTime(id, Times.now());
        } catch (IOException e) {
            throw EngineException.serverError("cannot tag image " + id + ": " + e.getMessage(), e);
        }
        publish("tag", id, ref.familiar());
    }

    /** DELETE /images/{name}: untags and/or deletes, as moby's ImageDelete. */
    public List<DeleteItem> remove(String name, boolean force, boolean noPrune) {
        synchronized (mutation) {
            try {
                return removeLocked(name, force, !noPrune);
            } catch (IOException e) {
                throw EngineException.serverError("cannot remove image " + name + ": " + e.getMessage(), e);
            }
        }
    }

    private List<DeleteItem> removeLocked(String name, boolean force, boolean prune) throws IOException {
        String id = resolveId(name);
        List<DeleteItem> records = new ArrayList<>();
        List<String> repoRefs = store.referencesTo(id);
        boolean removedRepositoryRef = false;
        if (!isIdPrefix(id, name)) {
            if (!force && isSingleReference(repoRefs)) {
                ImageUsers.ImageUse user = users.usersOf(id).stream().findFirst().orElse(null);
                if (user != null) {
                    throw EngineException.conflict("conflict: unable to remove repository reference \"" + name
                            + "\" (must force) - container " + Digests.shortId(user.containerId())
                            + " is using its referenced image " + Digests.shortId(id));
                }
            }
            ImageRef parsed = ImageRef.parse(name);
            store.removeReference(parsed.canonical());
            records.add(new DeleteItem(parsed.familiar(), null));
            publish("untag", id, id);
            repoRefs = store.referencesTo(id);
            if (!parsed.digested()) {
                boolean tagInSameRepo = repoRefs.stream().map(ImageRef::ofCanonical)
                        .anyMatch(r -> !r.digested() && r.name().equals(parsed.name()));
                if (!tagInSameRepo) {
                    List<String> remaining = new ArrayList<>();
                    for (String key : repoRefs) {
                        ImageRef r = ImageRef.ofCanonical(key);
                        if (r.digested() && r.name().equals(parsed.name())) {
                            store.removeReference(key);
                            records.add(new DeleteItem(r.familiar(), null));
                        } else {
                            remaining.add(key);
                        }
                    }
                    repoRefs = remaining;
                }
            }
            if (!repoRefs.isEmpty()) {
                return records;
            }
            removedRepositoryRef = true;
        } else if (isSingleReference(repoRefs)) {
            int mask = CONFLICT_HARD | (force ? 0 : (CONFLICT_SOFT & ~CONFLICT_ACTIVE_REFERENCE));
            EngineException conflict = deleteConflict(id, mask);
            if (conflict != null) {
                throw conflict;
            }
            for (String key : repoRefs) {
                store.removeReference(key);
                records.add(new DeleteItem(ImageRef.ofCanonical(key).familiar(), null));
                publish("untag", id, id);
            }
        }
        deleteHelper(id, records, force, prune, removedRepositoryRef);
        return records;
    }

    private static final int CONFLICT_DEPENDENT_CHILD = 1;
    private static final int CONFLICT_RUNNING_CONTAINER = 2;
    private static final int CONFLICT_ACTIVE_REFERENCE = 4;
    private static final int CONFLICT_STOPPED_CONTAINER = 8;
    private static final int CONFLICT_HARD = CONFLICT_DEPENDENT_CHILD | CONFLICT_RUNNING_CONTAINER;
    private static final int CONFLICT_SOFT = CONFLICT_ACTIVE_REFERENCE | CONFLICT_STOPPED_CONTAINER;

    /** A conflict found by {@link #deleteConflict}; {@code used} when a container is the reason. */
    private static final class DeleteConflict extends EngineException {
        private final boolean used;

        DeleteConflict(String id, boolean hard, boolean used, String message) {
            super(409, "conflict: unable to delete " + Digests.shortId(id) + " ("
                    + (hard ? "cannot be forced" : "must be forced") + ") - " + message);
            this.used = used;
        }
    }

    private DeleteConflict deleteConflict(String id, int mask) {
        if ((mask & CONFLICT_DEPENDENT_CHILD) != 0 && !store.children(id).isEmpty()) {
            return new DeleteConflict(id, true, false, "image has dependent child images");
        }
        List<ImageUsers.ImageUse> using = users.usersOf(id);
        if ((mask & CONFLICT_RUNNING_CONTAINER) != 0) {
            for (ImageUsers.ImageUse use : using) {
                if (use.running()) {
                    return new DeleteConflict(id, true, true, "image is being used by running container "
                            + Digests.shortId(use.containerId()));
                }
            }
        }
        if ((mask & CONFLICT_ACTIVE_REFERENCE) != 0 && !store.referencesTo(id).isEmpty()) {
            return new DeleteConflict(id, false, false, "image is referenced in multiple repositories");
        }
        if ((mask & CONFLICT_STOPPED_CONTAINER) != 0) {
            for (ImageUsers.ImageUse use : using) {
                if (!use.running()) {
                    return new DeleteConflict(id, false, true, "image is being used by stopped container "
                            + Digests.shortId(use.containerId()));
                }
            }
        }
        return null;
    }

    private void deleteHelper(String id, List<DeleteItem> records, boolean force, boolean prune, boolean quiet)
            throws IOException {
        int mask = CONFLICT_HARD | (force ? 0 : CONFLICT_SOFT);
        DeleteConflict conflict = deleteConflict(id, mask);
        if (conflict != null) {
            if (quiet && (!isDangling(id) || conflict.used)) {
                return;
            }
            throw conflict;
        }
        ImageStore.Meta meta = store.meta(id);
        String parent = meta == null ? null : meta.parent();
        for (String key : store.referencesTo(id)) {
            store.removeReference(key);
            records.add(new DeleteItem(ImageRef.ofCanonical(key).familiar(), null));
            publish("untag", id, id);
        }
        List<String> chain = new ArrayList<>();
        String top = Digests.chainId(store.config(id).diffIds());
        if (top != null) {
            chain.addAll(layers.chain(top));
        }
        List<String> diffIds = store.config(id).diffIds();
        publishDelete(id);
        store.delete(id);
        records.add(new DeleteItem(null, id));
        for (String removed : collectGarbage(diffIds)) {
            if (chain.contains(removed)) {
                records.add(new DeleteItem(null, removed));
            }
        }
        if (prune && parent != null && store.exists(parent)) {
            deleteHelper(parent, records, false, true, true);
        }
    }

    private void publishDelete(String id) {
        publish("delete", id, id);
    }

    /** Removes layers no image or container needs any more, and the tars of diff IDs nothing references. */
    private List<String> collectGarbage(Collection<String> candidateDiffIds) throws IOException {
        Set<String> tops = new HashSet<>();
        Set<String> referencedDiffIds = new HashSet<>(pendingDiffIds);
        for (String other : store.ids()) {
            List<String> diffIds = store.config(other).diffIds();
            referencedDiffIds.addAll(diffIds);
            String top = Digests.chainId(diffIds);
            if (top != null) {
                tops.add(top);
            }
        }
        List<String> removed = layers.removeUnreferenced(tops);
        for (String diffId : candidateDiffIds) {
            if (!referencedDiffIds.contains(diffId)) {
                blobs.delete(diffId);
            }
        }
        return removed;
    }

    /**
     * Removes image layers and layer tars nothing needs any more: call after a container's layer is removed, since
     * a container keeps the layers of an image that was force-removed under it.
     */
    public void removeUnusedLayers() {
        synchronized (mutation) {
            try {
                Set<String> diffIds = new HashSet<>();
                for (LayerInfo info : layers.layers()) {
                    diffIds.add(info.diffId());
                }
                List<String> removed = collectGarbage(diffIds);
                if (!removed.isEmpty()) {
                    LOG.info("removed {} unused layers", removed.size());
                }
            } catch (IOException e) {
                LOG.warn("cannot remove unused layers: {}", e.toString());
            }
        }
    }

    private boolean isDangling(String id) {
        return store.referencesTo(id).isEmpty() && store.children(id).isEmpty();
    }

    private static boolean isIdPrefix(String id, String ref) {
        return id.startsWith(ref) || id.startsWith("sha256:" + ref);
    }

    /** moby's isSingleReference: at most one tag, and digests only of that tag's repository. */
    private static boolean isSingleReference(List<String> repoRefs) {
        if (repoRefs.size() <= 1) {
            return repoRefs.size() == 1;
        }
        ImageRef single = null;
        Set<String> canonicalNames = new HashSet<>();
        for (String key : repoRefs) {
            ImageRef r = ImageRef.ofCanonical(key);
            if (r.digested()) {
                canonicalNames.add(r.name());
            } else if (single == null) {
                single = r;
            } else {
                return false;
            }
        }
        if (single == null) {
            single = ImageRef.ofCanonical(repoRefs.get(0));
        }
        return canonicalNames.size() == 1 && canonicalNames.contains(single.name());
    }

    /** POST /images/prune. */
    public ImagePruneReport prune(Map<String, List<String>> filters) {
        for (String key : filters.keySet()) {
            if (!PRUNE_FILTERS.contains(key)) {
                throw EngineException.badRequest("invalid filter '" + key + "'");
            }
        }
        boolean danglingOnly = true;
        if (filters.containsKey("dangling")) {
            List<String> v = filters.get("dangling");
            if (v.contains("false") || v.contains("0")) {
                danglingOnly = false;
            } else if (!(v.contains("true") || v.contains("1"))) {
                throw EngineException.badRequest("invalid filter 'dangling=" + String.join(",", v) + "'");
            }
        }
        Instant until = null;
        List<String> untilValues = filters.getOrDefault("until", List.of());
        if (untilValues.size() > 1) {
            throw EngineException.badRequest("more than one until filter specified");
        }
        if (!untilValues.isEmpty()) {
            until = Times.filterTime(untilValues.get(0), Instant.now());
        }
        List<DeleteItem> deleted = new ArrayList<>();
        long reclaimed = 0;
        synchronized (mutation) {
            Map<String, LayerInfo> layerSizes = new HashMap<>();
            for (LayerInfo info : layers.layers()) {
                layerSizes.put(info.chainId(), info);
            }
            List<String> candidates = new ArrayList<>();
            for (String id : store.ids()) {
                if (danglingOnly && !store.children(id).isEmpty()) {
                    continue;
                }
                if (store.referencesTo(id).isEmpty() && !store.children(id).isEmpty()) {
                    continue;
                }
                ImageConfig config = store.config(id);
                Instant created = Times.parse(config.created());
                if (until != null && created != null && created.isAfter(until)) {
                    continue;
                }
                Map<String, String> labels = config.config() == null ? null : config.config().labels();
                if (!pruneLabelsMatch(filters, labels)) {
                    continue;
                }
                candidates.add(id);
            }
            for (String id : candidates) {
                if (!store.exists(id)) {
                    continue;
                }
                List<String> refs = store.referencesTo(id);
                try {
                    if (!refs.isEmpty()) {
                        boolean hasTag = refs.stream().map(ImageRef::ofCanonical).anyMatch(r -> !r.digested());
                        if (!danglingOnly || !hasTag) {
                            for (String key : refs) {
                                deleted.addAll(removeLocked(ImageRef.ofCanonical(key).familiar(), false, true));
                            }
                        }
                    } else {
                        deleted.addAll(removeLocked(Digests.hex(id), false, true));
                    }
                } catch (EngineException e) {
                    LOG.debug("prune keeps {}: {}", id, e.getMessage());
                } catch (IOException e) {
                    throw EngineException.serverError("cannot prune images: " + e.getMessage(), e);
                }
            }
            for (DeleteItem item : deleted) {
                if (item.deleted() != null && layerSizes.containsKey(item.deleted())) {
                    reclaimed += layerSizes.get(item.deleted()).size();
                }
            }
        }
        events.publish("image", "prune", "", Map.of("reclaimed", Long.toString(reclaimed)));
        return new ImagePruneReport(deleted.isEmpty() ? null : deleted, reclaimed);
    }

    private static boolean pruneLabelsMatch(Map<String, List<String>> filters, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        List<String> must = filters.getOrDefault("label", List.of());
        List<String> mustNot = filters.getOrDefault("label!", List.of());
        if (!must.isEmpty() && !matchLabels(must, l)) {
            return false;
        }
        for (String f : mustNot) {
            if (matchLabels(List.of(f), l)) {
                return false;
            }
        }
        return true;
    }

    /** Every "key" or "key=value" matches (moby's MatchKVList). */
    static boolean matchLabels(List<String> filters, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq < 0) {
                if (!l.containsKey(f)) {
                    return false;
                }
            } else if (!f.substring(eq + 1).equals(l.get(f.substring(0, eq)))) {
                return false;
            }
        }
        return true;
    }

    /** moby's reference.FamiliarMatch: the glob against "name:tag", else against "name". */
    static boolean familiarMatch(String pattern, ImageRef ref) {
        Pattern glob = Pattern.compile(globToRegex(pattern));
        return glob.matcher(ref.familiar()).matches() || glob.matcher(ref.familiarName()).matches();
    }

    private static String globToRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> sb.append("[^/]*");
                case '?' -> sb.append("[^/]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        sb.append("\\[");
                    } else {
                        String cls = glob.substring(i + 1, end);
                        if (cls.startsWith("^")) {
                            cls = "\\^" + cls.substring(1);
                        }
                        sb.append('[').append(cls.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        sb.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return sb.toString();
    }

    // ---- storing images ------------------------------------------------------------------------------------------

    /** Opens the tar of layer {@code index} of an image being stored (any compression); called only when needed. */
    @FunctionalInterface
    public interface LayerOpener {
        InputStream open(int index, String diffId) throws IOException;
    }

    /**
     * Stores an image whose config is {@code configBytes}: each layer the store lacks is opened, its digest
     * checked against the config's diff IDs, unpacked and kept as a blob. Returns the image ID. The image has no
     * references yet.
     */
    public String storeImage(byte[] configBytes, String parentId, LayerOpener opener, ProgressWriter progress)
            throws IOException {
        ImageConfig config = ImageStore.parse(configBytes);
        List<String> diffIds = config.diffIds();
        for (String diffId : diffIds) {
            if (!Digests.valid(diffId)) {
                throw new UnsafeArchiveException("invalid diff ID in the image config: " + diffId);
            }
        }
        List<String> pinned = new ArrayList<>();
        synchronized (mutation) {
            pendingDiffIds.addAll(diffIds);
        }
        try {
            String chain = null;
            for (int i = 0; i < diffIds.size(); i++) {
                String diffId = diffIds.get(i);
                String next = Digests.chainId(chain, diffId);
                layers.pin(next);
                pinned.add(next);
                if (!layers.exists(next) || !blobs.has(diffId)) {
                    try (InputStream raw = opener.open(i, diffId)) {
                        storeLayer(chain, diffId, raw, progress, i);
                    }
                }
                chain = next;
            }
            synchronized (mutation) {
                return store.add(configBytes, parentId);
            }
        } finally {
            synchronized (mutation) {
                pendingDiffIds.removeAll(diffIds);
                for (String p : pinned) {
                    layers.unpin(p);
                }
            }
        }
    }

    private void storeLayer(String parentChain, String diffId, InputStream raw, ProgressWriter progress, int index)
            throws IOException {
        InputStream plain = Compression.decompressed(raw);
        try (ContentStore.BlobWriter blob = blobs.writer()) {
            InputStream tee = new TeeInputStream(plain, blob);
            String chain = Digests.chainId(parentChain, diffId);
            if (layers.exists(chain)) {
                tee.transferTo(OutputStream.nullOutputStream());
            } else {
                LayerInfo info = layers.create(parentChain, tee);
                if (!info.diffId().equals(diffId)) {
                    layers.removeIfUnused(info.chainId());
                    throw new UnsafeArchiveException("invalid diffID for layer " + index + ": expected \"" + diffId
                            + "\", got \"" + info.diffId() + "\"");
                }
            }
            blob.commit(diffId);
        } catch (ContentStore.DigestMismatchException e) {
            throw new UnsafeArchiveException("invalid diffID for layer " + index + ": " + e.getMessage());
        }
    }

    /** The config blob of an image exactly as stored (its digest is the image ID); for push. */
    public byte[] rawConfig(String id) throws IOException {
        return store.rawConfig(id);
    }

    /** Every tag of a repository ("busybox" → busybox:latest, busybox:1.36), for pushing a whole repository. */
    public List<ImageRef> tagsOf(ImageRef repository) {
        List<ImageRef> tags = new ArrayList<>();
        for (String key : store.references().keySet()) {
            ImageRef ref = ImageRef.ofCanonical(key);
            if (!ref.digested() && ref.name().equals(repository.name())) {
                tags.add(ref);
            }
        }
        return tags;
    }

    /** The image a reference points at, or null (no fallback to IDs). */
    public String lookup(ImageRef ref) {
        String id = store.lookup(ref.canonical());
        return id != null && store.exists(id) ? id : null;
    }

    /** Points a reference (tag or digest) at a stored image without an event (pulls report their own). */
    public void addReference(ImageRef ref, String id) throws IOException {
        synchronized (mutation) {
            if (!store.exists(id)) {
                throw EngineException.notFound("No such image: " + id);
            }
            store.addReference(ref.canonical(), id);
        }
    }

    /** Points a loaded tag at an image; says so when it took the tag from another image (moby's setLoadedTag). */
    void setLoadedTag(ImageRef ref, String id, ProgressWriter progress) throws IOException {
        synchronized (mutation) {
            String previous = store.lookup(ref.canonical());
            if (previous != null && !previous.equals(id)) {
                progress.stream("The image " + ref.familiar() + " already exists, renaming the old one with ID "
                        + previous + " to empty string\n");
            }
            store.addReference(ref.canonical(), id);
        }
    }

    void setParentIfKnown(String id, String parent) throws IOException {
        if (parent != null && !parent.isEmpty() && store.exists(parent) && !parent.equals(id)) {
            store.setParent(id, parent);
        }
    }

    // ---- load and save ---------------------------------------------------------------------------------------------

    /**
     * POST /images/load: loads a docker save archive (any layout, possibly compressed). Progress, "Loaded image: x"
     * lines and, after the response has started, failures go to {@code progress}; errors are also thrown.
     */
    public void load(InputStream archive, ProgressWriter progress) {
        try {
            new ImageArchiveLoader(this).load(archive, progress);
        } catch (UnsafeArchiveException e) {
            throw EngineException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw EngineException.serverError("cannot load the archive: " + e.getMessage(), e);
        }
    }

    /** The images a save will write; resolves every name first so a bad one is a plain 404 before any byte. */
    public SaveSet prepareSave(List<String> names) {
        return new SaveSet(new ImageArchiveWriter(this).select(names));
    }

    /** GET /images/get: streams the archive of {@link #prepareSave}. */
    public void save(SaveSet images, OutputStream out) throws IOException {
        new ImageArchiveWriter(this).write(images.selection(), out);
    }

    /** The resolved images of a save. */
    public record SaveSet(ImageArchiveWriter.Selection selection) {
    }

    // ---- import and commit -----------------------------------------------------------------------------------------

    /**
     * POST /images/create?fromSrc=-: a one-layer image from a root filesystem tar (any compression), config from
     * {@code changes}. Checks the parameters before reading the body; returns the image ID.
     */
    public String importImage(InputStream rootfsTar, String repo, String tag, String message, List<String> changes,
            ProgressWriter progress) {
        ImageRef ref = null;
        if (repo != null && !repo.isEmpty()) {
            ImageRef parsedRepo = ImageRef.parse(repo);
            if (parsedRepo.digested()) {
                throw EngineException.badRequest("cannot import digest reference");
            }
            ref = ImageRef.of(repo, tag);
        }
        ContainerConfig config = DockerfileChanges.apply(emptyConfig(), changes);
        String msg = message == null || message.isEmpty() ? "Imported from -" : message;
        try {
            String diffId;
            try (ContentStore.BlobWriter blob = blobs.writer()) {
                Compression.decompressed(rootfsTar).transferTo(blob);
                diffId = blob.commit(null);
            }
            String created = Times.now();
            ImageConfig image = new ImageConfig(architecture(), null, "linux", null, null, msg, config, null, null,
                    created, null, List.of(new ImageConfig.History(created, null, null, msg, null)),
                    new ImageConfig.RootFs("layers", List.of(diffId)));
            byte[] bytes = Json.MAPPER.writeValueAsBytes(image);
            String id = storeImage(bytes, null, (i, d) -> blobs.open(d), ProgressWriter.discard());
            if (ref != null) {
                synchronized (mutation) {
                    tagInternal(id, ref);
                }
            }
            progress.status(id);
            publish("import", id, id);
            return id;
        } catch (UnsafeArchiveException e) {
            throw EngineException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw EngineException.serverError("cannot import the image: " + e.getMessage(), e);
        }
    }

    /** Creates an image from a container's writable layer (moby's CommitImage); returns the new image ID. */
    public String commit(CommitSpec spec) {
        return commit(spec, null, null);
    }

    /**
     * As {@link #commit(CommitSpec)}, emitting the container "commit" event with the container's name and labels.
     */
    public String commit(CommitSpec spec, String containerName, Map<String, String> containerLabels) {
        ImageRef ref = null;
        if (spec.repo() != null && !spec.repo().isEmpty()) {
            ref = ImageRef.of(spec.repo(), spec.tag());
            if (ref.digested()) {
                throw EngineException.badRequest("refusing to create a tag with a digest reference");
            }
        }
        ContainerConfig containerConfig = spec.containerConfig() == null ? emptyConfig() : spec.containerConfig();
        ContainerConfig newConfig = merge(DockerfileChanges.apply(containerConfig, spec.changes()), containerConfig);
        ImageConfig parent = null;
        if (spec.parentImageId() != null && !spec.parentImageId().isEmpty()) {
            if (!store.exists(spec.parentImageId())) {
                throw EngineException.notFound("No such image: " + spec.parentImageId());
            }
            parent = store.config(spec.parentImageId());
        }
        try {
            String diffId;
            try (ContentStore.BlobWriter blob = blobs.writer()) {
                filesystems.exportDiff(spec.containerId(), blob);
                diffId = blob.commit(null);
            }
            boolean empty = EMPTY_LAYER.equals(diffId);
            List<String> diffIds = new ArrayList<>(parent == null ? List.of() : parent.diffIds());
            if (!empty) {
                diffIds.add(diffId);
            }
            String created = Times.now();
            List<ImageConfig.History> history = new ArrayList<>(parent == null ? List.of() : parent.historyOrEmpty());
            String createdBy = containerConfig.cmd() == null ? "" : String.join(" ", containerConfig.cmd());
            history.add(new ImageConfig.History(created, createdBy, emptyToNull(spec.author()), emptyToNull(spec.comment()),
                    empty ? Boolean.TRUE : null));
            ImageConfig image = new ImageConfig(
                    parent != null && parent.architecture() != null ? parent.architecture() : architecture(),
                    parent == null ? null : parent.variant(), "linux", parent == null ? null : parent.osVersion(),
                    emptyToNull(spec.author()), null, newConfig, spec.containerId(), containerConfig, created, null,
                    history, new ImageConfig.RootFs("layers", diffIds));
            byte[] bytes = Json.MAPPER.writeValueAsBytes(image);
            String id = storeImage(bytes, emptyToNull(spec.parentImageId()), (i, d) -> blobs.open(d),
                    ProgressWriter.discard());
            if (empty) {
                synchronized (mutation) {
                    collectGarbage(List.of(diffId));
                }
            }
            String imageRef = "";
            if (ref != null) {
                synchronized (mutation) {
                    tagInternal(id, ref);
                }
                imageRef = ref.familiar();
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            if (containerLabels != null) {
                attrs.putAll(containerLabels);
            }
            attrs.put("comment", spec.comment() == null ? "" : spec.comment());
            attrs.put("imageID", id);
            attrs.put("imageRef", imageRef);
            if (containerConfig.image() != null) {
                attrs.put("image", containerConfig.image());
            }
            if (containerName != null) {
                attrs.put("name", containerName);
            }
            events.publish("container", "commit", spec.containerId(), attrs);
            return id;
        } catch (IOException e) {
            throw EngineException.serverError("cannot commit container " + spec.containerId() + ": " + e.getMessage(), e);
        }
    }

    /** moby's merge: what the new config leaves empty comes from the container's config. */
    static ContainerConfig merge(ContainerConfig user, ContainerConfig image) {
        ConfigBuilder u = ConfigBuilder.from(user);
        ConfigBuilder i = ConfigBuilder.from(image);
        if (u.user == null || u.user.isEmpty()) {
            u.user = i.user;
        }
        if (u.exposedPorts == null || u.exposedPorts.isEmpty()) {
            u.exposedPorts = i.exposedPorts;
        } else if (i.exposedPorts != null) {
            i.exposedPorts.forEach(u.exposedPorts::putIfAbsent);
        }
        if (u.env == null || u.env.isEmpty()) {
            u.env = i.env;
        } else if (i.env != null) {
            Set<String> keys = new HashSet<>();
            for (String e : u.env) {
                keys.add(e.split("=", 2)[0]);
            }
            for (String e : i.env) {
                if (!keys.contains(e.split("=", 2)[0])) {
                    u.env.add(e);
                }
            }
        }
        if (u.labels == null) {
            u.labels = new LinkedHashMap<>();
        }
        if (i.labels != null) {
            i.labels.forEach(u.labels::putIfAbsent);
        }
        if (u.entrypoint == null || u.entrypoint.isEmpty()) {
            if (u.cmd == null || u.cmd.isEmpty()) {
                u.cmd = i.cmd;
                u.argsEscaped = i.argsEscaped;
            }
            if (u.entrypoint == null) {
                u.entrypoint = i.entrypoint;
            }
        }
        if (u.workingDir == null || u.workingDir.isEmpty()) {
            u.workingDir = i.workingDir;
        }
        if (u.volumes == null || u.volumes.isEmpty()) {
            u.volumes = i.volumes;
        } else if (i.volumes != null) {
            u.volumes.putAll(i.volumes);
        }
        if (u.stopSignal == null || u.stopSignal.isEmpty()) {
            u.stopSignal = i.stopSignal;
        }
        if (u.healthcheck == null) {
            u.healthcheck = i.healthcheck;
        }
        return u.build();
    }

    /** The config Docker's import starts from: an empty container.Config. */
    private static ContainerConfig emptyConfig() {
        ConfigBuilder b = new ConfigBuilder();
        b.hostname = "";
        b.domainname = "";
        b.user = "";
        b.attachStdin = false;
        b.attachStdout = false;
        b.attachStderr = false;
        b.tty = false;
        b.openStdin = false;
        b.stdinOnce = false;
        b.image = "";
        b.workingDir = "";
        return b.build();
    }

    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "arm" -> "arm";
            case "x86", "i386", "i686" -> "386";
            default -> arch;
        };
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    // ---- events ----------------------------------------------------------------------------------------------------

    /** An image event with moby's attributes: the image's labels plus {@code name}. */
    public void publish(String action, String id, String name) {
        Map<String, String> attrs = new LinkedHashMap<>();
        if (store.exists(id)) {
            ImageConfig config = store.config(id);
            if (config.config() != null && config.config().labels() != null) {
                attrs.putAll(config.config().labels());
            }
        }
        attrs.put("name", name);
        events.publish("image", action, id, attrs);
    }

    private static boolean atLeast(String version, String other) {
        String[] a = version.split("\\.");
        String[] b = other.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    /** Copies what is read into a second stream (a blob being written while a layer is unpacked). */
    static final class TeeInputStream extends FilterInputStream {
        private final OutputStream copy;

        TeeInputStream(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                copy.write(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int read = read(buf, 0, buf.length);
            return Math.max(read, 0);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
