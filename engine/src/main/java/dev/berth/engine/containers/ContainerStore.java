package dev.berth.engine.containers;

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

    void delete(String id) {
        Path dir = dir(id);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
