package dev.berth.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files moby's init layer puts under every container (daemon/initlayer): mount points for what the runtime
 * and the engine bind over the image. Keeping them in a layer of their own keeps them out of {@code docker diff}
 * and commits, and makes the bind mounts work on images that lack /etc or /dev.
 */
final class InitLayer {

    private InitLayer() {
    }

    static void populate(Path diff) throws IOException {
        for (String dir : new String[] {"dev/pts", "dev/shm", "proc", "sys"}) {
            mkdirs(diff, dir);
        }
        for (String file : new String[] {".dockerenv", "etc/resolv.conf", "etc/hosts", "etc/hostname", "dev/console"}) {
            Path p = diff.resolve(file);
            mkdirs(diff, parentOf(file));
            Files.createFile(p);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        mkdirs(diff, "etc");
        Files.createSymbolicLink(diff.resolve("etc/mtab"), Path.of("/proc/mounts"));
    }

    private static String parentOf(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    private static void mkdirs(Path base, String rel) throws IOException {
        Path current = base;
        for (String part : InRoot.components(rel)) {
            current = current.resolve(part);
            if (!Files.isDirectory(current)) {
                Files.createDirectory(current);
                Files.setPosixFilePermissions(current, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }
}
