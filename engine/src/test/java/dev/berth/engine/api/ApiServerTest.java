package dev.berth.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/** The HTTP layer over a real Unix socket: routing, versions, errors, streamed bodies, chunked output, hijack. */
class ApiServerTest {

    static Path dir;
    static Path socket;
    static ApiServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("berth-api");
        socket = dir.resolve("api.sock");
        Routes routes = router -> router
                .add("GET", "/things/{id}/json", req -> Response.json(Map.of("Id", req.param("id"),
                        "All", req.flag("all"), "Filters", req.filters(), "Version", req.apiVersion())))
                .add("GET", "/images/{name:.+}/json", req -> Response.json(Map.of("Name", req.param("name"))))
                .add("POST", "/count", req -> Response.json(Map.of("Bytes", req.body().readAllBytes().length)))
                .add("GET", "/missing", req -> {
                    throw EngineException.notFound("No such thing: x");
                })
                .add("POST", "/started", req -> {
                    throw EngineException.notModified();
                })
                .add("GET", "/lines", req -> Response.stream(200, "application/json", out -> {
                    for (int i = 0; i < 3; i++) {
                        out.write(("{\"n\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                }))
                .add("POST", "/echo", req -> Response.hijack("application/vnd.docker.raw-stream",
                        (in, out) -> {
                            in.transferTo(out);
                            out.write("bye".getBytes(StandardCharsets.UTF_8));
                        }));
        server = new ApiServer(List.of(routes));
        server.listenUnix(socket, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(dir);
    }

    @Test
    void socketIsGroupReadableAndWritableOnly() throws Exception {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void versionedAndPlainPathsReachTheSameRoute() throws Exception {
        String plain = exchange("GET /things/abc/json?all=1&filters=%7B%22label%22%3A%7B%22a%3Db%22%3Atrue%7D%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(plain.startsWith("HTTP/1.1 200"), plain);
        assertTrue(plain.contains("\"Id\":\"abc\""), plain);
        assertTrue(plain.contains("\"All\":true"), plain);
        assertTrue(plain.contains("\"Filters\":{\"label\":[\"a=b\"]}"), plain);
        String versioned = exchange("GET /v1.41/things/abc/json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(versioned.contains("\"Version\":\"1.41\""), versioned);
        assertTrue(versioned.contains("Api-Version: " + ApiVersions.MAX), versioned);
    }

    @Test
    void imageNamesMayContainSlashes() throws Exception {
        String answer = exchange("GET /v1.43/images/registry.local:5000/team/app:1.0/json HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(answer.contains("\"Name\":\"registry.local:5000/team/app:1.0\""), answer);
    }

    @Test
    void errorsAreDockerShaped() throws Exception {
        String missing = exchange("GET /missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(missing.startsWith("HTTP/1.1 404"), missing);
        assertTrue(missing.contains("{\"message\":\"No such thing: x\"}"), missing);
        String unknown = exchange("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(unknown.startsWith("HTTP/1.1 404") && unknown.contains("page not found"), unknown);
        String tooNew = exchange("GET /v1.99/things/a/json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(tooNew.startsWith("HTTP/1.1 400") && tooNew.contains("is too new"), tooNew);
        String tooOld = exchange("GET /v1.24/things/a/json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(tooOld.startsWith("HTTP/1.1 400") && tooOld.contains("is too old"), tooOld);
        String notModified = exchange("POST /started HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(notModified.startsWith("HTTP/1.1 304"), notModified);
    }

    @Test
    void largeBodiesAreStreamedToTheHandler() throws Exception {
        byte[] payload = new byte[5 * 1024 * 1024];
        try (AFUNIXSocket s = connect()) {
            OutputStream out = s.getOutputStream();
            out.write(("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: " + payload.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.contains("\"Bytes\":" + payload.length), answer);
        }
    }

    @Test
    void expectContinueGetsItsInterimAnswerBeforeTheBodyIsSent() throws Exception {
        try (AFUNIXSocket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /count HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(readHead(in).startsWith("HTTP/1.1 100 Continue"));
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.contains("\"Bytes\":3"), answer);
        }
    }

    @Test
    void streamsAreChunked() throws Exception {
        String answer = exchange("GET /lines HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(answer.contains("Transfer-Encoding: chunked"), "chunked, in Go's header spelling: " + answer);
        assertTrue(answer.contains("{\"n\":0}") && answer.contains("{\"n\":2}"), answer);
    }

    @Test
    void hijackUpgradesThenPipesRawBytesUntilHalfClose() throws Exception {
        try (AFUNIXSocket s = connect()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /v1.43/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101 UPGRADED"), head);
            assertTrue(head.toLowerCase().contains("upgrade: tcp"), head);
            out.write("GET / HTTP/1.1 is not parsed here\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            s.shutdownOutput();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("GET / HTTP/1.1 is not parsed here\nbye", rest);
        }
    }

    @Test
    void plainLoopbackTcpRefusesWebPages() throws Exception {
        server.listenTcp(new java.net.InetSocketAddress("127.0.0.1", 0), null);
        int port = server.tcpPort(0);
        String direct = tcpExchange(port, "GET /things/a/json HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(direct.startsWith("HTTP/1.1 200"), direct);
        String fromPage = tcpExchange(port, "GET /things/a/json HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n");
        assertTrue(fromPage.startsWith("HTTP/1.1 403"), fromPage);
        String rebound = tcpExchange(port, "GET /things/a/json HTTP/1.1\r\nHost: evil.example:" + port
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
    }

    private static String tcpExchange(int port, String request) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static AFUNIXSocket connect() throws Exception {
        return AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket));
    }

    private static String exchange(String request) throws Exception {
        try (AFUNIXSocket s = connect()) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
