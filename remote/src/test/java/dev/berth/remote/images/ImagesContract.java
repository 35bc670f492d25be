package dev.berth.remote.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.testing.Dockerd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Image operations against the real test dockerd and its loopback registry; run over each transport. */
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class ImagesContract {

    /** Images (names or IDs) this test made, removed afterwards whatever happened. */
    private final List<String> created = new ArrayList<>();

    protected abstract EngineClient client();

    private static Dockerd dockerd() {
        return Dockerd.shared();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    @AfterEach
    void removeWhatWasCreated() {
        for (String image : created) {
            dockerd().docker("rmi", "-f", image);
        }
    }

    /** A fresh single-layer image of its own (unique /hello.txt), so removing it really deletes layers. */
    private String importUnique(String repo, String tag, List<String> changes) {
        ImportRequest request = ImportRequest.fromTar(new ByteArrayInputStream(RootfsTar.withHello("hello " + unique())))
                .withRepository(repo, tag).withChanges(changes);
        String id = client().images().importImage(request, null).imageId();
        created.add(id);
        return id;
    }

    private String cliImageId(String reference) {
        return dockerd().docker("image", "inspect", "--format", "{{.Id}}", reference).requireSuccess("docker image inspect")
                .stdout().strip();
    }

    @Test
    void listWithAReferenceFilterFindsBusybox() {
        List<ImageSummary> found = client().images().list(Filters.of("reference", Dockerd.BUSYBOX));
        assertEquals(1, found.size(), found.toString());
        ImageSummary busybox = found.get(0);
        assertTrue(busybox.repoTags().contains(Dockerd.BUSYBOX), busybox.repoTags().toString());
        assertEquals(cliImageId(Dockerd.BUSYBOX), busybox.id());
        assertTrue(busybox.size() > 1_000_000 && busybox.created() > 0, busybox.toString());
        assertFalse(busybox.isDangling());
        assertTrue(client().images().list(true, null, true).stream().anyMatch(i -> i.id().equals(busybox.id())));
        assertTrue(client().images().list(Filters.of("reference", "berth-it/nothing-" + unique())).isEmpty());
    }

    @Test
    void inspectAndHistoryDescribeTheImportedBusybox() {
        ImageInspect image = client().images().inspect(Dockerd.BUSYBOX);
        assertEquals(cliImageId(Dockerd.BUSYBOX), image.id());
        assertTrue(image.repoTags().contains(Dockerd.BUSYBOX));
        ContainerConfig config = image.config();
        assertEquals(List.of("sh"), config.cmd());
        assertEquals("/bin", config.envValue("PATH"));
        assertEquals("linux", image.os());
        assertFalse(image.architecture().isBlank());
        assertEquals("layers", image.rootFs().type());
        assertEquals(1, image.rootFs().layers().size(), "an import has one layer");
        assertTrue(image.size() > 1_000_000);
        assertFalse(image.created().isBlank());
        assertEquals("overlay2", image.graphDriver().name());

        JsonNode raw = client().images().inspectRaw(Dockerd.BUSYBOX);
        assertEquals(image.id(), raw.get("Id").asText());

        List<HistoryItem> history = client().images().history(Dockerd.BUSYBOX);
        assertEquals(1, history.size(), history.toString());
        assertEquals(image.id(), history.get(0).id());
        assertEquals(image.size(), history.get(0).size());
        assertTrue(history.get(0).tags().contains(Dockerd.BUSYBOX));
        assertEquals("Imported from -", history.get(0).comment());

        EngineApiException.NotFound missing = assertThrows(EngineApiException.NotFound.class,
                () -> client().images().inspect("berth-it/missing-" + unique() + ":nope"));
        assertTrue(missing.engineMessage().contains("No such image"), missing.engineMessage());
    }

    @Test
    void removingATagUntagsWhileRemovingTheLastReferenceDeletes() {
        String repo = "berth-it/tagged-" + unique();
        created.add(repo + ":v1");
        client().images().tag(Dockerd.BUSYBOX, repo, "v1");
        List<ImageSummary> tagged = client().images().list(Filters.of("reference", repo + ":v1"));
        assertEquals(1, tagged.size());
        assertEquals(cliImageId(Dockerd.BUSYBOX), tagged.get(0).id());
        assertTrue(client().images().inspect(Dockerd.BUSYBOX).repoTags().contains(repo + ":v1"), "one image, two tags");

        List<DeleteItem> untagged = client().images().remove(repo + ":v1", false, false);
        assertEquals(List.of(new DeleteItem(repo + ":v1", null)), untagged);
        assertNotNull(client().images().inspect(Dockerd.BUSYBOX), "the image itself stays");

        String own = "berth-it/own-" + unique();
        String id = importUnique(own, "v1", List.of());
        List<DeleteItem> deleted = client().images().remove(own + ":v1", false, false);
        assertTrue(deleted.contains(new DeleteItem(own + ":v1", null)), deleted.toString());
        assertTrue(deleted.contains(new DeleteItem(null, id)), deleted.toString());
        assertThrows(EngineApiException.NotFound.class, () -> client().images().inspect(id));
    }

    @Test
    void savedImageCanBeRemovedAndLoadedBack() throws IOException {
        String repo = "berth-it/saved-" + unique();
        String id = importUnique(repo, "v1", List.of("CMD [\"sh\"]"));
        byte[] tar;
        try (InputStream saved = client().images().save(repo + ":v1")) {
            tar = saved.readAllBytes();
        }
        Set<String> entries = new HashSet<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertTrue(entries.contains("manifest.json") && entries.contains("repositories"), entries.toString());

        client().images().remove(repo + ":v1", false, false);
        assertThrows(EngineApiException.NotFound.class, () -> client().images().inspect(id));

        List<ProgressMessage> progress = new CopyOnWriteArrayList<>();
        ProgressAggregator aggregator = new ProgressAggregator();
        LoadResult result = client().images().load(new ByteArrayInputStream(tar), false, aggregator.andThen(progress::add));
        assertEquals(List.of(repo + ":v1"), result.loaded());
        assertEquals(id, client().images().inspect(repo + ":v1").id());
        assertTrue(progress.stream().anyMatch(m -> m.id() != null && m.progressDetail() != null
                && m.progressDetail().total() != null && m.progressDetail().total() > 0), progress.toString());
        assertTrue(progress.stream().anyMatch(m -> m.stream() != null && m.stream().contains("Loaded image: " + repo)));
        assertEquals(100.0, aggregator.percent(), 0.001);

        // quiet: the same result without per-layer progress
        client().images().remove(repo + ":v1", false, false);
        List<ProgressMessage> quiet = new ArrayList<>();
        assertEquals(List.of(repo + ":v1"), client().images().load(new ByteArrayInputStream(tar), true, quiet::add).loaded());
        assertTrue(quiet.stream().noneMatch(m -> m.progressDetail() != null && m.progressDetail().total() != null), quiet.toString());
    }

    @Test
    void loadOfAGarbageArchiveFailsWithTheEnginesInBandError() {
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        List<ProgressMessage> progress = new ArrayList<>();
        EngineApiException e = assertThrows(EngineApiException.class,
                () -> client().images().load(new ByteArrayInputStream(junk), false, progress::add));
        assertTrue(e.engineMessage().contains("tar"), e.engineMessage());
        assertTrue(progress.stream().anyMatch(ProgressMessage::isError), "the consumer sees the error message too");
    }

    @Test
    void importAppliesTheDockerfileChanges() {
        String repo = "berth-it/imported-" + unique();
        String hello = "hello from " + repo;
        List<ProgressMessage> progress = new ArrayList<>();
        ImportRequest request = ImportRequest.fromTar(new ByteArrayInputStream(RootfsTar.withHello(hello)))
                .withRepository(repo, "v1")
                .withChanges(List.of("CMD [\"/bin/busybox\", \"cat\", \"/hello.txt\"]", "ENV GREETING=\"hi there\"",
                        "WORKDIR /work", "LABEL berth.it=import"))
                .withMessage("imported by berth");
        ImportResult result = client().images().importImage(request, progress::add);
        created.add(result.imageId());
        assertTrue(result.imageId().startsWith("sha256:"), result.imageId());
        assertEquals(result.imageId(), cliImageId(repo + ":v1"));

        ImageInspect image = client().images().inspect(repo + ":v1");
        assertEquals(List.of("/bin/busybox", "cat", "/hello.txt"), image.config().cmd());
        assertEquals("hi there", image.config().envValue("GREETING"));
        assertEquals("/work", image.config().workingDir());
        assertEquals("import", image.config().labels().get("berth.it"));
        assertEquals("imported by berth", image.comment());
        assertEquals(1, image.rootFs().layers().size());

        String out = dockerd().docker("run", "--rm", repo + ":v1").requireSuccess("docker run").stdout();
        assertEquals(hello, out, "the imported filesystem and CMD work");
    }

    @Test
    void anImportTheEngineRefusesUpFrontReportsTheEnginesMessage() {
        // the engine checks the changes before reading the upload; its answer must not be lost to a reset connection
        ImportRequest request = ImportRequest.fromTar(new ByteArrayInputStream(RootfsTar.withHello("refused")))
                .withRepository("berth-it/refused-" + unique(), "v1").withChanges(List.of("ENV GREETING=hi there"));
        EngineApiException.BadRequest e = assertThrows(EngineApiException.BadRequest.class,
                () -> client().images().importImage(request, null));
        assertTrue(e.engineMessage().contains("Must be of the form: name=value"), e.engineMessage());
        assertNotNull(client().images().inspect(Dockerd.BUSYBOX), "the client is still usable");
    }

    @Test
    void pushToARegistryThenPullWithLayerProgress() {
        String registry = dockerd().registry();
        String repo = registry + "/berth-it/pushed-" + unique();
        String id = importUnique(repo, "v1", List.of("CMD [\"sh\"]"));
        created.add(repo + ":v1");

        List<ProgressMessage> pushed = new ArrayList<>();
        PushResult push = client().images().push(repo, "v1", null, pushed::add);
        assertEquals("v1", push.tag());
        assertTrue(push.digest() != null && push.digest().startsWith("sha256:"), String.valueOf(push.digest()));
        assertTrue(push.size() > 0);
        assertTrue(pushed.stream().anyMatch(m -> "Pushed".equals(m.status()) && m.id() != null), pushed.toString());

        assertTrue(client().images().remove(repo + ":v1", false, false).contains(new DeleteItem(null, id)));

        List<ProgressMessage> pulled = new ArrayList<>();
        ProgressAggregator aggregator = new ProgressAggregator();
        List<Double> percents = new CopyOnWriteArrayList<>();
        aggregator.addListener(s -> percents.add(s.percent()));
        PullResult pull = client().images().pull(PullRequest.of(repo + ":v1"), aggregator.andThen(pulled::add));
        assertEquals(repo + ":v1", pull.reference());
        assertEquals(push.digest(), pull.digest());
        assertTrue(pull.status().contains("Downloaded newer image"), pull.status());
        assertTrue(pulled.stream().anyMatch(m -> m.id() != null && m.progressDetail() != null
                        && m.progressDetail().total() != null && m.progressDetail().total() > 0),
                "byte progress for a layer: " + pulled);
        assertTrue(pulled.stream().anyMatch(m -> "Pull complete".equals(m.status()) && m.id() != null), pulled.toString());
        ProgressAggregator.Snapshot done = aggregator.snapshot();
        assertTrue(done.finished() && done.error() == null, done.toString());
        assertEquals(100.0, done.percent(), 0.001);
        assertEquals(1, done.layers().size(), "one layer, not the tag of \"Pulling from\": " + done.layers());
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), "progress never goes backwards: " + percents);
        }
        assertEquals(id, client().images().inspect(repo + ":v1").id());

        PullResult again = client().images().pull(PullRequest.of(repo + ":v1"), null);
        assertTrue(again.wasUpToDate(), again.status());
    }

    @Test
    void pullingAMissingTagIsNotFoundWithTheRegistrysMessage() {
        String repo = dockerd().registry() + "/berth-it/absent-" + unique();
        List<ProgressMessage> progress = new ArrayList<>();
        EngineApiException e = assertThrows(EngineApiException.class,
                () -> client().images().pull(new PullRequest(repo, "no-such-tag", null, null), progress::add));
        assertTrue(e instanceof EngineApiException.NotFound, e.getClass() + ": " + e.getMessage());
        assertTrue(e.engineMessage().contains("manifest unknown") || e.engineMessage().contains("not found"),
                e.engineMessage());
        assertTrue(e.engineMessage().contains(repo), e.engineMessage());
    }

    @Test
    void pruneWithALabelRemovesOnlyOurDanglingImage() {
        String label = "berth.it.prune=" + unique();
        String dangling = importUnique(null, null, List.of("LABEL " + label));
        String keptLabel = "berth.it.prune=" + unique();
        String kept = importUnique(null, null, List.of("LABEL " + keptLabel));

        List<ImageSummary> before = client().images().list(Filters.of("dangling", "true").and("label", label));
        assertEquals(1, before.size(), before.toString());
        assertEquals(dangling, before.get(0).id());
        assertTrue(before.get(0).isDangling());

        ImagePruneReport report = client().images().prune(Filters.of("label", label));
        assertTrue(report.imagesDeleted().contains(new DeleteItem(null, dangling)), report.toString());
        assertTrue(report.imagesDeleted().stream().noneMatch(d -> kept.equals(d.deleted())), report.toString());
        assertTrue(report.spaceReclaimed() > 0, report.toString());
        assertThrows(EngineApiException.NotFound.class, () -> client().images().inspect(dangling));
        assertEquals(kept, client().images().inspect(kept).id());
    }

    /**
     * The engine searches the registry named in the term over the v1 search API (Docker Hub otherwise, which is
     * out of reach here); loopback registries are insecure by default, so after a failed HTTPS attempt it speaks
     * plain HTTP to this stand-in index.
     */
    @Test
    void searchAsksTheNamedIndexAndTypesItsResults() throws IOException {
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer index = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        index.createContext("/v1/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = "{}";
            if (path.equals("/v1/search")) {
                String q = exchange.getRequestURI().getRawQuery();
                queries.add(URLDecoder.decode(q, StandardCharsets.UTF_8));
                body = "{\"num_results\":1,\"query\":\"busybox\",\"results\":[{\"name\":\"berth/busybox\","
                        + "\"description\":\"a tiny shell\",\"star_count\":3,\"is_official\":false,\"is_automated\":false}]}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        index.start();
        try {
            String term = "127.0.0.1:" + index.getAddress().getPort() + "/busybox";
            List<SearchResult> results = client().images().search(term, 5, null);
            assertEquals(List.of(new SearchResult("berth/busybox", "a tiny shell", 3, false, false)), results);
            assertEquals(List.of("q=busybox&n=5"), queries, "the engine strips the index from the term");

            assertTrue(client().images().search(term, 5, Filters.of("is-official", "true")).isEmpty(),
                    "the engine applies the filters itself");
        } finally {
            index.stop(0);
        }
    }

    @Test
    void savingAnUnknownImageIsNotFound() {
        EngineApiException e = assertThrows(EngineApiException.class, () -> {
            try (InputStream in = client().images().save("berth-it/missing-" + unique() + ":nope")) {
                in.transferTo(new ByteArrayOutputStream());
            }
        });
        assertTrue(e instanceof EngineApiException.NotFound, e.getClass() + ": " + e.getMessage());
    }
}
