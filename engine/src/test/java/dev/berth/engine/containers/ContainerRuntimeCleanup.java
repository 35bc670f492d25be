package dev.berth.engine.containers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes test directories (never following symlinks out of them). */
final class ContainerRuntimeCleanup {

    private ContainerRuntimeCleanup() {
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left behind in the temp dir
                }
            });
        } catch (IOException e) {
            // left behind in the temp dir
        }
    }
}
