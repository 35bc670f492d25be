package dev.berth.engine.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

    @TempDir
    Path tmp;

    private Path tree(String name, int dirs, int filesPerDir) throws IOException {
        Path root = tmp.resolve(name);
        for (int d = 0; d < dirs; d++) {
            Path dir = Files.createDirectories(root.resolve("d" + d).resolve("inner"));
            for (int f = 0; f < filesPerDir; f++) {
                Files.writeString(dir.resolve("f" + f), "x".repeat(f));
            }
        }
        return root;
    }

    @Test
    void deletesTheTreeButNeverFollowsASymlinkOutOfIt() throws Exception {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep me");
        Path outsideDir = Files.createDirectories(tmp.resolve("outside-dir"));
        Files.writeString(outsideDir.resolve("also.txt"), "keep me too");
        Path root = tree("tree", 3, 4);
        Files.createSymbolicLink(root.resolve("d0/link-to-file"), outside);
        Files.createSymbolicLink(root.resolve("d1/link-to-dir"), outsideDir);

        DirectoryTrees.delete(root);

        assertFalse(Files.exists(root));
        assertEquals("keep me", Files.readString(outside));
        assertEquals("keep me too", Files.readString(outsideDir.resolve("also.txt")));
    }

    /** The engine deletes a removed container's files in the background while a shutdown may delete the same tree. */
    @Test
    void twoDeletionsOfOneTreeAtOnceBothSucceed() throws Exception {
        for (int round = 0; round < 5; round++) {
            Path root = tree("busy" + round, 40, 25);
            List<CompletableFuture<Void>> deletions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deletions.add(CompletableFuture.runAsync(() -> {
                    try {
                        DirectoryTrees.delete(root);
                    } catch (IOException e) {
                        throw new AssertionError("a concurrent deletion failed: " + e, e);
                    }
                }));
            }
            CompletableFuture.allOf(deletions.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertFalse(Files.exists(root));
        }
    }

    @Test
    void leavesAFilesystemMountedInsideAloneAndSaysSo() throws Exception {
        Path root = tree("with-mount", 2, 2);
        Path mountPoint = Files.createDirectories(root.resolve("d0/mnt"));
        Commands.run(List.of("mount", "-t", "tmpfs", "berth-test", mountPoint.toString()), Map.of(), null, 10)
                .requireSuccess("mount");
        try {
            Files.writeString(mountPoint.resolve("precious"), "on another filesystem");

            IOException failure = assertThrows(IOException.class, () -> DirectoryTrees.delete(root));

            assertTrue(failure.getMessage().contains("d0"), failure.getMessage());
            assertEquals("on another filesystem", Files.readString(mountPoint.resolve("precious")));
            assertFalse(Files.exists(root.resolve("d1")), "the rest of the tree still goes");
        } finally {
            Commands.run(List.of("umount", mountPoint.toString()), Map.of(), null, 10).requireSuccess("umount");
        }
        DirectoryTrees.delete(root);
        assertFalse(Files.exists(root));
    }
}
