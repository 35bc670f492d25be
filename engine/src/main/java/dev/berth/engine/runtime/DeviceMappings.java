package dev.berth.engine.runtime;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Host device nodes as the OCI spec wants them: {@code --device} (a node, or every node under a directory, as moby's
 * DevicesFromPath), {@code --device-cgroup-rule}, and all of /dev for privileged containers (HostDevices).
 */
final class DeviceMappings {

    private static final Pattern RULE = Pattern.compile("^([acb]) ([0-9]+|\\*):([0-9]+|\\*) ([rwm]{1,3})$");
    private static final Pattern PERMISSIONS = Pattern.compile("^[rwm]{1,3}$");

    /** Devices to create in the container and the cgroup rules that allow them. */
    record Mapped(List<OciSpec.Device> devices, List<OciSpec.DeviceRule> rules) {
    }

    private DeviceMappings() {
    }

    /** {@code --device} and {@code --device-cgroup-rule}, with moby's messages for what cannot be used. */
    static Mapped of(Resources r) {
        List<OciSpec.Device> devices = new ArrayList<>();
        List<OciSpec.DeviceRule> rules = new ArrayList<>();
        if (r == null) {
            return new Mapped(devices, rules);
        }
        if (r.devices() != null) {
            for (Resources.DeviceMapping m : r.devices()) {
                map(m, devices, rules);
            }
        }
        if (r.deviceCgroupRules() != null) {
            for (String rule : r.deviceCgroupRules()) {
                rules.add(rule(rule));
            }
        }
        return new Mapped(devices, rules);
    }

    private static void map(Resources.DeviceMapping m, List<OciSpec.Device> devices,
            List<OciSpec.DeviceRule> rules) {
        String onHost = m.pathOnHost();
        String inContainer = m.pathInContainer() == null || m.pathInContainer().isEmpty() ? onHost
                : m.pathInContainer();
        String access = m.cgroupPermissions() == null || m.cgroupPermissions().isEmpty() ? "rwm"
                : m.cgroupPermissions();
        if (!PERMISSIONS.matcher(access).matches()) {
            throw EngineException.badRequest("invalid device mode: " + access);
        }
        Path host;
        try {
            host = Path.of(onHost).toRealPath();
        } catch (NoSuchFileException e) {
            throw gathering(onHost, "no such file or directory");
        } catch (IOException | RuntimeException e) {
            throw gathering(onHost, e.getMessage());
        }
        Optional<OciSpec.Device> single = node(host, inContainer);
        if (single.isPresent()) {
            add(single.get(), access, devices, rules);
            return;
        }
        if (!Files.isDirectory(host)) {
            throw gathering(onHost, "not a device node");
        }
        // a directory: every device node under it, at the same place under the container path
        try (Stream<Path> walk = Files.walk(host)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String target = inContainer + "/" + host.relativize(p);
                node(p, target).ifPresent(d -> add(d, access, devices, rules));
            }
        } catch (IOException e) {
            throw gathering(onHost, e.getMessage());
        }
    }

    private static void add(OciSpec.Device d, String access, List<OciSpec.Device> devices,
            List<OciSpec.DeviceRule> rules) {
        devices.add(d);
        rules.add(new OciSpec.DeviceRule(true, d.type(), d.major(), d.minor(), access));
    }

    private static EngineException gathering(String path, String why) {
        return EngineException.badRequest("error gathering device information while adding custom device \""
                + path + "\": " + why);
    }

    /** {@code --device-cgroup-rule 'c 1:3 mr'}; * for any major or minor. */
    static OciSpec.DeviceRule rule(String rule) {
        Matcher m = RULE.matcher(rule.trim());
        if (!m.matches()) {
            throw EngineException.badRequest("invalid device cgroup format '" + rule + "'");
        }
        Long major = m.group(2).equals("*") ? null : Long.valueOf(m.group(2));
        Long minor = m.group(3).equals("*") ? null : Long.valueOf(m.group(3));
        return new OciSpec.DeviceRule(true, m.group(1), major, minor, m.group(4));
    }

    /** Every device node of the host's /dev, for privileged containers (moby's HostDevices). */
    static List<OciSpec.Device> hostDevices() {
        List<OciSpec.Device> devices = new ArrayList<>();
        Path dev = Path.of("/dev");
        try (Stream<Path> walk = Files.walk(dev)) {
            walk.forEach(p -> {
                String rel = dev.relativize(p).toString();
                if (rel.startsWith("pts") || rel.startsWith("shm") || rel.startsWith("mqueue") || rel.equals("console")
                        || rel.equals("ptmx") || Files.isSymbolicLink(p)) {
                    return;
                }
                node(p, p.toString()).ifPresent(devices::add);
            });
        } catch (IOException e) {
            return devices;
        }
        return devices;
    }

    /** The character or block device at {@code host}, to appear at {@code target}; empty for anything else. */
    private static Optional<OciSpec.Device> node(Path host, String target) {
        try {
            int mode = (Integer) Files.getAttribute(host, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int type = mode & 0170000;
            String kind = type == 0020000 ? "c" : type == 0060000 ? "b" : null;
            if (kind == null) {
                return Optional.empty();
            }
            long rdev = (Long) Files.getAttribute(host, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            int uid = (Integer) Files.getAttribute(host, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int gid = (Integer) Files.getAttribute(host, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new OciSpec.Device(target, kind, major, minor, mode & 07777, (long) uid, (long) gid));
        } catch (IOException | UnsupportedOperationException | ClassCastException e) {
            return Optional.empty(); // vanished or unreadable: not passed through
        }
    }
}
