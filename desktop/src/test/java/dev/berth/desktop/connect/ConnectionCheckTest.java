package dev.berth.desktop.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.EngineConnectionException.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The Test button's verdicts that need no real engine: a closed port, and engines that are too old or too new. */
class ConnectionCheckTest {

    /** A loopback "engine" answering each request with {@code answer.apply("METHOD /path")}, one per connection. */
    private static final class FakeEngine implements AutoCloseable {
        private final ServerSocket server;

        FakeEngine(Function<String, String> answer) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket socket = server.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        String requestLine = in.readLine();
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // headers
                        }
                        String[] parts = requestLine == null ? new String[0] : requestLine.split(" ");
                        OutputStream out = socket.getOutputStream();
                        out.write(answer.apply(parts.length > 1 ? parts[0] + " " + parts[1] : "")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "fake-engine");
            thread.setDaemon(true);
            thread.start();
        }

        EngineEndpoint endpoint() {
            return EngineEndpoint.parse("tcp://127.0.0.1:" + server.getLocalPort(), null, "test");
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static String response(String status, String headers, String body) {
        return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    @Test
    void anEngineTooOldForBerthIsNamedSo() throws Exception {
        try (FakeEngine old = new FakeEngine(request -> response("200 OK",
                "Api-Version: 1.24\r\nServer: Docker/1.12.6 (linux)\r\n", request.startsWith("HEAD") ? "" : "OK"))) {
            ConnectionCheck.Outcome outcome = ConnectionCheck.run(old.endpoint());
            assertFalse(outcome.ok());
            assertEquals(Kind.API_VERSION_UNSUPPORTED, outcome.kind());
            assertEquals("The API version is too old", outcome.headline());
            assertTrue(outcome.detail().contains("1.24"), outcome.detail());
        }
    }

    @Test
    void anEngineThatRefusesOurApiVersionIsNamedSo() throws Exception {
        try (FakeEngine strict = new FakeEngine(request -> request.contains("/_ping")
                ? response("200 OK", "Api-Version: 1.51\r\n", request.startsWith("HEAD") ? "" : "OK")
                : response("400 Bad Request", "", "{\"message\":\"client version 1.51 is too old. Minimum supported API"
                        + " version is 1.52, please upgrade your client to a newer version\"}"))) {
            ConnectionCheck.Outcome outcome = ConnectionCheck.run(strict.endpoint());
            assertFalse(outcome.ok());
            assertEquals(Kind.API_VERSION_UNSUPPORTED, outcome.kind());
            assertTrue(outcome.detail().contains("Minimum supported API version is 1.52"), outcome.detail());
        }
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ConnectionCheck.Outcome outcome = ConnectionCheck.run(
                EngineEndpoint.parse("tcp://127.0.0.1:" + port, null, "test"));
        assertEquals(Kind.CONNECTION_REFUSED, outcome.kind());
        assertEquals("Connection refused: nothing listens there", outcome.headline());
    }

    @Test
    void everyKindHasItsOwnHeadline() {
        Set<String> headlines = new HashSet<>();
        Arrays.stream(Kind.values()).forEach(k -> headlines.add(ConnectionCheck.headline(k)));
        assertEquals(Kind.values().length, headlines.size(), headlines.toString());
    }
}
