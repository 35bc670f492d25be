package dev.berth.engine.containers;

import dev.berth.engine.runtime.RuntimeThreads;
import dev.berth.engine.storage.DirectoryTrees;
import dev.berth.remote.client.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Containers on disk: {@code <containers>/<id>/container.json}, written to a temp file, fsynced and renamed on
 * every change so a crash leaves either the old or the new document, never half of one. The same directory keeps
 * the container's log and its hostname, hosts and resolv.conf.
 */
final class ContainerStore {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStore.class);
    private static final String FILE = "container.json";
    /** Directories of removed containers on their way out; never container IDs (those are hex). */
    private static final String REMOVED_PREFIX = ".removed-";

    private final Path root;

    ContainerStore(Path root) {
        this.root = root;
    }

    Path dir(String id) {
        return root.resolve(id);
    }

    Path logFile(String id) {
        return dir(id).resolve(id + ".log");
    }

    void save(Container c) {
        Path dir = dir(c.id);
        try {
            Files.createDirectories(dir);
            byte[] bytes = Json.MAPPER.writeValueAsBytes(c);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save container " + c.id + ": " + e.getMessage(), e);
        }
    }

    List<Container> loadAll() {
        List<Container> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (dir.getFileName().toString().startsWith(REMOVED_PREFIX)) {
                    DirectoryTrees.deleteQuietly(dir); // a removal the engine did not finish before it stopped
                    continue;
                }
                Path file = dir.resolve(FILE);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try {
                    out.add(Json.MAPPER.readValue(file.toFile(), Container.class));
                } catch (IOException e) {
                    LOG.warn("skipping unreadable container state {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Removes the container's directory: renamed away at once (so it is gone, and never loaded again), its files
     * (logs can be large) deleted in the background.
     */
    void delete(String id) {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        Path doomed = root.resolve(REMOVED_PREFIX + id + "-" + UUID.randomUUID());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debug("cannot rename {} for removal: {}", dir, e.toString());
            DirectoryTrees.deleteQuietly(dir);
            return;
        }
        RuntimeThreads.IO.execute(() -> DirectoryTrees.deleteQuietly(doomed));
    }
}
