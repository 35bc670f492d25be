package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.testing.Dockerd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Archives, filesystem changes, export and commit against a real dockerd. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ContainerFilesContract {

    protected abstract EngineClient client();

    @TempDir
    Path local;

    private Scratch scratch;
    private ContainersApi containers;

    @BeforeEach
    void setUp() {
        scratch = new Scratch(client());
        containers = client().containers();
    }

    @AfterEach
    void tearDown() {
        scratch.close();
    }

    @Test
    void putThenGetArchiveRoundTripsAFileByteForByte() throws IOException {
        String id = scratch.sleeper();
        byte[] content = new byte[300_000];
        new Random(42).nextBytes(content);
        Path file = Files.write(local.resolve("payload.bin"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));

        containers.putArchive(id, "/tmp", TarArchives.requestBody(file), false, false);

        assertEquals(Dockerd.shared().docker("exec", id, "md5sum", "/tmp/payload.bin").stdout().split(" ")[0],
                md5(content), "the real CLI reads the same bytes");
        PathStat stat = containers.statPath(id, "/tmp/payload.bin");
        assertEquals("payload.bin", stat.name());
        assertEquals(content.length, stat.size());
        assertFalse(stat.directory());
        assertEquals(0750, stat.permissions(), "mode bits travel in the tar");
        assertNotNull(stat.mtime());
        assertTrue(containers.statPath(id, "/tmp").directory());
        assertTrue(containers.statPath(id, "/bin/sh").symlink());
        assertEquals("/bin/busybox", containers.statPath(id, "/bin/sh").linkTarget(), "resolved in the container");

        Path back = local.resolve("back");
        try (ArchiveDownload download = containers.getArchive(id, "/tmp/payload.bin")) {
            assertEquals("payload.bin", download.stat().name());
            assertEquals(content.length, download.stat().size());
            TarArchives.Extracted extracted = download.extractTo(back);
            assertEquals(1, extracted.files());
        }
        assertArrayEquals(content, Files.readAllBytes(back.resolve("payload.bin")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(back.resolve("payload.bin"))));
    }

    @Test
    void directoryTreesTravelBothWays() throws IOException {
        String id = scratch.create(scratch.busybox("true")); // archives work on containers that never ran
        Path tree = Files.createDirectories(local.resolve("tree/sub/deeper"));
        Files.writeString(local.resolve("tree/a.txt"), "alpha\n");
        Files.writeString(local.resolve("tree/sub/deeper/b.txt"), "beta\n");
        Files.createSymbolicLink(local.resolve("tree/sub/link-to-a"), Path.of("../a.txt"));

        containers.putArchive(id, "/tmp", TarArchives.requestBody(local.resolve("tree"), "uploaded"), false, false);
        assertTrue(containers.statPath(id, "/tmp/uploaded/sub/deeper").directory());
        assertTrue(containers.statPath(id, "/tmp/uploaded/sub/link-to-a").symlink());

        Path back = local.resolve("back");
        try (ArchiveDownload download = containers.getArchive(id, "/tmp/uploaded")) {
            assertTrue(download.stat().directory());
            TarArchives.Extracted extracted = download.extractTo(back);
            assertEquals(2, extracted.files());
            assertEquals(1, extracted.links());
        }
        assertEquals("alpha\n", Files.readString(back.resolve("uploaded/a.txt")));
        assertEquals("beta\n", Files.readString(back.resolve("uploaded/sub/deeper/b.txt")));
        assertEquals(Path.of("../a.txt"), Files.readSymbolicLink(back.resolve("uploaded/sub/link-to-a")));
        assertEquals("alpha\n", Files.readString(back.resolve("uploaded/sub/link-to-a")));
        assertTrue(Files.isDirectory(tree));
    }

    @Test
    void putArchiveAcceptsAStreamAndHonoursNoOverwriteDirNonDir() throws IOException {
        String id = scratch.sleeper();
        Dockerd.shared().docker("exec", id, "mkdir", "/tmp/target").requireSuccess("mkdir");
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        Files.writeString(local.resolve("target"), "i am a file\n");
        TarArchives.write(local.resolve("target"), "target", tar);
        // a file may not replace the directory of the same name when asked not to
        // (dockerd 20.10 answers 500 here, newer ones 400: either way the engine's words reach the caller)
        EngineApiException refused = assertThrows(EngineApiException.class, () -> containers.putArchive(id, "/tmp",
                new java.io.ByteArrayInputStream(tar.toByteArray()), true, false));
        assertTrue(refused.engineMessage().contains("cannot overwrite directory"), refused.engineMessage());
        containers.putArchive(id, "/tmp/target", new java.io.ByteArrayInputStream(tar.toByteArray()), true, false);
        assertEquals("i am a file\n", Dockerd.shared().docker("exec", id, "cat", "/tmp/target/target").stdout());
    }

    @Test
    void missingPathsAreNotFound() {
        String id = scratch.create(scratch.busybox("true"));
        assertThrows(EngineApiException.NotFound.class, () -> containers.statPath(id, "/no/such/path"));
        EngineApiException.NotFound e = assertThrows(EngineApiException.NotFound.class,
                () -> containers.getArchive(id, "/no/such/path"));
        assertTrue(e.engineMessage().contains("/no/such/path"), e.engineMessage());
        assertThrows(EngineApiException.NotFound.class, () -> containers.putArchive(id, "/no/such/dir",
                TarArchives.requestBody(Files.writeString(local.resolve("f"), "x")), false, false));
    }

    @Test
    void changesListWhatTheContainerWrote() {
        String id = scratch.create(scratch.busybox("sh", "-c", "echo x > /tmp/new.txt; rm /etc/group"));
        assertEquals(List.of(), containers.changes(id), "nothing changed before it ran");
        containers.start(id);
        assertEquals(0, containers.wait(id, WaitCondition.NOT_RUNNING).exitCode());
        Map<String, FilesystemChange.Kind> changes = new HashMap<>();
        containers.changes(id).forEach(c -> changes.put(c.path(), c.kind()));
        assertEquals(FilesystemChange.Kind.ADDED, changes.get("/tmp/new.txt"), changes.toString());
        assertEquals(FilesystemChange.Kind.MODIFIED, changes.get("/tmp"), changes.toString());
        assertEquals(FilesystemChange.Kind.DELETED, changes.get("/etc/group"), changes.toString());
        String cli = Dockerd.shared().docker("diff", id).stdout();
        assertTrue(cli.contains("A /tmp/new.txt") && cli.contains("D /etc/group"), cli);
    }

    @Test
    void exportIsATarOfTheWholeFilesystem() throws IOException {
        String id = scratch.create(scratch.busybox("true"));
        boolean sawBusybox = false;
        boolean sawTmp = false;
        try (InputStream export = containers.export(id);
             TarArchiveInputStream tar = new TarArchiveInputStream(export)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = e.getName().replaceFirst("^\\./", "");
                if (name.equals("bin/busybox")) {
                    sawBusybox = e.isFile() && e.getSize() > 100_000;
                }
                sawTmp |= name.equals("tmp/") && e.isDirectory();
            }
        }
        assertTrue(sawBusybox, "bin/busybox is in the export");
        assertTrue(sawTmp, "tmp/ is in the export");
    }

    @Test
    void commitMakesARunnableImageWithChanges() throws IOException {
        String id = scratch.create(scratch.busybox("sh", "-c", "echo committed-content > /greeting"));
        containers.start(id);
        assertEquals(0, containers.wait(id, WaitCondition.NOT_RUNNING).exitCode());
        String repo = "berth-it/commit-" + scratch.tag();
        scratch.image(repo + ":v1");
        String imageId = containers.commit(id, CommitOptions.to(repo, "v1")
                .withChanges("CMD [\"cat\", \"/greeting\"]", "LABEL berth.it.committed=yes")
                .withComment("made by a test").withAuthor("Berth IT"), null);
        assertTrue(imageId.startsWith("sha256:"), imageId);
        assertEquals("yes", Dockerd.shared().docker("image", "inspect", "-f",
                "{{index .Config.Labels \"berth.it.committed\"}}", repo + ":v1").stdout().strip());
        assertEquals("made by a test", Dockerd.shared().docker("image", "inspect", "-f", "{{.Comment}}", repo + ":v1")
                .stdout().strip());

        String child = scratch.create(ContainerCreateRequest.builder(repo + ":v1").label(Scratch.LABEL, scratch.tag()));
        containers.start(child);
        assertEquals(0, containers.wait(child, WaitCondition.NOT_RUNNING).exitCode());
        try (ContainerOutput out = containers.logs(child, LogsOptions.both())) {
            assertEquals("committed-content\n", out.collect().stdout());
        }
        assertEquals(List.of("cat", "/greeting"), containers.inspect(child).config().cmd());
    }

    @Test
    void commitWithAConfigOverride() {
        String id = scratch.create(scratch.busybox("true"));
        String repo = "berth-it/commit-cfg-" + scratch.tag();
        scratch.image(repo + ":latest");
        ContainerConfig override = new ContainerConfig(null, null, null, null, null, null, null, null, null, null,
                List.of("PATH=/bin", "FROM_OVERRIDE=1"), List.of("env"), null, null, null, null, "/tmp", null, null,
                null, null, Map.of("from", "override"), null, null, null);
        containers.commit(id, CommitOptions.to(repo, null), override);
        String env = Dockerd.shared().docker("image", "inspect", "-f", "{{json .Config.Env}} {{.Config.WorkingDir}}",
                repo).stdout();
        assertTrue(env.contains("FROM_OVERRIDE=1") && env.contains("/tmp"), env);
    }

    private static String md5(byte[] bytes) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(bytes);
            StringBuilder sb = new StringBuilder();
            for (byte b : d) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
