package dev.berth.engine.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the engine keeps things. {@code dataRoot} survives reboots (images, layers, containers' config and logs,
 * volumes); {@code runRoot} is for runtime state that dies with the machine (runc state, conmon pid files, exit
 * files, FIFOs, attach sockets) and is kept short because Unix socket paths must fit in 108 bytes.
 */
public record EngineDirs(Path dataRoot, Path runRoot) {

    /** Default for root: /var/lib/berth and /run/berth, like /var/lib/docker and /run/docker. */
    public static EngineDirs defaults() {
        return new EngineDirs(Path.of("/var/lib/berth"), Path.of("/run/berth"));
    }

    /** Content-addressed blobs: {@code blobs/sha256/<hex>} (configs, manifests, original layer tars). */
    public Path blobs() {
        return dataRoot.resolve("blobs");
    }

    /** Overlay layers keyed by chain ID, with the short {@code l/} links; container layers live here too. */
    public Path overlay() {
        return dataRoot.resolve("overlay");
    }

    /** Image metadata: references (tags), per-image records. */
    public Path images() {
        return dataRoot.resolve("images");
    }

    /** One directory per container: its state JSON, hostname, hosts, resolv.conf, log, OCI bundle. */
    public Path containers() {
        return dataRoot.resolve("containers");
    }

    /** Named and anonymous volumes: {@code volumes/<name>/_data}, as Docker lays them out. */
    public Path volumes() {
        return dataRoot.resolve("volumes");
    }

    /** runc's {@code --root}: private to this engine so it never sees other engines' containers. */
    public Path runcRoot() {
        return runRoot.resolve("runc");
    }

    /** conmon's {@code --exit-dir}: one file per exited container, named by its ID, holding its exit code. */
    public Path exits() {
        return runRoot.resolve("exits");
    }

    /** Per-container runtime files (pid files, FIFOs, conmon's attach socket directory). */
    public Path runContainers() {
        return runRoot.resolve("c");
    }

    /** Creates every directory, root-only (0700/0710) so unprivileged users cannot reach container files. */
    public EngineDirs create() {
        try {
            for (Path dir : new Path[] {dataRoot, runRoot}) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x---"));
            }
            for (Path dir : new Path[] {blobs(), overlay(), images(), containers(), volumes(), runcRoot(), exits(),
                    runContainers()}) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the engine's directories under " + dataRoot + " and "
                    + runRoot + ": " + e.getMessage(), e);
        }
    }
}
