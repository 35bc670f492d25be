package dev.berth.engine.compat;

import static dev.berth.engine.compat.BothEngines.berth;
import static dev.berth.engine.compat.BothEngines.onBoth;
import static dev.berth.engine.compat.BothEngines.quietly;
import static dev.berth.engine.compat.BothEngines.same;
import static dev.berth.engine.compat.BothEngines.sameFailure;
import static dev.berth.engine.compat.BothEngines.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** images, image inspect, history, tag, rmi, image prune, save, load, import — and a dockerd archive loads. */
class ImageCliTest {

    static final String IMAGE = Dockerd.BUSYBOX;

    @Test
    void listInspectAndHistory() {
        String images = berth().docker("images", "--format", "{{.Repository}}:{{.Tag}}").requireSuccess("images")
                .stdout();
        assertTrue(images.contains(IMAGE), images);
        same("image", "inspect", "-f", "{{.Os}} {{.Architecture}} {{.Config.Cmd}} {{.Config.Env}} {{len .RootFS.Layers}}",
                IMAGE);
        String history = berth().docker("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", IMAGE)
                .requireSuccess("history").stdout();
        assertTrue(history.lines().count() >= 1, history);
        sameFailure("No such image", "image", "inspect", "berth-test/absent:nope");
    }

    @Test
    void tagAndRemoveUntagThenDelete() {
        String tag = "berth-test/tagged-" + unique("t") + ":v1";
        onBoth("tag", IMAGE, tag);
        assertEquals(berth().docker("image", "inspect", "-f", "{{.Id}}", IMAGE).stdout(),
                berth().docker("image", "inspect", "-f", "{{.Id}}", tag).stdout());
        ProcessResult rmi = same("rmi", tag);
        assertTrue(rmi.stdout().startsWith("Untagged: " + tag), rmi.stdout());
        assertEquals(0, berth().docker("image", "inspect", IMAGE).exitCode(), "the original tag stays");
        sameFailure("No such image", "rmi", tag);
    }

    @Test
    void removingAnImageInUseIsAConflictUntilItsContainerGoes() {
        String source = unique("src");
        String user = unique("user");
        String tag = "berth-test/in-use-" + unique("u") + ":v1";
        try {
            onBoth("run", "--name", source, IMAGE, "touch", "/marker");
            onBoth("commit", source, tag);
            onBoth("create", "--name", user, tag, "true");
            sameFailure("must force", "rmi", tag);
            onBoth("rm", user);
            ProcessResult removed = berth().docker("rmi", tag).requireSuccess("rmi after rm");
            assertTrue(removed.stdout().contains("Untagged: " + tag) && removed.stdout().contains("Deleted: sha256:"),
                    removed.stdout());
        } finally {
            quietly("rm", "-f", source, user);
            quietly("rmi", "-f", tag);
            restoreBusybox();
        }
    }

    @Test
    void importWithChangesAndSaveLoadRoundTrip(@TempDir Path dir) throws Exception {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(Path.of(Commands.find("/bin/busybox", "/usr/bin/busybox")), rootfs.resolve("bin/busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/sh"), Path.of("busybox"));
        Files.createSymbolicLink(rootfs.resolve("bin/cat"), Path.of("busybox"));
        Path tar = dir.resolve("rootfs.tar");
        Commands.run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."), Map.of(), null, 60)
                .requireSuccess("tar");
        String imported = "berth-test/imported-" + unique("i") + ":v1";
        try {
            berth().docker("import", "--change", "CMD [\"sh\", \"-c\", \"echo $GREETING from $PWD\"]",
                    "--change", "ENV GREETING=hello", "--change", "WORKDIR /bin", tar.toString(), imported)
                    .requireSuccess("import");
            assertEquals("hello from /bin\n", berth().docker("run", "--rm", imported).stdout());

            Path saved = dir.resolve("saved.tar");
            berth().docker("save", "-o", saved.toString(), imported).requireSuccess("save");
            String id = berth().docker("image", "inspect", "-f", "{{.Id}}", imported).stdout();
            berth().docker("rmi", imported).requireSuccess("rmi");
            ProcessResult load = berth().docker("load", "-i", saved.toString()).requireSuccess("load");
            assertTrue(load.stdout().contains("Loaded image: " + imported), load.stdout());
            assertEquals(id, berth().docker("image", "inspect", "-f", "{{.Id}}", imported).stdout());

            ProcessResult intoDockerd = BothEngines.dockerd().docker("load", "-i", saved.toString());
            assertEquals(0, intoDockerd.exitCode(), "dockerd loads what Berth saved: " + intoDockerd);
            assertEquals(id, BothEngines.dockerd().docker("image", "inspect", "-f", "{{.Id}}", imported).stdout());
        } finally {
            berth().docker("rmi", "-f", imported);
            BothEngines.dockerd().docker("rmi", "-f", imported);
        }
    }

    @Test
    void anArchiveSavedByDockerdLoads(@TempDir Path dir) {
        String tag = "berth-test/from-dockerd-" + unique("d") + ":v1";
        Path saved = dir.resolve("dockerd.tar");
        try {
            BothEngines.dockerd().docker("tag", IMAGE, tag).requireSuccess("tag");
            BothEngines.dockerd().docker("save", "-o", saved.toString(), tag).requireSuccess("dockerd save");
            ProcessResult load = berth().docker("load", "-i", saved.toString());
            assertEquals(0, load.exitCode(), load.toString());
            assertEquals(BothEngines.dockerd().docker("image", "inspect", "-f", "{{.Id}}", tag).stdout(),
                    berth().docker("image", "inspect", "-f", "{{.Id}}", tag).stdout());
            assertEquals("ok\n", berth().docker("run", "--rm", tag, "echo", "ok").stdout());
        } finally {
            quietly("rmi", "-f", tag);
        }
    }

    @Test
    void pruneRemovesDanglingImages(@TempDir Path dir) throws Exception {
        String name = unique("dangle");
        try {
            berth().docker("run", "--name", name, IMAGE, "touch", "/marker").requireSuccess("run");
            String id = berth().docker("commit", name).requireSuccess("commit untagged").stdout().strip();
            assertTrue(berth().docker("images", "-q", "--filter", "dangling=true", "--no-trunc").stdout()
                    .contains(id), "committed image is dangling");
            ProcessResult prune = berth().docker("image", "prune", "-f").requireSuccess("image prune");
            assertTrue(prune.stdout().contains(id.replace("sha256:", "")) || prune.stdout().contains(id),
                    prune.stdout());
        } finally {
            berth().docker("rm", "-f", name);
        }
    }

    private static void restoreBusybox() {
        for (var engine : List.of(berth(), BothEngines.dockerd())) {
            if (engine.docker("image", "inspect", IMAGE).exitCode() != 0) {
                throw new AssertionError("the busybox test image went missing on " + engine);
            }
        }
    }
}
