package dev.berth.remote.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.TransportOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * An "engine" on loopback that answers {@code /_ping} properly and then misbehaves on the container endpoints:
 * every misbehaviour must end in a typed exception within bounded time, never a hang or an unchecked crash.
 */
class MalformedEngineResponsesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private FakeEngine engine;
    private EngineClient client;

    @BeforeEach
    void start() throws IOException {
        engine = new FakeEngine();
        client = EngineClient.connect(EngineEndpoint.parse("tcp://127.0.0.1:" + engine.port(), null, "fake"),
                TransportOptions.DEFAULT.withReadTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        engine.close();
    }

    private <T extends Throwable> T fails(Class<T> type, Executable call) {
        return assertTimeoutPreemptively(BOUND, () -> assertThrows(type, call));
    }

    @Test
    void theFakeEngineIsUsable() {
        engine.on("GET /v1.41/containers/json", ok("application/json", "[{\"Id\":\"abc\",\"Names\":[\"/x\"]}]"));
        assertEquals("1.41", client.apiVersion().toString());
        assertEquals("x", client.containers().list(ListContainersParams.running()).get(0).name());
    }

    @Test
    void invalidJsonWithStatus200() {
        engine.on("GET /v1.41/containers/json", ok("application/json", "[{\"Id\": \"abc\", \"Names\": [}"));
        EngineProtocolException e = fails(EngineProtocolException.class,
                () -> client.containers().list(ListContainersParams.running()));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void jsonOfTheWrongShape() {
        engine.on("GET /v1.41/containers/abc/json", ok("application/json", "[1, 2, 3]"));
        fails(EngineProtocolException.class, () -> client.containers().inspect("abc"));
        engine.on("GET /v1.41/containers/abc/top", ok("application/json", "{\"Titles\": {\"a\": 1}}"));
        fails(EngineProtocolException.class, () -> client.containers().top("abc", null));
    }

    @Test
    void emptyBodyWithStatus200() {
        engine.on("POST /v1.41/containers/create", raw("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n"));
        fails(EngineProtocolException.class,
                () -> client.containers().create(null, ContainerCreateRequest.builder("busybox").build()));
    }

    @Test
    void truncatedBodyThenClose() {
        engine.on("GET /v1.41/containers/json", raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 5000\r\nConnection: close\r\n\r\n[{\"Id\":\"abc\","));
        EngineException e = fails(EngineException.class, () -> client.containers().list(ListContainersParams.running()));
        // a body cut short is a broken connection as far as the transport can tell
        assertTrue(e instanceof EngineConnectionException || e instanceof EngineProtocolException, e.toString());
    }

    @Test
    void serverErrorWithAPlainTextBody() {
        engine.on("POST /v1.41/containers/abc/start", raw("HTTP/1.1 500 Internal Server Error\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 27\r\nConnection: close\r\n\r\nsomething broke in the back"));
        EngineApiException.ServerError e = fails(EngineApiException.ServerError.class,
                () -> client.containers().start("abc"));
        assertEquals(500, e.status());
        assertEquals("something broke in the back", e.engineMessage());
    }

    @Test
    void serverErrorWithAChunkedBody() {
        engine.on("POST /v1.41/containers/abc/start", raw("HTTP/1.1 500 Internal Server Error\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "1d\r\n{\"message\":\"chunked failure\"}\r\n0\r\n\r\n"));
        EngineApiException.ServerError e = fails(EngineApiException.ServerError.class,
                () -> client.containers().start("abc"));
        assertEquals(500, e.status());
        assertEquals("chunked failure", e.engineMessage(), "the engine's own words survive chunked framing");
    }

    @Test
    void errorWithoutABody() {
        engine.on("DELETE /v1.41/containers/abc", raw("HTTP/1.1 409 Conflict\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n"));
        EngineApiException.Conflict e = fails(EngineApiException.Conflict.class,
                () -> client.containers().remove("abc", false, false));
        assertTrue(e.getMessage().contains("409"), e.getMessage());
    }

    @Test
    void multiplexedLogsWithAGarbageHeader() {
        engine.on("GET /v1.41/containers/abc/json", ok("application/json", "{\"Id\":\"abc\",\"Config\":{\"Tty\":false}}"));
        engine.on("GET /v1.41/containers/abc/logs", ok("application/vnd.docker.raw-stream",
                "this is not a frame header at all\n"));
        assertTimeoutPreemptively(BOUND, () -> {
            try (ContainerOutput out = client.containers().logs("abc", LogsOptions.both())) {
                EngineProtocolException e = assertThrows(EngineProtocolException.class, out::next);
                assertTrue(e.getMessage().contains("not multiplexed"), e.getMessage());
            }
        });
    }

    @Test
    void multiplexedLogsWithAnAbsurdFrameSize() {
        byte[] header = {1, 0, 0, 0, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        engine.on("GET /v1.41/containers/abc/logs", okBytes("application/vnd.docker.raw-stream", header));
        assertTimeoutPreemptively(BOUND, () -> {
            try (ContainerOutput out = client.containers().logs("abc", LogsOptions.both().knownTty(false))) {
                assertThrows(EngineProtocolException.class, out::next);
            }
        });
    }

    @Test
    void followedLogsCutOffInsideAFrame() {
        byte[] partial = {1, 0, 0, 0, 0, 0, 0, 10, 'a', 'b', 'c'};
        engine.on("GET /v1.41/containers/abc/logs", okBytes("application/vnd.docker.raw-stream", partial));
        assertTimeoutPreemptively(BOUND, () -> {
            try (ContainerOutput out = client.containers().logs("abc", LogsOptions.both().knownTty(false).following())) {
                assertThrows(EngineProtocolException.class, out::next);
            }
        });
    }

    @Test
    void engineThatNeverAnswersTimesOut() {
        engine.on("GET /v1.41/containers/json", FakeEngine.SILENCE);
        long start = System.nanoTime();
        EngineConnectionException e = fails(EngineConnectionException.class,
                () -> client.containers().list(ListContainersParams.running()));
        assertEquals(EngineConnectionException.Kind.READ_TIMEOUT, e.kind(), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 1500, "it waited for the read timeout");
    }

    @Test
    void headersThatNeverEndTimeOut() {
        engine.on("GET /v1.41/containers/abc/json", rawThenHold("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"));
        EngineConnectionException e = fails(EngineConnectionException.class, () -> client.containers().inspect("abc"));
        assertEquals(EngineConnectionException.Kind.READ_TIMEOUT, e.kind(), e.getMessage());
    }

    @Test
    void bodyThatStallsTimesOut() {
        engine.on("GET /v1.41/containers/abc/json", rawThenHold("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"Id\":"));
        EngineConnectionException e = fails(EngineConnectionException.class, () -> client.containers().inspect("abc"));
        assertEquals(EngineConnectionException.Kind.READ_TIMEOUT, e.kind(), e.getMessage());
    }

    @Test
    void waitEndedWithoutAnswer() {
        engine.on("POST /v1.41/containers/abc/wait", ok("application/json", ""));
        EngineProtocolException e = fails(EngineProtocolException.class,
                () -> client.containers().wait("abc", WaitCondition.NOT_RUNNING));
        assertTrue(e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void archiveStatHeaderThatIsNotBase64Json() {
        engine.on("HEAD /v1.41/containers/abc/archive", raw("HTTP/1.1 200 OK\r\nX-Docker-Container-Path-Stat: %%%\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n"));
        fails(EngineProtocolException.class, () -> client.containers().statPath("abc", "/etc"));
        String notJson = Base64.getEncoder().encodeToString("just text".getBytes(StandardCharsets.UTF_8));
        engine.on("HEAD /v1.41/containers/abc/archive", raw("HTTP/1.1 200 OK\r\nX-Docker-Container-Path-Stat: " + notJson
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        fails(EngineProtocolException.class, () -> client.containers().statPath("abc", "/etc"));
        engine.on("GET /v1.41/containers/abc/archive", ok("application/x-tar", "tar bytes"));
        fails(EngineProtocolException.class, () -> client.containers().getArchive("abc", "/etc"));
    }

    @Test
    void attachThatIsNotUpgraded() {
        engine.on("POST /v1.41/containers/abc/attach", ok("application/vnd.docker.raw-stream", "hello"));
        fails(EngineProtocolException.class,
                () -> client.containers().attach("abc", AttachOptions.interactive(), false));
        engine.on("POST /v1.41/exec/e1/start", ok("application/vnd.docker.raw-stream", "hello"));
        fails(EngineProtocolException.class, () -> client.exec().start("e1", false));
    }

    @Test
    void execCreateWithAMissingId() {
        engine.on("POST /v1.41/containers/abc/exec", ok("application/json", "{}"));
        fails(EngineProtocolException.class, () -> client.exec().create("abc", ExecCreateRequest.builder("true").build()));
    }

    @Test
    void statsStreamWithGarbageAfterAGoodSample() {
        engine.on("GET /v1.41/containers/abc/stats", ok("application/json",
                "{\"read\":\"2024-01-01T00:00:00Z\",\"memory_stats\":{\"usage\":5}}\n{\"read\": oops"));
        assertTimeoutPreemptively(BOUND, () -> {
            try (var stream = client.containers().statsStream("abc")) {
                assertEquals(5L, stream.next().memoryStats().usage());
                assertThrows(EngineProtocolException.class, stream::next);
            }
        });
    }

    // ---- the fake engine ------------------------------------------------------------------------------------------

    private static FakeEngine.Action ok(String contentType, String body) {
        return okBytes(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FakeEngine.Action okBytes(String contentType, byte[] body) {
        return out -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            return true;
        };
    }

    private static FakeEngine.Action raw(String response) {
        return out -> {
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            return true;
        };
    }

    private static FakeEngine.Action rawThenHold(String response) {
        return out -> {
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return false;
        };
    }

    /** A minimal HTTP/1.1 server: one request per connection, answered by the action registered for it. */
    static final class FakeEngine implements AutoCloseable {

        /** Writes the answer; returns false to keep the connection open without a word more. */
        interface Action {
            boolean answer(OutputStream out) throws IOException;
        }

        static final Action SILENCE = out -> false;

        private final ServerSocket server;
        private final Map<String, Action> routes = new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        FakeEngine() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            routes.put("HEAD /_ping", raw("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nOstype: linux\r\n"
                    + "Server: Docker/20.10.24 (linux)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            Thread acceptor = new Thread(this::acceptLoop, "fake-engine");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void on(String methodAndPath, Action action) {
            routes.put(methodAndPath, action);
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread handler = new Thread(() -> handle(socket), "fake-engine-connection");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void handle(Socket socket) {
            try {
                InputStream in = socket.getInputStream();
                String head = readHead(in);
                if (head == null) {
                    socket.close();
                    return;
                }
                String requestLine = head.substring(0, head.indexOf("\r\n"));
                String[] parts = requestLine.split(" ");
                String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
                skipBody(in, head);
                Action action = routes.getOrDefault(parts[0] + " " + path, raw("HTTP/1.1 404 Not Found\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 27\r\nConnection: close\r\n\r\n"
                        + "{\"message\":\"no such route\"}"));
                OutputStream out = socket.getOutputStream();
                if (action.answer(out)) {
                    out.flush();
                    socket.close();
                } else {
                    held.add(socket);
                }
            } catch (IOException e) {
                // the client gave up: fine
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                        : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
                if (state == 4) {
                    return head.toString(StandardCharsets.ISO_8859_1);
                }
            }
            return null;
        }

        private static void skipBody(InputStream in, String head) throws IOException {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    long n = Long.parseLong(line.substring(15).trim());
                    in.readNBytes((int) n);
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
