package dev.berth.remote.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Query;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.testing.Dockerd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Volume operations against the real test dockerd; run over each transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class VolumesContract {

    private final List<String> containers = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();

    protected abstract EngineClient client();

    private static Dockerd dockerd() {
        return Dockerd.shared();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    @AfterEach
    void removeWhatWasCreated() {
        for (String c : containers) {
            dockerd().docker("rm", "-f", c);
        }
        for (String v : volumes) {
            dockerd().docker("volume", "rm", "-f", v);
        }
    }

    private Volume create(VolumeCreateRequest request) {
        Volume v = client().volumes().create(request);
        volumes.add(v.name());
        return v;
    }

    @Test
    void createListAndInspectWithLabels() {
        String u = unique();
        String name = "berth-it-vol-" + u;
        Map<String, String> labels = Map.of("berth.it.vol", u, "purpose", "test");
        Volume created = create(VolumeCreateRequest.named(name).withLabels(labels));
        String dataRoot = dockerd().socket().getParent().resolve("data").toString();
        assertEquals(name, created.name());
        assertEquals("local", created.driver());
        assertEquals("local", created.scope());
        assertEquals(labels, created.labels());
        assertEquals(dataRoot + "/volumes/" + name + "/_data", created.mountpoint());
        assertFalse(created.createdAt().isBlank());

        Volume inspected = client().volumes().inspect(name);
        assertEquals(created.mountpoint(), inspected.mountpoint());
        assertEquals(labels, inspected.labels());
        assertEquals(dockerd().docker("volume", "inspect", "--format", "{{.Mountpoint}}", name).requireSuccess("inspect")
                .stdout().strip(), inspected.mountpoint());

        assertEquals(List.of(name), names(client().volumes().list(Filters.of("label", "berth.it.vol=" + u))));
        assertEquals(List.of(name), names(client().volumes().list(Filters.of("label", "berth.it.vol").and("name", u))));
        assertTrue(names(client().volumes().list(Filters.of("name", "berth-it-vol-"))).contains(name));
        assertTrue(names(client().volumes().list(Filters.of("driver", "local").and("dangling", "true"))).contains(name));
        assertTrue(names(client().volumes().list()).contains(name));

        VolumeCreateRequest tmpfs = VolumeCreateRequest.named("berth-it-tmpfs-" + u)
                .withDriver("local", Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"));
        assertEquals(Map.of("type", "tmpfs", "device", "tmpfs", "o", "size=1m"), create(tmpfs).options());
    }

    @Test
    void aVolumeInUseCannotBeRemoved() {
        String u = unique();
        String name = "berth-it-used-" + u;
        String container = "berth-it-user-" + u;
        create(VolumeCreateRequest.named(name));
        dockerd().docker("run", "--rm", "-v", name + ":/data", Dockerd.BUSYBOX, "sh", "-c", "echo hello > /data/hello.txt")
                .requireSuccess("docker run (fill)");
        containers.add(container);
        String id = dockerd().docker("run", "-d", "--name", container, "-v", name + ":/data", Dockerd.BUSYBOX,
                "sleep", "300").requireSuccess("docker run").stdout().strip();

        EngineApiException.Conflict inUse = assertThrows(EngineApiException.Conflict.class,
                () -> client().volumes().remove(name, false));
        assertEquals(409, inUse.status());
        assertTrue(inUse.engineMessage().contains("volume is in use") && inUse.engineMessage().contains(id),
                inUse.engineMessage());

        DiskUsage df = client().system().df();
        Volume usage = df.volumes().stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from df: " + df.volumes()));
        assertEquals(1L, usage.usageData().refCount());
        assertTrue(usage.usageData().size() >= 6, "hello.txt is in it: " + usage.usageData());
        assertTrue(names(client().volumes().list(Filters.of("dangling", "false"))).contains(name));

        dockerd().docker("rm", "-f", container).requireSuccess("docker rm");
        client().volumes().remove(name, false);
        assertThrows(EngineApiException.NotFound.class, () -> client().volumes().inspect(name));
    }

    @Test
    void pruneWithALabelRemovesOnlyOurUnusedVolumes() {
        String u = unique();
        String label = "berth.it.prune=" + u;
        Volume named = create(VolumeCreateRequest.named("berth-it-prune-" + u).withLabels(Map.of("berth.it.prune", u)));
        Volume anonymous = create(new VolumeCreateRequest(null, null, null, Map.of("berth.it.prune", u)));
        Volume kept = create(VolumeCreateRequest.named("berth-it-kept-" + u).withLabels(Map.of("berth.it.prune", "x" + u)));
        assertEquals(64, anonymous.name().length(), "an anonymous volume gets a generated name: " + anonymous.name());

        // all=true only reaches engines that know it (API 1.42+); 1.41 would refuse the unknown filter
        VolumePruneReport report = client().volumes().prune(Filters.of("label", label), true);
        List<String> deleted = report.volumesDeleted();
        assertTrue(deleted.contains(anonymous.name()), report.toString());
        assertTrue(deleted.contains(named.name()), "with all (or on API 1.41 anyway) named volumes go too: " + report);
        assertFalse(deleted.contains(kept.name()), report.toString());
        assertEquals(kept.name(), client().volumes().inspect(kept.name()).name());

        if (!client().apiVersion().atLeast(new ApiVersion(1, 42))) {
            // why the client leaves all=true out here: 20.10 does not know the filter
            EngineApiException.BadRequest refused = assertThrows(EngineApiException.BadRequest.class,
                    () -> client().http().post("/volumes/prune",
                            Query.of().filters(Map.of("all", List.of("true"), "label", List.of(label))), null,
                            VolumePruneReport.class));
            assertTrue(refused.engineMessage().contains("all"), refused.engineMessage());
            // 20.10 prunes named volumes even without all
            Volume again = create(VolumeCreateRequest.named("berth-it-again-" + u).withLabels(Map.of("berth.it.prune", u)));
            assertEquals(List.of(again.name()), client().volumes().prune(Filters.of("label", label)).volumesDeleted());
        }
    }

    @Test
    void unknownVolumeIsNotFound() {
        String name = "berth-it-absent-" + unique();
        EngineApiException.NotFound e = assertThrows(EngineApiException.NotFound.class,
                () -> client().volumes().inspect(name));
        assertTrue(e.engineMessage().contains(name), e.engineMessage());
        assertThrows(EngineApiException.NotFound.class, () -> client().volumes().remove(name, false));
    }

    private static List<String> names(VolumeList list) {
        return list.volumes() == null ? List.of() : list.volumes().stream().map(Volume::name).toList();
    }
}
