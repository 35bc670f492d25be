package dev.berth.engine.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.networks.Ipam;
import dev.berth.remote.networks.NetworkCreateRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Network bookkeeping without touching the host: validation, subnet choice, persistence and the CNI chain. */
class NetworkServiceTest {

    private static NetworkService service(Path dir) {
        return new NetworkService(dir, new Cni(Path.of("/nonexistent")), "bt-unit0", "10.99.0.1/24",
                "10.98.0.0/16", 24);
    }

    private static NetworkCreateRequest request(String name, String subnet, String gateway, String range) {
        return new NetworkCreateRequest(name, null, null, null, null, null, null, null, null,
                subnet == null ? null : new Ipam("default", List.of(new Ipam.Config(subnet, range, gateway, null)),
                        null), null, null, Map.of("k", "v"));
    }

    @Test
    void createsValidatesAndPersistsNetworks(@TempDir Path dir) {
        NetworkService networks = service(dir);
        assertEquals("10.99.0.0/24", networks.defaultNetwork().subnet());
        assertEquals("10.99.0.1", networks.defaultNetwork().gateway());

        Network n = networks.create(request("app", "10.97.3.0/24", "10.97.3.254", "10.97.3.128/25"));
        assertEquals("br-" + n.id().substring(0, 12), n.bridge());
        assertEquals(Map.of("k", "v"), n.labels());

        assertEquals(409, assertThrows(EngineException.class,
                () -> networks.create(request("app", null, null, null))).status());
        assertEquals(403, assertThrows(EngineException.class,
                () -> networks.create(request("other", "10.97.3.0/25", null, null))).status());
        assertEquals("no matching subnet for gateway 10.1.1.1", assertThrows(EngineException.class,
                () -> networks.create(request("gw", "10.96.0.0/24", "10.1.1.1", null))).getMessage());
        assertEquals(403, assertThrows(EngineException.class,
                () -> networks.create(request("bridge", null, null, null))).status());
        assertEquals(404, assertThrows(EngineException.class, () -> networks.create(
                NetworkCreateRequest.named("ov").withDriver("overlay"))).status());

        Network auto = networks.create(NetworkCreateRequest.named("auto"));
        assertTrue(auto.subnet().startsWith("10.98."), auto.subnet());
        Network auto2 = networks.create(NetworkCreateRequest.named("auto2"));
        assertNotEquals(auto.subnet(), auto2.subnet(), "each network gets its own subnet");

        NetworkService reloaded = service(dir);
        assertEquals(n, reloaded.findOrNull("app"));
        assertEquals(n, reloaded.findOrNull(n.id().substring(0, 6)));
        reloaded.remove(reloaded.findOrNull("auto2"));
        assertEquals(null, service(dir).findOrNull("auto2"));
        assertEquals(403, assertThrows(EngineException.class, () -> reloaded.remove(reloaded.defaultNetwork()))
                .status());
    }

    @Test
    void theChainIsBridgeFirewallAndPortmapWithTheAddressRange(@TempDir Path dir) {
        NetworkService networks = service(dir);
        Network n = networks.create(request("app", "10.97.3.0/24", "10.97.3.254", "10.97.3.128/25"));
        List<ObjectNode> chain = networks.plugins(n, List.of(new PortMapping("127.0.0.1", 8080, 80, "tcp")));
        assertEquals(List.of("bridge", "firewall", "portmap"), chain.stream().map(p -> p.get("type").asText()).toList());
        ObjectNode bridge = chain.get(0);
        assertEquals(n.bridge(), bridge.get("bridge").asText());
        assertTrue(bridge.get("ipMasq").asBoolean());
        var range = bridge.at("/ipam/ranges/0/0");
        assertEquals("10.97.3.128", range.get("rangeStart").asText());
        assertEquals("10.97.3.254", range.get("gateway").asText());
        assertEquals("10.97.3.254", range.get("rangeEnd").asText());
        var mapping = chain.get(2).at("/runtimeConfig/portMappings/0");
        assertEquals(8080, mapping.get("hostPort").asInt());
        assertEquals("127.0.0.1", mapping.get("hostIP").asText());

        Network internal = networks.create(request("sealed", "10.97.4.0/24", null, null).withInternal(true));
        List<ObjectNode> sealed = networks.plugins(internal, List.of());
        assertEquals(1, sealed.size());
        assertFalse(sealed.get(0).get("isGateway").asBoolean());
        assertEquals(0, sealed.get(0).at("/ipam/routes").size());
    }
}
