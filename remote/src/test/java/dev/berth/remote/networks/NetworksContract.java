package dev.berth.remote.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.EndpointSettings;
import dev.berth.remote.testing.Dockerd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Network operations against the real test dockerd; run over each transport. The fixture's address pool is
 * 10.213.0.0/16; the fixed subnets here sit at its top, away from what the pool hands out first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class NetworksContract {

    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

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
        for (String n : networks) {
            dockerd().docker("network", "rm", n);
        }
    }

    private String createNetwork(NetworkCreateRequest request) {
        networks.add(request.name());
        return client().networks().create(request).id();
    }

    private String runBusybox(String name) {
        containers.add(name);
        return dockerd().docker("run", "-d", "--name", name, Dockerd.BUSYBOX, "sleep", "300").requireSuccess("docker run")
                .stdout().strip();
    }

    @Test
    void createInspectListAndRemoveABridgeNetwork() {
        String u = unique();
        String name = "berth-it-net-" + u;
        Map<String, String> labels = Map.of("berth.it.net", u, "purpose", "test");
        NetworkCreateRequest request = NetworkCreateRequest.named(name).withDriver("bridge").withInternal(true)
                .withIpam(Ipam.subnet("10.213.250.0/24", "10.213.250.1")).withLabels(labels).withCheckDuplicate(true);
        networks.add(name);
        NetworkCreateResponse created = client().networks().create(request);
        assertEquals(dockerd().docker("network", "inspect", "--format", "{{.Id}}", name).requireSuccess("inspect").stdout().strip(),
                created.id());
        assertTrue(created.warning() == null || created.warning().isEmpty(), created.warning());

        NetworkSummary net = client().networks().inspect(name);
        assertEquals(created.id(), net.id());
        assertEquals(name, net.name());
        assertEquals("bridge", net.driver());
        assertEquals("local", net.scope());
        assertEquals(Boolean.TRUE, net.internal());
        assertEquals(Boolean.FALSE, net.enableIpv6());
        assertEquals(labels, net.labels());
        assertFalse(net.created().isBlank());
        assertEquals("default", net.ipam().driver());
        assertEquals(1, net.ipam().config().size());
        assertEquals("10.213.250.0/24", net.ipam().config().get(0).subnet());
        assertEquals("10.213.250.1", net.ipam().config().get(0).gateway());
        assertTrue(net.containers().isEmpty());
        assertEquals(created.id(), client().networks().inspect(created.id(), true).id());

        assertTrue(ids(client().networks().list(Filters.of("name", name))).contains(created.id()));
        assertEquals(List.of(created.id()), ids(client().networks().list(Filters.of("label", "berth.it.net=" + u))));
        assertTrue(ids(client().networks().list(Filters.of("driver", "bridge"))).contains(created.id()));
        assertFalse(ids(client().networks().list(Filters.of("driver", "macvlan"))).contains(created.id()));
        assertTrue(ids(client().networks().list()).contains(created.id()));

        EngineApiException.Conflict duplicate = assertThrows(EngineApiException.Conflict.class,
                () -> client().networks().create(NetworkCreateRequest.named(name).withCheckDuplicate(true)));
        assertTrue(duplicate.engineMessage().contains(name), duplicate.engineMessage());

        client().networks().remove(name);
        assertThrows(EngineApiException.NotFound.class, () -> client().networks().inspect(name));
    }

    @Test
    void connectWithAliasesAndAFixedAddressThenDisconnect() throws Exception {
        String u = unique();
        String network = "berth-it-conn-" + u;
        String networkId = createNetwork(NetworkCreateRequest.named(network)
                .withIpam(Ipam.subnet("10.213.251.0/24", null)).withLabels(Map.of("berth.it.net", u)));
        String first = "berth-it-c1-" + u;
        String second = "berth-it-c2-" + u;
        String firstId = runBusybox(first);
        String secondId = runBusybox(second);

        client().networks().connect(network, first, EndpointSettings.withAliases(List.of("web-" + u, "api-" + u)));
        client().networks().connect(networkId, secondId, EndpointSettings.withAddress("10.213.251.77", null, List.of()));

        NetworkSummary net = client().networks().inspect(network);
        NetworkSummary.Endpoint one = net.containers().get(firstId);
        NetworkSummary.Endpoint two = net.containers().get(secondId);
        assertEquals(first, one.name());
        assertTrue(one.ipv4Address().startsWith("10.213.251.") && one.ipv4Address().endsWith("/24"), one.ipv4Address());
        assertEquals("10.213.251.77/24", two.ipv4Address());
        assertFalse(one.endpointId().isBlank());

        // the container's own view, through the docker CLI
        String json = dockerd().docker("inspect", "--format", "{{json .NetworkSettings.Networks}}", first)
                .requireSuccess("docker inspect").stdout();
        Map<String, EndpointSettings> attached = Json.MAPPER.readValue(json, new TypeReference<>() { });
        EndpointSettings endpoint = attached.get(network);
        assertTrue(endpoint.aliases().containsAll(List.of("web-" + u, "api-" + u)), endpoint.aliases().toString());
        assertEquals(one.ipv4Address(), endpoint.ipAddress() + "/" + endpoint.ipPrefixLen());
        assertEquals(networkId, endpoint.networkId());

        EngineApiException busy = assertThrows(EngineApiException.class, () -> client().networks().remove(network));
        assertTrue(busy.engineMessage().contains("active endpoints"), busy.engineMessage());

        client().networks().disconnect(network, first, false);
        client().networks().disconnect(network, secondId, true);
        assertTrue(client().networks().inspect(network).containers().isEmpty());
        String after = dockerd().docker("inspect", "--format", "{{json .NetworkSettings.Networks}}", first).stdout();
        assertFalse(after.contains(network), after);

        client().networks().remove(network);
        assertThrows(EngineApiException.NotFound.class, () -> client().networks().inspect(networkId));
    }

    @Test
    void pruneWithALabelRemovesOnlyOurUnusedNetwork() {
        String u = unique();
        String doomed = "berth-it-prune-" + u;
        String kept = "berth-it-keep-" + u;
        createNetwork(NetworkCreateRequest.named(doomed).withLabels(Map.of("berth.it.prune", u)));
        createNetwork(NetworkCreateRequest.named(kept).withLabels(Map.of("berth.it.prune", "other-" + u)));

        NetworkPruneReport report = client().networks().prune(Filters.of("label", "berth.it.prune=" + u));
        assertEquals(List.of(doomed), report.networksDeleted());
        assertThrows(EngineApiException.NotFound.class, () -> client().networks().inspect(doomed));
        assertEquals(kept, client().networks().inspect(kept).name());

        NetworkPruneReport none = client().networks().prune(Filters.of("label", "berth.it.prune=" + u));
        assertTrue(none.networksDeleted() == null || none.networksDeleted().isEmpty(), none.toString());
    }

    @Test
    void unknownNetworkIsNotFound() {
        String name = "berth-it-absent-" + unique();
        EngineApiException.NotFound e = assertThrows(EngineApiException.NotFound.class,
                () -> client().networks().inspect(name));
        assertTrue(e.engineMessage().contains(name), e.engineMessage());
        assertThrows(EngineApiException.NotFound.class, () -> client().networks().remove(name));
    }

    private static List<String> ids(List<NetworkSummary> list) {
        return list.stream().map(NetworkSummary::id).toList();
    }
}
