package dev.berth.engine.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.storage.Digests;
import dev.berth.engine.storage.TarBuilder;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.images.DeleteItem;
import dev.berth.remote.images.HistoryItem;
import dev.berth.remote.images.ImageInspect;
import dev.berth.remote.images.ImagePruneReport;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.system.EventMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Import, commit, tag, remove, history, list and prune with moby's semantics and messages. */
class ImageServiceTest {

    ImageFixture f;
    ImageService images;
    final List<ImageUsers.ImageUse> users = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        f = new ImageFixture();
        images = f.images;
        images.setImageUsers(id -> List.copyOf(users));
    }

    @AfterEach
    void tearDown() throws IOException {
        f.close();
    }

    @Test
    void importAppliesChangesLikeADockerfile() {
        String id = f.importTar(ImageFixture.rootfs("imp"), "berth/imported:1",
                "CMD [\"/bin/sh\", \"-c\", \"echo hi\"]", "ENV A=b C=\"d e\"", "ENV LEGACY value with spaces",
                "WORKDIR /srv", "WORKDIR app", "EXPOSE 80 53/udp", "LABEL team=core \"two words\"=yes",
                "USER nobody", "VOLUME [\"/data\"]", "STOPSIGNAL SIGINT", "ONBUILD RUN true");
        ImageRecord image = images.resolve("berth/imported:1");
        assertEquals(id, image.id());
        ContainerConfig c = image.config();
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), c.cmd());
        assertEquals(List.of("A=b", "C=d e", "LEGACY=value with spaces"), c.env());
        assertEquals("/srv/app", c.workingDir());
        assertEquals(List.of("80/tcp", "53/udp"), List.copyOf(c.exposedPorts().keySet()));
        assertEquals(Map.of("team", "core", "two words", "yes"), c.labels());
        assertEquals("nobody", c.user());
        assertEquals(List.of("/data"), List.copyOf(c.volumes().keySet()));
        assertEquals("SIGINT", c.stopSignal());
        assertEquals(List.of("RUN true"), c.onBuild());
        ImageInspect inspect = images.inspect("berth/imported:1", "1.43");
        assertEquals(List.of("berth/imported:1"), inspect.repoTags());
        assertEquals("Imported from -", inspect.comment());
        assertEquals("layers", inspect.rootFs().type());
        assertEquals(1, inspect.rootFs().layers().size());
        assertEquals("overlay2", inspect.graphDriver().name());
        assertTrue(Files.isRegularFile(Path.of(inspect.graphDriver().data().get("UpperDir")).resolve("bin/sh")));
        assertEquals(List.of("tag", "import"), f.actions("image"));

        String shellForm = f.importTar(ImageFixture.rootfs("sh"), "", "ENTRYPOINT echo $HOME", "ENV X=1");
        ContainerConfig s = images.resolve(shellForm).config();
        assertEquals(List.of("/bin/sh", "-c", "echo $HOME"), s.entrypoint(), "shell form, no expansion");
        assertNull(s.cmd());
        assertEquals(List.of(), images.resolve(shellForm).repoTags());
    }

    @Test
    void badChangesAndReferencesAreBadRequests() {
        EngineException run = assertThrows(EngineException.class,
                () -> f.importTar(ImageFixture.rootfs("x"), "", "RUN rm -rf /"));
        assertEquals(400, run.status());
        assertEquals("run is not a valid change command", run.getMessage());
        EngineException ref = assertThrows(EngineException.class,
                () -> f.importTar(ImageFixture.rootfs("x"), "Bad/Name"));
        assertEquals(400, ref.status());
        EngineException port = assertThrows(EngineException.class,
                () -> f.importTar(ImageFixture.rootfs("x"), "", "EXPOSE 99999"));
        assertEquals(400, port.status());
    }

    @Test
    void resolveFollowsDockersLookupOrder() {
        String id = f.importTar(ImageFixture.rootfs("r"), "busybox");
        assertEquals(id, images.resolve("busybox").id());
        assertEquals(id, images.resolve("busybox:latest").id());
        assertEquals(id, images.resolve("docker.io/library/busybox:latest").id());
        assertEquals(id, images.resolve(id).id());
        assertEquals(id, images.resolve(Digests.hex(id)).id());
        assertEquals(id, images.resolve(Digests.hex(id).substring(0, 12)).id());
        assertEquals(id, images.resolve(id.substring(0, 15)).id());
        assertEquals(List.of("busybox:latest"), images.resolve(id).repoTags());
        EngineException missing = assertThrows(EngineException.class, () -> images.resolve("alpine"));
        assertEquals(404, missing.status());
        assertEquals("No such image: alpine:latest", missing.getMessage());
        assertEquals(400, assertThrows(EngineException.class, () -> images.resolve("UPPER")).status());
    }

    @Test
    void tagThenRemoveUntagsBeforeItDeletes() throws IOException {
        String id = f.importTar(ImageFixture.rootfs("t"), "berth/one:1");
        assertEquals("berth/two:latest", images.tag("berth/one:1", "berth/two", ""));
        assertEquals("127.0.0.1:5000/three:v3", images.tag(id, "127.0.0.1:5000/three", "v3"));
        assertEquals(List.of("127.0.0.1:5000/three:v3", "berth/one:1", "berth/two:latest"),
                images.resolve(id).repoTags().stream().sorted().toList());
        assertEquals(400, assertThrows(EngineException.class, () -> images.tag(id, "a b", "")).status());
        assertEquals(400, assertThrows(EngineException.class, () -> images.tag(id, "ok", "bad tag")).status());
        assertTrue(!images.inspect(id, "1.43").metadata().lastTagTime().startsWith("0001"));

        assertEquals(List.of(new DeleteItem("berth/two:latest", null)), images.remove("berth/two", false, false));
        assertEquals(List.of(new DeleteItem("127.0.0.1:5000/three:v3", null)),
                images.remove("127.0.0.1:5000/three:v3", false, false));
        String chain = images.resolve(id).topChainId();
        List<DeleteItem> last = images.remove("berth/one:1", false, false);
        assertEquals(List.of(new DeleteItem("berth/one:1", null), new DeleteItem(null, id),
                new DeleteItem(null, chain)), last);
        assertFalse(f.layers.exists(chain));
        assertFalse(f.blobs.has(id));
        assertEquals(404, assertThrows(EngineException.class, () -> images.resolve(id)).status());
        assertEquals(List.of("tag", "import", "tag", "tag", "untag", "untag", "untag", "delete"), f.actions("image"));
    }

    @Test
    void removingAnImageContainersUseIsAConflictUnlessForced() {
        String id = f.importTar(ImageFixture.rootfs("u"), "berth/used");
        String container = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        users.add(new ImageUsers.ImageUse(container, "user", false));
        EngineException byTag = assertThrows(EngineException.class, () -> images.remove("berth/used", false, false));
        assertEquals(409, byTag.status());
        assertEquals("conflict: unable to remove repository reference \"berth/used\" (must force) - container "
                + "0123456789ab is using its referenced image " + id.substring(7, 19), byTag.getMessage());
        EngineException byId = assertThrows(EngineException.class, () -> images.remove(id, false, false));
        assertEquals("conflict: unable to delete " + id.substring(7, 19) + " (must be forced) - image is being "
                + "used by stopped container 0123456789ab", byId.getMessage());

        users.set(0, new ImageUsers.ImageUse(container, "user", true));
        EngineException running = assertThrows(EngineException.class, () -> images.remove(id, true, false));
        assertEquals("conflict: unable to delete " + id.substring(7, 19) + " (cannot be forced) - image is being "
                + "used by running container 0123456789ab", running.getMessage());
        // forcing the tag away leaves the image, dangling, under its running container (as dockerd does)
        assertEquals(List.of(new DeleteItem("berth/used:latest", null)), images.remove("berth/used", true, false));
        assertEquals(List.of(), images.resolve(id).repoTags());

        users.clear();
        assertEquals(List.of(new DeleteItem(null, id), new DeleteItem(null, images.resolve(id).topChainId())),
                images.remove(id, false, false));
    }

    @Test
    void commitTurnsTheWritableLayerIntoANewImage() throws IOException {
        String base = f.importTar(ImageFixture.rootfs("c"), "berth/base", "CMD [\"sh\"]", "ENV KEEP=1");
        String cid = "feedface00";
        f.layers.createContainerLayer(cid, images.resolve(base).topChainId());
        Path rootfs = f.layers.mount(cid);
        Files.writeString(rootfs.resolve("tmp/made-in-container"), "hello");
        Files.delete(rootfs.resolve("etc/marker"));
        ContainerConfig containerConfig = images.resolve(base).config();
        String id = images.commit(new CommitSpec(cid, base, containerConfig, "Ada <ada@example.com>", "my change",
                List.of("CMD [\"/bin/sh\", \"-c\", \"cat /tmp/made-in-container\"]", "ENV ADDED=2"),
                "berth/committed", "v1"));
        f.layers.unmount(cid);

        ImageRecord image = images.resolve("berth/committed:v1");
        assertEquals(id, image.id());
        assertEquals(base, image.parentId());
        assertEquals(List.of("/bin/sh", "-c", "cat /tmp/made-in-container"), image.config().cmd());
        assertEquals(List.of("KEEP=1", "ADDED=2"), image.config().env());
        ImageInspect inspect = images.inspect(id, "1.43");
        assertEquals("Ada <ada@example.com>", inspect.author());
        assertEquals("my change", inspect.comment());
        assertEquals(base, inspect.parent());
        assertEquals(2, inspect.rootFs().layers().size());

        String other = "feedface01";
        f.layers.createContainerLayer(other, image.topChainId());
        Path seen = f.layers.mount(other);
        assertEquals("hello", Files.readString(seen.resolve("tmp/made-in-container")));
        assertFalse(Files.exists(seen.resolve("etc/marker"), LinkOption.NOFOLLOW_LINKS), "the deletion is committed");
        f.layers.unmount(other);

        EventMessage commit = f.events.recent().stream().filter(e -> e.type().equals("container")).findFirst().orElseThrow();
        assertEquals("commit", commit.action());
        assertEquals(cid, commit.actor().id());
        assertEquals(id, commit.actor().attribute("imageID"));
        assertEquals("berth/committed:v1", commit.actor().attribute("imageRef"));

        List<HistoryItem> history = images.history("berth/committed:v1");
        assertEquals(2, history.size());
        assertEquals(id, history.get(0).id());
        assertEquals(List.of("berth/committed:v1"), history.get(0).tags());
        assertEquals("my change", history.get(0).comment());
        assertEquals("sh", history.get(0).createdBy(), "CreatedBy is the container's command");
        assertEquals(base, history.get(1).id());
        assertEquals(List.of("berth/base:latest"), history.get(1).tags());
        assertEquals("Imported from -", history.get(1).comment());
        assertTrue(history.get(0).size() > 0);

        // nothing changed: an empty layer, recorded as such in the history only
        String idle = "feedface02";
        f.layers.createContainerLayer(idle, image.topChainId());
        String same = images.commit(new CommitSpec(idle, id, image.config(), "", "", List.of(), "", ""));
        assertEquals(images.resolve(id).imageConfig().diffIds(), images.resolve(same).imageConfig().diffIds());
        assertEquals(Boolean.TRUE, images.resolve(same).imageConfig().history().get(2).emptyLayer());
        assertEquals(0L, images.history(same).get(0).size());

        // the parent cannot go while its child exists
        EngineException child = assertThrows(EngineException.class, () -> images.remove(base, true, false));
        assertTrue(child.getMessage().endsWith("image has dependent child images"), child.getMessage());
    }

    @Test
    void historyMarksStepsThatAreNotLocalImagesAsMissing() throws IOException {
        ImageConfig config = new ImageConfig("amd64", null, "linux", null, null, null, null, null, null,
                "2024-01-01T00:00:00Z", null, List.of(
                        new ImageConfig.History("2023-01-01T00:00:00Z", "/bin/sh -c #(nop) ADD file:abc in /", null, null, null),
                        new ImageConfig.History("2023-01-02T00:00:00Z", "/bin/sh -c #(nop)  CMD [\"sh\"]", null, null, true)),
                null);
        byte[] layer = ImageFixture.rootfs("h").bytes();
        config = new ImageConfig(config.architecture(), null, "linux", null, null, null, null, null, null,
                config.created(), null, config.history(), new ImageConfig.RootFs("layers", List.of(Digests.of(layer))));
        String id = images.storeImage(dev.berth.remote.client.Json.MAPPER.writeValueAsBytes(config), null,
                (i, d) -> new java.io.ByteArrayInputStream(layer), ProgressWriter.discard());
        List<HistoryItem> history = images.history(id);
        assertEquals(2, history.size());
        assertEquals(id, history.get(0).id());
        assertEquals("<missing>", history.get(1).id());
        assertEquals(0L, history.get(0).size());
        assertTrue(history.get(1).size() > 0);
        assertEquals(1672531200L, history.get(1).created());
    }

    @Test
    void listFiltersAsDockerDoes() {
        String a = f.importTar(ImageFixture.rootfs("a"), "berth/a:1", "LABEL tier=front");
        String b = f.importTar(ImageFixture.rootfs("b"), "other/b:2", "LABEL tier=back");
        String dangling = f.importTar(ImageFixture.rootfs("d"), "");
        assertEquals(List.of(dangling, b, a), ids(images.list(false, Map.of(), "1.43")), "newest first");
        assertEquals(List.of(dangling), ids(images.list(false, Map.of("dangling", List.of("true")), "1.43")));
        assertEquals(List.of(b, a), ids(images.list(false, Map.of("dangling", List.of("false")), "1.43")));
        assertEquals(List.of(a), ids(images.list(false, Map.of("reference", List.of("berth/*")), "1.43")));
        assertEquals(List.of(b), ids(images.list(false, Map.of("reference", List.of("*/b:2")), "1.43")));
        assertEquals(List.of(a), ids(images.list(false, Map.of("label", List.of("tier=front")), "1.43")));
        assertEquals(List.of(b, a), ids(images.list(false, Map.of("label", List.of("tier")), "1.43")));
        assertEquals(List.of(a), ids(images.list(false, Map.of("before", List.of("other/b:2")), "1.43")));
        assertEquals(List.of(dangling, b), ids(images.list(false, Map.of("since", List.of("berth/a:1")), "1.43")));
        assertEquals(400, assertThrows(EngineException.class,
                () -> images.list(false, Map.of("color", List.of("red")), "1.43")).status());
        ImageSummary summary = images.list(false, Map.of("reference", List.of("berth/a")), "1.43").get(0);
        assertEquals(List.of("berth/a:1"), summary.repoTags());
        assertEquals(-1, summary.containers());
        assertTrue(summary.size() > 0);
        assertEquals(List.of("<none>:<none>"), images.list(false, Map.of("dangling", List.of("true")), "1.41").get(0)
                .repoTags(), "older API versions show placeholders");
        assertEquals(List.of(), images.list(false, Map.of("dangling", List.of("true")), "1.43").get(0).repoTags());
    }

    @Test
    void pruneTakesDanglingImagesUnlessToldOtherwise() {
        String tagged = f.importTar(ImageFixture.rootfs("p1"), "berth/kept");
        String dangling = f.importTar(ImageFixture.rootfs("p2"), "");
        String used = f.importTar(ImageFixture.rootfs("p3"), "berth/used");
        users.add(new ImageUsers.ImageUse("abcdef0123456789", "c", false));
        images.setImageUsers(id -> id.equals(used) ? List.copyOf(users) : List.of());
        ImagePruneReport report = images.prune(Map.of());
        assertEquals(List.of(new DeleteItem(null, dangling), new DeleteItem(null, chainOf(report, dangling))),
                report.imagesDeleted());
        assertTrue(report.spaceReclaimed() > 0);
        assertEquals(null, images.prune(Map.of()).imagesDeleted());
        ImagePruneReport all = images.prune(Map.of("dangling", List.of("false")));
        assertEquals(List.of(new DeleteItem("berth/kept:latest", null), new DeleteItem(null, tagged)),
                all.imagesDeleted().subList(0, 2));
        assertEquals(used, images.resolve("berth/used").id(), "an image a container uses stays");
        assertEquals(400, assertThrows(EngineException.class, () -> images.prune(Map.of("bogus", List.of("1")))).status());
        assertTrue(f.actions("image").contains("prune"));
    }

    private static String chainOf(ImagePruneReport report, String image) {
        return report.imagesDeleted().get(1).deleted();
    }

    private static List<String> ids(List<ImageSummary> list) {
        return list.stream().map(ImageSummary::id).toList();
    }
}
