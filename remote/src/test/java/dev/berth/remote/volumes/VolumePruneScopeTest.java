package dev.berth.remote.volumes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code all=true} reaches only engines that know it (API 1.42+), where it widens prune to named volumes; API 1.41
 * refuses the unknown filter. Checked against a pretend engine that records the filters it receives.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class VolumePruneScopeTest {

    private static List<String> prunes(String engineVersion, boolean all, Filters filters) throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = "{\"VolumesDeleted\":[\"v\"],\"SpaceReclaimed\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Api-Version", engineVersion);
            if (path.endsWith("/volumes/prune")) {
                String q = exchange.getRequestURI().getRawQuery();
                received.add(path + "?" + (q == null ? "" : URLDecoder.decode(q, StandardCharsets.UTF_8)));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.start();
        try (EngineClient client = EngineClient.connect(
                EngineEndpoint.parse("tcp://127.0.0.1:" + server.getAddress().getPort(), null, "fake engine"))) {
            VolumePruneReport report = client.volumes().prune(filters, all);
            assertEquals(List.of("v"), report.volumesDeleted());
        } finally {
            server.stop(0);
        }
        return received;
    }

    @Test
    void allIsSentFromApi142() throws IOException {
        assertEquals(List.of("/v1.45/volumes/prune?filters={\"all\":[\"true\"],\"label\":[\"a=b\"]}"),
                prunes("1.45", true, Filters.of("label", "a=b")));
        assertEquals(List.of("/v1.45/volumes/prune?filters={\"label\":[\"a=b\"]}"),
                prunes("1.45", false, Filters.of("label", "a=b")));
    }

    @Test
    void allIsNeverSentToApi141() throws IOException {
        assertEquals(List.of("/v1.41/volumes/prune?filters={\"label\":[\"a=b\"]}"),
                prunes("1.41", true, Filters.of("label", "a=b")));
        assertEquals(List.of("/v1.41/volumes/prune?filters={\"label\":[\"a=b\"]}"),
                prunes("1.41", false, Filters.of("label", "a=b").and("all", "true")));
        assertEquals(List.of("/v1.41/volumes/prune?"), prunes("1.41", true, null));
    }
}
