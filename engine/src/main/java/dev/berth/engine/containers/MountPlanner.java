package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.OciSpec;
import dev.berth.engine.volumes.VolumeService;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.Mount;
import dev.berth.remote.containers.MountPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A container's mounts, from everything {@code docker run} can ask for: {@code -v} binds and named volumes,
 * {@code --mount} bind/volume/tmpfs, {@code --tmpfs}, and the image's VOLUMEs (anonymous volumes). Checked at
 * create with Docker's messages; turned into OCI mounts at every start.
 */
final class MountPlanner {

    private static final Pattern VOLUME_NAME = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared", "rshared", "slave",
            "rslave");

    /** A volume the container mounts, and whether the image's content should seed it. */
    record VolumeUse(String name, String destination, boolean anonymous, boolean copy) {
    }

    /** What create decided. */
    record Plan(List<MountPoint> mounts, List<VolumeUse> volumes) {
    }

    private final VolumeService volumes;

    MountPlanner(VolumeService volumes) {
        this.volumes = volumes;
    }

    /** Parses and checks every mount request; creates no volume yet. */
    Plan plan(ContainerConfig config, HostConfig host) {
        Map<String, MountPoint> byDestination = new LinkedHashMap<>();
        List<VolumeUse> uses = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        if (host.binds() != null) {
            for (String bind : host.binds()) {
                parseBind(bind, byDestination, uses, taken);
            }
        }
        if (host.mounts() != null) {
            for (Mount m : host.mounts()) {
                parseMount(m, byDestination, uses, taken);
            }
        }
        if (host.tmpfs() != null) {
            for (String dest : host.tmpfs().keySet()) {
                String d = destination(dest, dest);
                if (!taken.add(d)) {
                    throw EngineException.badRequest("Duplicate mount point: " + d);
                }
            }
        }
        if (config.volumes() != null) {
            for (String dest : config.volumes().keySet()) {
                String d = destination(dest, dest);
                if (taken.contains(d)) {
                    continue; // a bind or named volume at an image VOLUME wins, as in Docker
                }
                taken.add(d);
                uses.add(new VolumeUse(null, d, true, true));
                byDestination.put(d, new MountPoint("volume", null, null, d, "local", "", true, ""));
            }
        }
        List<MountPoint> mounts = new ArrayList<>(byDestination.values());
        return new Plan(mounts, uses);
    }

    private void parseBind(String spec, Map<String, MountPoint> out, List<VolumeUse> uses, Set<String> taken) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw EngineException.badRequest("invalid volume specification: '" + spec + "'");
        }
        String source = parts[0];
        String dest = destination(parts[1], spec);
        String mode = parts.length == 3 ? parts[2] : "";
        boolean rw = true;
        boolean copy = true;
        String propagation = "";
        for (String option : mode.isEmpty() ? new String[0] : mode.split(",")) {
            switch (option) {
                case "ro" -> rw = false;
                case "rw" -> rw = true;
                case "z", "Z", "consistent", "cached", "delegated" -> {
                }
                case "nocopy" -> copy = false;
                default -> {
                    if (PROPAGATIONS.contains(option)) {
                        propagation = option;
                    } else {
                        throw EngineException.badRequest("invalid mode: " + option);
                    }
                }
            }
        }
        if (!taken.add(dest)) {
            throw EngineException.badRequest("Duplicate mount point: " + dest);
        }
        if (source.startsWith("/")) {
            out.put(dest, new MountPoint("bind", null, Path.of(source).normalize().toString(), dest, null, mode, rw,
                    propagation.isEmpty() ? "rprivate" : propagation));
            return;
        }
        checkVolumeName(source);
        uses.add(new VolumeUse(source, dest, false, copy));
        out.put(dest, new MountPoint("volume", source, null, dest, "local", mode, rw, ""));
    }

    private void parseMount(Mount m, Map<String, MountPoint> out, List<VolumeUse> uses, Set<String> taken) {
        String type = m.type() == null ? "" : m.type();
        if (m.target() == null || m.target().isEmpty()) {
            throw EngineException.badRequest("invalid mount config for type \"" + type + "\": field Target must not "
                    + "be empty");
        }
        String dest = destination(m.target(), m.target());
        boolean rw = !Boolean.TRUE.equals(m.readOnly());
        switch (type) {
            case "bind" -> {
                if (m.source() == null || m.source().isEmpty()) {
                    throw EngineException.badRequest("invalid mount config for type \"bind\": field Source must not "
                            + "be empty");
                }
                if (!m.source().startsWith("/")) {
                    throw EngineException.badRequest("invalid mount config for type \"bind\": invalid mount path: '"
                            + m.source() + "' mount path must be absolute");
                }
                if (!Files.exists(Path.of(m.source()))) {
                    throw EngineException.badRequest("invalid mount config for type \"bind\": bind source path does "
                            + "not exist: " + m.source());
                }
                String propagation = m.bindOptions() != null && m.bindOptions().propagation() != null
                        && !m.bindOptions().propagation().isEmpty() ? m.bindOptions().propagation() : "rprivate";
                if (!PROPAGATIONS.contains(propagation)) {
                    throw EngineException.badRequest("invalid mount config for type \"bind\": invalid propagation "
                            + "mode: " + propagation);
                }
                if (!taken.add(dest)) {
                    throw EngineException.badRequest("Duplicate mount point: " + dest);
                }
                out.put(dest, new MountPoint("bind", null, Path.of(m.source()).normalize().toString(), dest, null,
                        "", rw, propagation));
            }
            case "volume" -> {
                String name = m.source() == null ? "" : m.source();
                if (!name.isEmpty()) {
                    checkVolumeName(name);
                }
                boolean copy = m.volumeOptions() == null || !Boolean.TRUE.equals(m.volumeOptions().noCopy());
                if (!taken.add(dest)) {
                    throw EngineException.badRequest("Duplicate mount point: " + dest);
                }
                uses.add(new VolumeUse(name.isEmpty() ? null : name, dest, name.isEmpty(), copy));
                out.put(dest, new MountPoint("volume", name.isEmpty() ? null : name, null, dest, "local", "", rw,
                        ""));
            }
            case "tmpfs" -> {
                if (m.source() != null && !m.source().isEmpty()) {
                    throw EngineException.badRequest("invalid mount config for type \"tmpfs\": field Source must be "
                            + "empty");
                }
                if (!taken.add(dest)) {
                    throw EngineException.badRequest("Duplicate mount point: " + dest);
                }
                out.put(dest, new MountPoint("tmpfs", null, "", dest, null, "", rw, ""));
            }
            default -> throw EngineException.badRequest("mount type unknown: \"" + type + "\"; this engine supports "
                    + "bind, volume and tmpfs");
        }
    }

    private static String destination(String dest, String spec) {
        if (!dest.startsWith("/")) {
            throw EngineException.badRequest("invalid volume specification: '" + spec + "': invalid mount config "
                    + "for type \"bind\": invalid mount path: '" + dest + "' mount path must be absolute");
        }
        String d = Path.of(dest).normalize().toString();
        if (d.equals("/")) {
            throw EngineException.badRequest("invalid volume specification: '" + spec + "': invalid mount config: "
                    + "destination can't be '/'");
        }
        return d;
    }

    private static void checkVolumeName(String name) {
        if (!VOLUME_NAME.matcher(name).matches()) {
            throw EngineException.badRequest("create " + name + ": \"" + name + "\" includes invalid characters for a "
                    + "local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a "
                    + "host directory, use absolute path");
        }
    }

    /**
     * Creates the volumes (named ones may exist already) and fills in their names and host paths. Returns the
     * mount points as inspect shows them and the names of the anonymous volumes made.
     */
    List<MountPoint> createVolumes(Plan plan, List<String> anonymousOut, Map<String, String> labels) {
        Map<String, String> names = new LinkedHashMap<>();
        for (VolumeUse use : plan.volumes()) {
            String name = use.anonymous()
                    ? volumes.create(null, "local", Map.of(), Map.of()).name()
                    : volumes.create(use.name(), "local", Map.of(), Map.of()).name();
            if (use.anonymous()) {
                anonymousOut.add(name);
            }
            names.put(use.destination(), name);
        }
        List<MountPoint> out = new ArrayList<>();
        for (MountPoint m : plan.mounts()) {
            if ("volume".equals(m.type())) {
                String name = names.get(m.destination());
                out.add(new MountPoint("volume", name, volumes.dataDir(name).toString(), m.destination(), "local",
                        m.mode(), m.rw(), m.propagation()));
            } else {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(MountPoint::destination));
        return out;
    }

    /**
     * Seeds each volume that allows it with what the image has at its mount point, as Docker does on first use
     * (the volume service copies only into an empty volume).
     */
    void seed(Plan plan, List<MountPoint> mounts, Path rootfs) {
        for (VolumeUse use : plan.volumes()) {
            if (!use.copy()) {
                continue;
            }
            String name = mounts.stream().filter(m -> m.destination().equals(use.destination())).findFirst()
                    .map(MountPoint::name).orElse(null);
            if (name == null) {
                continue;
            }
            try {
                Path source = dev.berth.engine.runtime.RootfsPath.resolve(rootfs, use.destination());
                if (Files.isDirectory(source) && isEmpty(volumes.dataDir(name))) {
                    volumes.seedFrom(name, source);
                }
            } catch (IOException e) {
                throw EngineException.serverError("cannot copy the image's " + use.destination() + " into volume "
                        + name + ": " + e.getMessage(), e);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** The OCI mounts for a start: binds and volumes as they were planned, tmpfs mounts from the host config. */
    List<OciSpec.Mount> ociMounts(List<MountPoint> mounts, HostConfig host) {
        List<OciSpec.Mount> out = new ArrayList<>();
        for (MountPoint m : mounts) {
            switch (m.type()) {
                case "bind" -> {
                    Path source = Path.of(m.source());
                    if (!Files.exists(source)) {
                        // -v creates a missing host directory, as Docker's legacy binds do
                        try {
                            Files.createDirectories(source);
                        } catch (IOException e) {
                            throw EngineException.badRequest("error while creating mount source path '" + source
                                    + "': " + e.getMessage());
                        }
                    }
                    List<String> options = new ArrayList<>(List.of("rbind", m.propagation() == null
                            || m.propagation().isEmpty() ? "rprivate" : m.propagation()));
                    if (Boolean.FALSE.equals(m.rw())) {
                        options.add("ro");
                    }
                    out.add(new OciSpec.Mount(m.destination(), "bind", source.toString(), options));
                }
                case "volume" -> {
                    List<String> options = new ArrayList<>(List.of("rbind", "rprivate"));
                    if (Boolean.FALSE.equals(m.rw())) {
                        options.add("ro");
                    }
                    out.add(new OciSpec.Mount(m.destination(), "bind", volumes.dataDir(m.name()).toString(),
                            options));
                }
                case "tmpfs" -> {
                    Mount requested = host.mounts() == null ? null : host.mounts().stream()
                            .filter(x -> "tmpfs".equals(x.type()) && m.destination().equals(
                                    Path.of(x.target()).normalize().toString())).findFirst().orElse(null);
                    List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
                    if (requested != null && requested.tmpfsOptions() != null) {
                        Mount.TmpfsOptions t = requested.tmpfsOptions();
                        if (t.sizeBytes() != null && t.sizeBytes() > 0) {
                            options.add("size=" + t.sizeBytes());
                        }
                        if (t.mode() != null && t.mode() > 0) {
                            options.add("mode=" + Integer.toOctalString(t.mode()));
                        }
                    }
                    if (Boolean.FALSE.equals(m.rw())) {
                        options.add("ro");
                    }
                    out.add(new OciSpec.Mount(m.destination(), "tmpfs", "tmpfs", options));
                }
                default -> {
                }
            }
        }
        if (host.tmpfs() != null) {
            for (Map.Entry<String, String> t : host.tmpfs().entrySet()) {
                List<String> options = new ArrayList<>(List.of("noexec", "nosuid", "nodev", "rprivate"));
                String data = t.getValue() == null ? "" : t.getValue().trim();
                if (!data.isEmpty()) {
                    // later options win (runc applies them in order), so the user's "exec" undoes "noexec"
                    options.addAll(List.of(data.split(",")));
                }
                out.add(new OciSpec.Mount(Path.of(t.getKey()).normalize().toString(), "tmpfs", "tmpfs", options));
            }
        }
        return out;
    }
}
