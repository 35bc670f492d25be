package dev.berth.desktop.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.networks.NetworkCreateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create-network form's checks, which stand between what is typed and the engine. */
class NetworkFormTest {

    private static NetworkForm form(String name, String subnet, String gateway, String ipRange, String labels) {
        return new NetworkForm(name, "bridge", subnet, gateway, ipRange, false, false, false, labels);
    }

    private static List<NetworkForm.Field> fields(NetworkForm form) {
        return form.problems().stream().map(NetworkForm.Problem::field).toList();
    }

    @Test
    void aValidFormBecomesTheEngineRequest() {
        NetworkForm form = new NetworkForm(" backend ", "bridge", "172.30.0.0/16", "172.30.0.1", "172.30.5.0/24",
                true, false, true, "team=web\nenv = dev");
        assertEquals(List.of(), form.problems());
        NetworkCreateRequest request = form.request();
        assertEquals("backend", request.name());
        assertEquals("172.30.0.0/16", request.ipam().config().get(0).subnet());
        assertEquals("172.30.0.1", request.ipam().config().get(0).gateway());
        assertEquals("172.30.5.0/24", request.ipam().config().get(0).ipRange());
        assertEquals(Boolean.TRUE, request.internal());
        assertEquals(Boolean.TRUE, request.enableIpv6());
        assertEquals(Map.of("team", "web", "env", "dev"), request.labels());
    }

    @Test
    void nothingButANameLetsTheEnginePickTheAddresses() {
        NetworkForm form = form("web", "", "", "", "");
        assertEquals(List.of(), form.problems());
        assertEquals(null, form.request().ipam());
    }

    @Test
    void badNamesAreRefused() {
        assertEquals(List.of(NetworkForm.Field.NAME), fields(form("  ", "", "", "", "")));
        assertEquals(List.of(NetworkForm.Field.NAME), fields(form("-web", "", "", "", "")));
        assertEquals(List.of(NetworkForm.Field.NAME), fields(form("my net", "", "", "", "")));
    }

    @Test
    void subnetsMustBeCidr() {
        for (String bad : List.of("10.0.0.0", "10.0.0.0/33", "10.0.0.256/24", "ten/8", "10.0.0.0/", "fd00::/129")) {
            assertEquals(List.of(NetworkForm.Field.SUBNET), fields(form("n", bad, "", "", "")), bad);
        }
        assertEquals(List.of(), fields(form("n", "fd00:1::/64", "fd00:1::1", "", "")));
    }

    @Test
    void gatewayAndRangeMustLieInsideTheSubnet() {
        assertEquals(List.of(NetworkForm.Field.GATEWAY), fields(form("n", "10.1.2.0/24", "10.1.3.1", "", "")));
        assertEquals(List.of(NetworkForm.Field.GATEWAY), fields(form("n", "10.1.2.0/24", "gateway", "", "")));
        assertEquals(List.of(NetworkForm.Field.GATEWAY), fields(form("n", "", "10.1.2.1", "", "")));
        assertEquals(List.of(NetworkForm.Field.IP_RANGE), fields(form("n", "10.1.2.0/24", "", "10.1.0.0/16", "")));
        assertEquals(List.of(NetworkForm.Field.IP_RANGE), fields(form("n", "10.1.2.0/24", "", "10.1.2.0", "")));
        assertEquals(List.of(), fields(form("n", "10.1.0.0/16", "10.1.255.254", "10.1.128.0/17", "")));
        assertTrue(form("n", "10.1.2.0/24", "10.1.3.1", "", "").problems().get(0).message()
                .contains("not inside subnet 10.1.2.0/24"));
    }

    @Test
    void labelsAreKeyEqualsValue() {
        assertEquals(List.of(NetworkForm.Field.LABELS), fields(form("n", "", "", "", "a=1\n=2")));
        assertEquals(List.of(NetworkForm.Field.LABELS), fields(form("n", "", "", "", "loose")));
        NetworkForm commas = form("n", "", "", "", "a=\nb=x=y,z\n\n");
        assertEquals(List.of(), commas.problems());
        assertEquals(Map.of("a", "", "b", "x=y,z"), commas.request().labels());
    }
}
