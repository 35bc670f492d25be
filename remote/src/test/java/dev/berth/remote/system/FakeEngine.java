package dev.berth.remote.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pretend engine on loopback that answers {@code /_ping} with a chosen {@code Api-Version} (or none) and
 * {@code /vX.Y/version} only for versions it accepts, the way dockerd refuses a client that is too old or too new.
 */
final class FakeEngine implements AutoCloseable {

    private static final Pattern VERSIONED = Pattern.compile("/v(\\d+\\.\\d+)(/.*)");

    private final HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    /**
     * @param advertised what {@code /_ping} says in {@code Api-Version}, or {@code null} to leave the header out
     * @param min        the oldest version the engine accepts in a path
     * @param max        the newest version the engine accepts in a path
     */
    FakeEngine(String advertised, String min, String max) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> handle(exchange, advertised, ApiVersion.parse(min), ApiVersion.parse(max)));
        server.start();
    }

    private void handle(HttpExchange exchange, String advertised, ApiVersion min, ApiVersion max) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(exchange.getRequestMethod() + " " + path);
        exchange.getResponseHeaders().add("Server", "Docker/99.0.0 (linux)");
        exchange.getResponseHeaders().add("Ostype", "linux");
        if (path.equals("/_ping")) {
            if (advertised != null) {
                exchange.getResponseHeaders().add("Api-Version", advertised);
            }
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
            } else {
                reply(exchange, 200, "text/plain", "OK");
            }
            return;
        }
        Matcher m = VERSIONED.matcher(path);
        if (!m.matches()) {
            reply(exchange, 404, "application/json", "{\"message\":\"page not found\"}");
            return;
        }
        ApiVersion asked = ApiVersion.parse(m.group(1));
        if (asked.compareTo(min) < 0) {
            reply(exchange, 400, "application/json", "{\"message\":\"client version " + asked + " is too old. Minimum"
                    + " supported API version is " + min + ", please upgrade your client to a newer version\"}");
        } else if (asked.compareTo(max) > 0) {
            reply(exchange, 400, "application/json", "{\"message\":\"client version " + asked + " is too new."
                    + " Maximum supported API version is " + max + "\"}");
        } else if (m.group(2).equals("/version")) {
            reply(exchange, 200, "application/json", "{\"Version\":\"99.0.0\",\"ApiVersion\":\"" + max
                    + "\",\"MinAPIVersion\":\"" + min + "\",\"Os\":\"linux\",\"Arch\":\"amd64\"}");
        } else {
            reply(exchange, 404, "application/json", "{\"message\":\"page not found\"}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    int port() {
        return server.getAddress().getPort();
    }

    EngineClient client() {
        return EngineClient.connect(EngineEndpoint.parse("tcp://127.0.0.1:" + port(), null, "fake engine"));
    }

    /** "METHOD /path" of every request received, in order. */
    List<String> requests() {
        return List.copyOf(paths);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
