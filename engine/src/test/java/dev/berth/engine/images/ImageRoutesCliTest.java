package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.system.Inventory;
import dev.berth.engine.system.SystemRoutes;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.ProcessResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The image routes driven by the real docker CLI over a Unix socket: import, images, inspect, history, tag, rmi,
 * save, load, image prune and commit print what they print against dockerd.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageRoutesCliTest {

    static ImageFixture f;
    static ApiServer server;
    static Path socket;
    static String docker;
    static final List<String> paused = new ArrayList<>();

    static final String CONTAINER = "c0mm17c0mm17c0mm17c0mm17c0mm17c0mm17c0mm17c0mm17c0mm17c0mm17ab";

    @BeforeAll
    static void start() throws Exception {
        f = new ImageFixture();
        docker = Commands.find("/usr/local/bin/docker", "/usr/bin/docker");
        socket = f.root.resolve("api.sock");
        Inventory inventory = new Inventory() {
            @Override
            public ContainerCounts containers() {
                return new ContainerCounts(0, 0, 0, 0);
            }

            @Override
            public int images() {
                return f.images.count();
            }

            @Override
            public DiskUsage diskUsage() {
                return new DiskUsage(0L, List.of(), List.of(), List.of(), List.of());
            }
        };
        CommitSource containers = new CommitSource() {
            @Override
            public Container find(String nameOrId) {
                if (!nameOrId.equals("committer") && !CONTAINER.startsWith(nameOrId)) {
                    throw EngineException.notFound("No such container: " + nameOrId);
                }
                String image = f.images.resolve("berth/cli:imported").id();
                ContainerConfig config = f.images.resolve(image).config();
                return new Container(CONTAINER, "committer", image, config, true, false);
            }

            @Override
            public void pause(String id) {
                paused.add("pause " + id);
            }

            @Override
            public void unpause(String id) {
                paused.add("unpause " + id);
            }
        };
        List<Routes> routes = List.of(new SystemRoutes(f.dirs, inventory,
                new SystemRoutes.RuntimeFacts("runc", "runc", "cgroupfs", "1", true)),
                new ImageRoutes(f.images, containers));
        server = new ApiServer(routes);
        server.listenUnix(socket, null);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        f.close();
    }

    static ProcessResult docker(byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(docker);
        cmd.addAll(List.of(args));
        return Commands.run(cmd, Map.of("DOCKER_HOST", "unix://" + socket,
                "DOCKER_CONFIG", f.root.resolve("cli").toString()), stdin, 60);
    }

    static ProcessResult docker(String... args) {
        return docker(null, args);
    }

    @Test
    @Order(1)
    void importPrintsTheNewImageId() {
        ProcessResult r = docker(ImageFixture.rootfs("cli").bytes(), "import", "--change", "CMD [\"sh\"]",
                "--change", "ENV FOO=bar", "-m", "from the cli", "-", "berth/cli:imported").requireSuccess("import");
        String id = r.stdout().strip();
        assertTrue(id.matches("sha256:[a-f0-9]{64}"), r.stdout());
        assertEquals(id, f.images.resolve("berth/cli:imported").id());
        assertEquals("[sh] [FOO=bar]", docker("image", "inspect", "-f", "{{.Config.Cmd}} {{.Config.Env}}",
                "berth/cli:imported").requireSuccess("inspect").stdout().strip());
        ProcessResult bad = docker(ImageFixture.rootfs("x").bytes(), "import", "--change", "RUN true", "-");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("run is not a valid change command"), bad.stderr());
    }

    @Test
    @Order(2)
    void imagesHistoryAndTag() {
        docker("tag", "berth/cli:imported", "berth/cli:tagged").requireSuccess("tag");
        String images = docker("images", "--format", "{{.Repository}}:{{.Tag}}", "berth/cli").requireSuccess("images")
                .stdout();
        assertEquals(List.of("berth/cli:imported", "berth/cli:tagged"), images.lines().sorted().toList());
        String history = docker("history", "--format", "{{.CreatedBy}}|{{.Comment}}", "berth/cli:tagged")
                .requireSuccess("history").stdout();
        assertEquals("|from the cli", history.strip());
        ProcessResult missing = docker("image", "inspect", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("No such image: nope"), missing.stderr());
    }

    @Test
    @Order(3)
    void saveAndLoadThroughTheCli() throws IOException {
        Path archive = f.root.resolve("cli.tar");
        docker("save", "-o", archive.toString(), "berth/cli:imported").requireSuccess("save");
        assertTrue(Files.size(archive) > 1024);
        ProcessResult loaded = docker("load", "-i", archive.toString()).requireSuccess("load");
        assertEquals("Loaded image: berth/cli:imported", loaded.stdout().strip());
    }

    @Test
    @Order(4)
    void commitPausesAndTags() {
        f.layers.createContainerLayer(CONTAINER, f.images.resolve("berth/cli:imported").topChainId());
        ProcessResult r = docker("commit", "-a", "Ada", "-m", "cli commit", "-c", "CMD [\"/bin/true\"]", "committer",
                "berth/cli:committed").requireSuccess("commit");
        String id = r.stdout().strip();
        assertEquals(id, f.images.resolve("berth/cli:committed").id());
        assertEquals(List.of("pause " + CONTAINER, "unpause " + CONTAINER), paused);
        assertEquals("Ada|cli commit|[/bin/true]", docker("image", "inspect", "-f",
                "{{.Author}}|{{.Comment}}|{{.Config.Cmd}}", "berth/cli:committed").requireSuccess("inspect").stdout().strip());
        ProcessResult unknown = docker("commit", "ghost");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.stderr().contains("No such container: ghost"), unknown.stderr());
        f.layers.removeContainerLayer(CONTAINER);
    }

    @Test
    @Order(5)
    void rmiAndPrune() {
        ProcessResult untag = docker("rmi", "berth/cli:tagged").requireSuccess("rmi");
        assertEquals("Untagged: berth/cli:tagged", untag.stdout().strip());
        String id = f.images.resolve("berth/cli:committed").id();
        ProcessResult delete = docker("rmi", "berth/cli:committed").requireSuccess("rmi");
        assertTrue(delete.stdout().startsWith("Untagged: berth/cli:committed\nDeleted: " + id + "\n"), delete.stdout());
        ProcessResult missing = docker("rmi", "nope");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.stderr().contains("No such image: nope:latest"), missing.stderr());

        docker(ImageFixture.rootfs("dangling").bytes(), "import", "-").requireSuccess("import");
        assertEquals(1, docker("images", "-q", "--filter", "dangling=true").stdout().lines().count());
        ProcessResult prune = docker("image", "prune", "-f").requireSuccess("prune");
        assertTrue(prune.stdout().contains("Deleted Images:"), prune.stdout());
        assertTrue(prune.stdout().contains("Total reclaimed space:"), prune.stdout());
        assertEquals(0, docker("images", "-q", "--filter", "dangling=true").stdout().lines().count());
    }
}
