package dev.berth.engine.volumes;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.storage.DirectoryTrees;
import dev.berth.remote.client.Json;
import dev.berth.remote.volumes.Volume;
import dev.berth.remote.volumes.VolumePruneReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Volumes of the local driver, laid out as Docker lays them out: {@code <data-root>/volumes/<name>/_data}, with
 * the volume's record ({@link VolumeMetadata}) next to it. Names, errors, filters, prune scope and events follow
 * dockerd.
 *
 * <p>Who uses a volume is the containers' business ({@link VolumeUsers}); which containers have it mounted right
 * now is tracked here ({@link #mounted}), because a volume with driver options is only mounted while in use.
 */
public final class VolumeService {

    public static final String DRIVER = "local";
    /** Set on volumes created without a name; prune (API 1.42+) removes only these unless asked for all. */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

    private static final Logger LOG = LoggerFactory.getLogger(VolumeService.class);
    private static final String DATA = "_data";
    private static final String RECORD = "volume.json";
    /** Removed volumes are renamed to this prefix first (a name cannot start with '.'), then deleted. */
    private static final String REMOVING = ".removing-";
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final EngineDirs dirs;
    private final EventBus events;
    /** Guarded by {@code this}: the volumes by name. */
    private final Map<String, VolumeMetadata> volumes = new HashMap<>();
    /** Guarded by {@code this}: containers that have a volume mounted now (name → container IDs). */
    private final Map<String, Set<String>> mounts = new HashMap<>();
    /** Guarded by {@code this}: volumes with driver options whose device is mounted on _data. */
    private final Set<String> deviceMounted = new java.util.HashSet<>();
    /** Serializes the slow work on one volume (seeding, mounting) without blocking the others. */
    private final Map<String, Object> volumeLocks = new ConcurrentHashMap<>();
    private final AtomicBoolean pruneRunning = new AtomicBoolean();
    private volatile VolumeUsers users = name -> List.of();

    public VolumeService(EngineDirs dirs, EventBus events) {
        this.dirs = dirs;
        this.events = events;
        load();
    }

    public void setVolumeUsers(VolumeUsers users) {
        this.users = users == null ? name -> List.of() : users;
    }

    // ---- create, inspect, list ------------------------------------------------------------------------------

    /**
     * Creates a volume, or returns the existing one of that name unchanged (as Docker does, labels and options of
     * the request ignored). A null or empty name makes an anonymous volume: 64 hex characters and the
     * {@value #ANONYMOUS_LABEL} label.
     */
    public Volume create(String name, String driver, Map<String, String> labels, Map<String, String> options) {
        boolean anonymous = name == null || name.isEmpty();
        String volumeName = anonymous ? VolumeNames.random() : name;
        if (driver != null && !driver.isEmpty() && !DRIVER.equals(driver)) {
            throw EngineException.notFound("create " + volumeName + ": error looking up volume plugin " + driver
                    + ": plugin \"" + driver + "\" not found");
        }
        Map<String, String> volumeLabels = new LinkedHashMap<>(labels == null ? Map.of() : labels);
        if (anonymous) {
            volumeLabels.put(ANONYMOUS_LABEL, "");
        }
        VolumeMetadata volume;
        synchronized (this) {
            volume = volumes.get(volumeName);
            if (volume == null) {
                VolumeNames.check(volumeName);
                LocalDriverOptions.check(volumeName, options);
                volume = new VolumeMetadata(volumeName, DRIVER, RFC3339.format(Instant.now()
                        .truncatedTo(ChronoUnit.SECONDS).atZone(ZoneId.systemDefault())),
                        nullIfEmpty(volumeLabels), nullIfEmpty(options));
                store(volume);
                volumes.put(volumeName, volume);
                LOG.debug("created volume {}", volumeName);
            }
        }
        // Docker reports create for an existing name too.
        events.publish("volume", "create", volumeName, Map.of("driver", DRIVER));
        return toApi(volume);
    }

    /** The volume, or 404 "get NAME: no such volume". */
    public Volume inspect(String name) {
        return toApi(get(name));
    }

    /** Whether a volume of that name exists. */
    public synchronized boolean exists(String name) {
        return volumes.containsKey(name);
    }

    /** The volumes {@code filters} keep (name, label, dangling, driver), by name. */
    public List<Volume> list(Map<String, List<String>> filters) {
        Predicate<VolumeMetadata> keep = VolumeFilters.forList(filters == null ? Map.of() : filters, this::inUse);
        List<Volume> out = new ArrayList<>();
        for (VolumeMetadata v : snapshot()) {
            if (keep.test(v)) {
                out.add(toApi(v));
            }
        }
        return out;
    }

    /** Where the volume's content lives on the host: {@code <volumes>/<name>/_data}; 404 for an unknown name. */
    public Path dataDir(String name) {
        return dataDirOf(get(name).name());
    }

    // ---- use by containers ----------------------------------------------------------------------------------

    /**
     * Copies an image's content at {@code sourceDir} into the volume, as Docker does the first time a volume is
     * mounted over a non-empty path of the image. Does nothing when the volume already has content (so it is safe
     * to call on every start) or when {@code sourceDir} is not a directory. {@code sourceDir} must already be
     * resolved inside the container's rootfs; it is read without following any symlink.
     * A volume with driver options is only seeded while mounted (call {@link #mounted} first), as the device would
     * hide a copy made underneath it.
     */
    public void seedFrom(String name, Path sourceDir) {
        Path data = dataDir(name);
        if (!Files.isDirectory(sourceDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        synchronized (lockFor(name)) {
            try {
                if (!isEmptyDir(data)) {
                    return;
                }
                if (get(name).needsMount() && !isDeviceMounted(name)) {
                    // The device mounted on first use would hide the copy; Docker copies after mounting.
                    LOG.debug("not seeding volume {} before its device is mounted", name);
                    return;
                }
                VolumeSeeder.copy(sourceDir, data);
                LOG.debug("seeded volume {} from {}", name, sourceDir);
            } catch (IOException e) {
                throw EngineException.serverError("cannot copy the image's content of " + sourceDir
                        + " into volume " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** {@link #mounted(String, String, String, boolean, String)} without the mount's details in the event. */
    public void mounted(String name, String containerId) {
        mountVolume(name, containerId, Map.of("driver", DRIVER, "container", containerId));
    }

    /**
     * A container is about to use the volume (call before binding {@link #dataDir} into it): mounts the device of
     * a volume created with driver options on first use, and emits Docker's volume mount event. Idempotent per
     * container.
     */
    public void mounted(String name, String containerId, String destination, boolean readWrite,
            String propagation) {
        mountVolume(name, containerId, Map.of("driver", DRIVER, "container", containerId,
                "destination", destination == null ? "" : destination, "read/write", String.valueOf(readWrite),
                "propagation", propagation == null ? "" : propagation));
    }

    private void mountVolume(String name, String containerId, Map<String, String> attributes) {
        use(name, containerId);
        events.publish("volume", "mount", name, attributes);
    }

    /**
     * The volume's data directory for a short copy ({@code docker cp} on a container that is not running), its
     * device mounted meanwhile if it has one; no events, as in Docker. Pair with {@link #returnData}.
     */
    public Path borrowData(String name, String holder) {
        use(name, holder);
        return dataDirOf(name);
    }

    public void returnData(String name, String holder) {
        release(name, holder);
    }

    private void use(String name, String holder) {
        VolumeMetadata volume = get(name);
        synchronized (lockFor(name)) {
            boolean mountDevice;
            synchronized (this) {
                mountDevice = volume.needsMount() && !deviceMounted.contains(name);
            }
            Path data = dataDirOf(name);
            if (mountDevice && !LocalDriverOptions.isMountPoint(data)) {
                LocalDriverOptions.mount(name, volume.options(), data);
            }
            synchronized (this) {
                if (volume.needsMount()) {
                    deviceMounted.add(name);
                }
                mounts.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(holder);
            }
        }
    }

    /** Whether the holder was using the volume; the last one out unmounts a volume's device. */
    private boolean release(String name, String holder) {
        boolean unmountDevice;
        synchronized (lockFor(name)) {
            synchronized (this) {
                Set<String> refs = mounts.get(name);
                if (refs == null || !refs.remove(holder)) {
                    return false;
                }
                if (refs.isEmpty()) {
                    mounts.remove(name);
                }
                unmountDevice = refs.isEmpty() && deviceMounted.remove(name);
            }
            if (unmountDevice) {
                LocalDriverOptions.unmount(dataDirOf(name));
            }
        }
        return true;
    }

    /**
     * The container no longer uses the volume (it stopped or is being removed): the last one out unmounts a
     * volume's device. Idempotent; unknown names are ignored.
     */
    public void unmounted(String name, String containerId) {
        if (release(name, containerId)) {
            events.publish("volume", "unmount", name, Map.of("driver", DRIVER, "container", containerId));
        }
    }

    // ---- remove, prune --------------------------------------------------------------------------------------

    /**
     * Removes the volume and its content. 404 when it does not exist (nothing with {@code force}); 409 "remove
     * NAME: volume is in use - [IDs]" while a container references it, with or without {@code force}, as Docker.
     */
    public void remove(String name, boolean force) {
        if (!exists(name)) {
            if (force) {
                return;
            }
            throw noSuchVolume(name);
        }
        // Asked before taking any lock of ours: the containers service may hold its own lock while calling us.
        Set<String> refs = new LinkedHashSet<>(users.containersUsing(name));
        Path trash;
        synchronized (lockFor(name)) {
            synchronized (this) {
                VolumeMetadata volume = volumes.get(name);
                if (volume == null) { // removed meanwhile
                    if (force) {
                        return;
                    }
                    throw noSuchVolume(name);
                }
                refs.addAll(mounts.getOrDefault(name, Set.of()));
                if (!refs.isEmpty()) {
                    throw EngineException.conflict("remove " + name + ": volume is in use - ["
                            + String.join(", ", refs) + "]");
                }
                Path data = dataDirOf(name);
                if (deviceMounted.remove(name) || volume.needsMount() && LocalDriverOptions.isMountPoint(data)) {
                    LocalDriverOptions.unmount(data);
                }
                trash = dirs.volumes().resolve(REMOVING + name + "-" + VolumeNames.random().substring(0, 8));
                try {
                    Files.move(dirs.volumes().resolve(name), trash, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw EngineException.serverError("remove " + name + ": " + e.getMessage(), e);
                }
                volumes.remove(name);
            }
        }
        DirectoryTrees.deleteQuietly(trash);
        events.publish("volume", "destroy", name, Map.of("driver", DRIVER));
    }

    /**
     * Removes the volumes no container uses, among those the filters keep (label, label!, all). Without
     * {@code all=true} only anonymous volumes (API 1.42+ semantics; the routes add {@code all=true} for older
     * API versions). Volumes with driver options are never pruned (there is no space to reclaim), as in Docker.
     */
    public VolumePruneReport prune(Map<String, List<String>> filters) {
        if (!pruneRunning.compareAndSet(false, true)) {
            throw EngineException.conflict("a prune operation is already running");
        }
        try {
            Map<String, List<String>> f = filters == null ? Map.of() : filters;
            VolumeFilters.accept(f, VolumeFilters.PRUNE);
            boolean all = pruneAll(f.get("all"));
            Predicate<VolumeMetadata> keep = VolumeFilters.labels(f);
            List<String> deleted = new ArrayList<>();
            long reclaimed = 0;
            for (VolumeMetadata v : snapshot()) {
                boolean anonymous = v.labels() != null && v.labels().containsKey(ANONYMOUS_LABEL);
                if (v.options() != null || !(all || anonymous) || !keep.test(v) || inUse(v.name())) {
                    continue;
                }
                long size = sizeOf(v.name());
                try {
                    remove(v.name(), false);
                } catch (EngineException e) {
                    LOG.warn("prune: not removing volume {}: {}", v.name(), e.getMessage());
                    continue;
                }
                deleted.add(v.name());
                reclaimed += Math.max(size, 0);
            }
            events.publish("volume", "prune", "", Map.of("reclaimed", String.valueOf(reclaimed)));
            return new VolumePruneReport(deleted, reclaimed);
        } finally {
            pruneRunning.set(false);
        }
    }

    /** Docker's withPrune: at most one value, parsed as Go's strconv.ParseBool. */
    private static boolean pruneAll(List<String> values) {
        if (values == null || values.isEmpty()) {
            return false;
        }
        if (values.size() > 1) {
            throw EngineException.badRequest("invalid filter 'all=[" + String.join(" ", values)
                    + "]': only one value is expected");
        }
        return switch (values.get(0)) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw EngineException.badRequest("invalid filter 'all': strconv.ParseBool: parsing \""
                    + values.get(0) + "\": invalid syntax");
        };
    }

    // ---- disk usage -----------------------------------------------------------------------------------------

    /** Bytes in the volume's content (hard links once, symlinks not followed); -1 when it cannot be read. */
    public long sizeOf(String name) {
        Path data = dataDir(name);
        try {
            return DirectoryTrees.size(data);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot determine the size of volume {}: {}", name, e.getMessage());
            return -1;
        }
    }

    /**
     * The volumes for {@code /system/df}: each with UsageData (size, number of containers referencing it). Like
     * Docker, volumes with driver options are left out (their data is not local).
     */
    public List<Volume> diskUsage() {
        List<Volume> out = new ArrayList<>();
        for (VolumeMetadata v : snapshot()) {
            if (v.options() != null) {
                continue;
            }
            Volume api = toApi(v);
            long refs = users.containersUsing(v.name()).size();
            out.add(new Volume(api.name(), api.driver(), api.mountpoint(), api.createdAt(), api.status(),
                    api.labels(), api.scope(), api.options(), new Volume.UsageData(sizeOf(v.name()), refs)));
        }
        return out;
    }

    // ---- internals ------------------------------------------------------------------------------------------

    private synchronized VolumeMetadata get(String name) {
        VolumeMetadata v = volumes.get(name);
        if (v == null) {
            throw noSuchVolume(name);
        }
        return v;
    }

    private static EngineException noSuchVolume(String name) {
        return EngineException.notFound("get " + name + ": no such volume");
    }

    private synchronized List<VolumeMetadata> snapshot() {
        List<VolumeMetadata> all = new ArrayList<>(volumes.values());
        all.sort(Comparator.comparing(VolumeMetadata::name));
        return all;
    }

    private boolean inUse(String name) {
        synchronized (this) {
            Set<String> refs = mounts.get(name);
            if (refs != null && !refs.isEmpty()) {
                return true;
            }
        }
        return !users.containersUsing(name).isEmpty();
    }

    private synchronized boolean isDeviceMounted(String name) {
        return deviceMounted.contains(name);
    }

    private Object lockFor(String name) {
        return volumeLocks.computeIfAbsent(name, k -> new Object());
    }

    private Path dataDirOf(String name) {
        return dirs.volumes().resolve(name).resolve(DATA);
    }

    private Volume toApi(VolumeMetadata v) {
        return new Volume(v.name(), v.driver(), dataDirOf(v.name()).toString(), v.createdAt(), null,
                v.labels() == null ? null : new LinkedHashMap<>(v.labels()), "local",
                v.options() == null ? null : new LinkedHashMap<>(v.options()), null);
    }

    private static Map<String, String> nullIfEmpty(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : Map.copyOf(new LinkedHashMap<>(map));
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Writes the record next to _data: temp file, fsync, rename, so a crash leaves the old or the new one. */
    private void store(VolumeMetadata volume) {
        Path dir = dirs.volumes().resolve(volume.name());
        try {
            Files.createDirectories(dir);
            Path data = dir.resolve(DATA);
            if (!Files.isDirectory(data, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(data);
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Path tmp = dir.resolve(RECORD + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(volume)));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw EngineException.serverError("create " + volume.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads every volume back at startup. A directory with {@code _data} but no record (a crash between the two,
     * or a tree copied from Docker) becomes a volume with a fresh record; half-removed volumes are finished off.
     */
    private void load() {
        Path root = dirs.volumes();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path dir : entries) {
                String name = dir.getFileName().toString();
                if (name.startsWith(REMOVING)) {
                    DirectoryTrees.deleteQuietly(dir);
                } else if (VolumeNames.isValid(name) && Files.isDirectory(dir.resolve(DATA), LinkOption.NOFOLLOW_LINKS)) {
                    VolumeMetadata volume = read(dir, name);
                    volumes.put(name, volume);
                    if (volume.needsMount() && LocalDriverOptions.isMountPoint(dir.resolve(DATA))) {
                        // Still mounted from before a restart; the containers re-register as they are adopted.
                        deviceMounted.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the volumes under " + root + ": " + e.getMessage(), e);
        }
        LOG.debug("{} volumes", volumes.size());
    }

    private VolumeMetadata read(Path dir, String name) throws IOException {
        Path record = dir.resolve(RECORD);
        if (Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            try {
                VolumeMetadata v = Json.MAPPER.readValue(record.toFile(), VolumeMetadata.class);
                if (name.equals(v.name())) {
                    return v;
                }
                LOG.warn("volume record {} names {}; using the directory name", record, v.name());
                return new VolumeMetadata(name, DRIVER, v.createdAt(), v.labels(), v.options());
            } catch (IOException e) {
                LOG.warn("unreadable volume record {} ({}); recreating it", record, e.getMessage());
            }
        }
        Instant created = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        VolumeMetadata v = new VolumeMetadata(name, DRIVER, RFC3339.format(created.truncatedTo(ChronoUnit.SECONDS)
                .atZone(ZoneId.systemDefault())), null, null);
        store(v);
        return v;
    }

}
