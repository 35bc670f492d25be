package dev.berth.engine.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.api.ApiServer;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.TransportOptions;
import dev.berth.remote.volumes.Volume;
import dev.berth.remote.volumes.VolumeCreateRequest;
import dev.berth.remote.volumes.VolumeList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /volumes over a real API server and Berth's own client, at the negotiated API version and at 1.41. */
class VolumeRoutesTest {

    @TempDir
    Path tmp;

    ApiServer server;
    EngineEndpoint endpoint;
    EngineClient client;
    EngineClient client141;

    @BeforeEach
    void start() throws Exception {
        VolumeService volumes = new VolumeService(new EngineDirs(tmp.resolve("data"), tmp.resolve("run")).create(),
                new EventBus());
        server = new ApiServer(List.of(new VolumeRoutes(volumes)));
        Path socket = tmp.resolve("api.sock");
        server.listenUnix(socket, null);
        endpoint = EngineEndpoint.parse("unix://" + socket, null, "test");
        client = EngineClient.connect(endpoint, TransportOptions.DEFAULT, new ApiVersion(1, 43));
        client141 = EngineClient.connect(endpoint, TransportOptions.DEFAULT, new ApiVersion(1, 41));
    }

    @AfterEach
    void stop() {
        client.close();
        client141.close();
        server.close();
    }

    @Test
    void createListInspectRemove() {
        Volume created = client.volumes().create(VolumeCreateRequest.named("web").withLabels(Map.of("app", "web")));
        assertEquals("web", created.name());
        assertEquals(created, client.volumes().inspect("web"));
        VolumeList list = client.volumes().list(Filters.of("label", "app=web"));
        assertEquals(List.of("web"), list.volumes().stream().map(Volume::name).toList());
        assertEquals(List.of(), list.warnings());
        client.volumes().remove("web", false);
        EngineApiException e = assertThrows(EngineApiException.class, () -> client.volumes().inspect("web"));
        assertEquals(404, e.status());
        assertEquals("get web: no such volume", e.engineMessage());
        client.volumes().remove("web", true); // force: no error for a missing volume
    }

    @Test
    void createAnswers201AndAnEmptyBodyMakesAnAnonymousVolume() {
        int status = client.http().send("POST", "/volumes/create", null, null);
        assertEquals(201, status);
        List<Volume> all = client.volumes().list().volumes();
        assertEquals(1, all.size());
        assertTrue(all.get(0).name().matches("[0-9a-f]{64}"));
    }

    @Test
    void inspectJsonHasDockersFieldOrderAndNulls() {
        client.volumes().create(VolumeCreateRequest.named("plain"));
        String json = client.http().getTree("/volumes/plain", null).toString();
        assertTrue(json.matches("\\{\"CreatedAt\":\"[^\"]+\",\"Driver\":\"local\",\"Labels\":null,\"Mountpoint\":\"[^\"]+"
                + "/volumes/plain/_data\",\"Name\":\"plain\",\"Options\":null,\"Scope\":\"local\"}"), json);
    }

    @Test
    void pruneSparesNamedVolumesFromApi142ButNotBefore() {
        client.volumes().create(VolumeCreateRequest.named("named1"));
        String anonymous = client.volumes().create(new VolumeCreateRequest(null, null, null, null)).name();
        assertEquals(List.of(anonymous), client.volumes().prune(null).volumesDeleted());
        client.volumes().create(new VolumeCreateRequest(null, null, null, null));
        assertEquals(2, client141.volumes().prune(null).volumesDeleted().size(), "API 1.41 prunes named volumes too");
        assertEquals(List.of(), client.volumes().list().volumes());
    }

    @Test
    void pruneAllAtTheNewestVersion() {
        client.volumes().create(VolumeCreateRequest.named("named2"));
        assertEquals(List.of("named2"), client.volumes().prune(null, true).volumesDeleted());
    }

    @Test
    void badFiltersAre400() {
        EngineApiException e = assertThrows(EngineApiException.class,
                () -> client.volumes().list(Filters.of("dangling", "maybe")));
        assertEquals(400, e.status());
        assertEquals("Invalid filter 'dangling=[maybe]'", e.engineMessage());
    }
}
