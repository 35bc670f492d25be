package dev.berth.remote.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.LocalRegistry;
import dev.berth.remote.testing.ProcessResult;
import dev.berth.remote.testing.TestDirs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * The real docker CLI pointed at the monitoring proxy behaves exactly as when it talks to dockerd directly (output,
 * exit codes, hijacked stdin with half-close, a pty, followed logs, pull progress, events), and every exchange it
 * makes is recorded.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MonitoringProxyTest {

    private static final String IMAGE = Dockerd.BUSYBOX;

    private static Dockerd dockerd;
    private static Path dir;
    private static TrafficRecorder recorder;
    private static MonitoringProxy proxy;

    @BeforeAll
    static void startProxy() throws IOException {
        dockerd = Dockerd.shared();
        dir = Files.createTempDirectory(Path.of("/tmp"), "berth-mon-");
        recorder = new TrafficRecorder();
        proxy = MonitoringProxy.start(ProxyAddress.unix(dir.resolve("api.sock")), dockerd.unixEndpoint(), recorder);
    }

    @AfterAll
    static void stopProxy() throws IOException {
        if (proxy != null) {
            proxy.close();
            assertFalse(Files.exists(dir.resolve("api.sock")), "closing removes the socket");
        }
        TestDirs.delete(dir);
    }

    @BeforeEach
    void forgetEarlierTraffic() {
        recorder.clear();
    }

    private static ProcessResult viaProxy(byte[] stdin, String... args) {
        return dockerd.dockerWith(Map.of("DOCKER_HOST", proxy.dockerHost()), stdin, args);
    }

    private static ProcessResult direct(byte[] stdin, String... args) {
        return dockerd.dockerWith(Map.of("DOCKER_HOST", "unix://" + dockerd.socket()), stdin, args);
    }

    private static List<TrafficRecord> recorded(Predicate<TrafficRecord> which) {
        return recorder.snapshot().stream().filter(which).toList();
    }

    /**
     * The first such record, waiting for it if needed: the client may see the end of a response a moment before the
     * proxy has recorded it.
     */
    /** The first finished exchange that matches (a stream is recorded open first, then again when it ends). */
    static TrafficRecord awaitRecorded(TrafficRecorder recorder, Predicate<TrafficRecord> which) {
        return awaitAny(recorder, which.and(r -> !r.open()));
    }

    static TrafficRecord awaitAny(TrafficRecorder recorder, Predicate<TrafficRecord> which) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            var found = recorder.snapshot().stream().filter(which).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no such exchange was recorded; recorded: "
                + recorder.snapshot().stream().map(r -> r.method() + " " + r.target() + " " + r.status()).toList());
    }

    private static Predicate<TrafficRecord> call(String method, String apiPathRegex) {
        return r -> r.method().equals(method) && StreamKinds.apiPath(r.target()).matches(apiPathRegex);
    }

    @Test
    void socketIsGroupReadableOnlyAndTheDockerHostLineNamesIt() throws IOException {
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api.sock"))));
        assertEquals("unix://" + dir.resolve("api.sock"), proxy.dockerHost());
    }

    @Test
    void runPrintsTheSameAsDirectAndIsRecorded() {
        ProcessResult through = viaProxy(null, "run", "--rm", IMAGE, "echo", "hi");
        ProcessResult straight = direct(null, "run", "--rm", IMAGE, "echo", "hi");
        assertEquals(straight.exitCode(), through.exitCode(), through.toString());
        assertEquals(0, through.exitCode(), through.toString());
        assertEquals("hi\n", through.stdout());
        assertEquals(straight.stdout(), through.stdout());

        awaitRecorded(recorder, call("POST", "/containers/create"));
        List<TrafficRecord> created = recorded(call("POST", "/containers/create"));
        assertEquals(1, created.size(), recorder.snapshot().toString());
        TrafficRecord create = created.get(0);
        assertEquals(201, create.status());
        assertEquals(TrafficSource.PROXY, create.source());
        assertTrue(create.target().matches("/v1\\.\\d+/containers/create.*"), create.target());
        assertTrue(create.requestBody().text().contains("\"Image\":\"" + IMAGE + "\""), create.requestBody().text());
        assertTrue(create.responseBody().text().contains("\"Id\""), create.responseBody().text());
        assertNotNull(create.latency());
        assertNull(create.error());
        assertTrue(create.client().startsWith("docker (pid "), create.client());

        TrafficRecord attach = awaitRecorded(recorder, call("POST", "/containers/[^/]+/attach"));
        assertTrue(attach.upgraded(), "the attach was hijacked");
        assertEquals(101, attach.status());
        assertTrue(attach.responseBody().stream());
        assertTrue(attach.responseBody().bytes() >= "hi\n".length(), attach.responseBody().describe());
        awaitRecorded(recorder, call("POST", "/containers/[^/]+/start").and(r -> r.status() == 204));
        awaitRecorded(recorder, call("POST", "/containers/[^/]+/wait").and(r -> r.status() == 200));
    }

    @Test
    void pipedStdinGoesThroughTheHijackAndHalfCloseEndsIt() {
        byte[] stdin = "hello\n".getBytes(StandardCharsets.UTF_8);
        ProcessResult through = viaProxy(stdin, "run", "-i", "--rm", IMAGE, "cat");
        ProcessResult straight = direct(stdin, "run", "-i", "--rm", IMAGE, "cat");
        assertEquals(0, through.exitCode(), through.toString());
        assertEquals("hello\n", through.stdout());
        assertEquals(straight.stdout(), through.stdout());
        assertEquals(straight.exitCode(), through.exitCode());

        TrafficRecord attach = awaitRecorded(recorder, call("POST", "/containers/[^/]+/attach"));
        assertTrue(attach.upgraded());
        assertTrue(attach.target().contains("stdin=1"), attach.target());
        assertTrue(attach.requestBody().bytes() >= stdin.length, "stdin was counted: " + attach.requestBody());
        assertTrue(attach.requestBody().stream());
    }

    @Test
    void exitCodesAndErrorsAreTheSame() {
        ProcessResult through = viaProxy(null, "run", "--rm", IMAGE, "sh", "-c", "echo out; echo err >&2; exit 7");
        ProcessResult straight = direct(null, "run", "--rm", IMAGE, "sh", "-c", "echo out; echo err >&2; exit 7");
        assertEquals(7, through.exitCode());
        assertEquals(straight.exitCode(), through.exitCode());
        assertEquals("out\n", through.stdout());
        assertEquals(straight.stderr(), through.stderr());

        String missing = "berth-no-such-container-" + UUID.randomUUID();
        ProcessResult notFound = viaProxy(null, "inspect", missing);
        assertEquals(direct(null, "inspect", missing).stderr(), notFound.stderr());
        assertEquals(1, notFound.exitCode());
        TrafficRecord lookup = awaitRecorded(recorder, call("GET", "/containers/" + missing + "/json"));
        assertEquals(404, lookup.status());
        assertTrue(lookup.failed());
        assertTrue(lookup.responseBody().text().contains("No such"), lookup.responseBody().text());
    }

    @Test
    void interactiveTtyRunWorksUnderARealTerminal() {
        String command = "docker run -it --rm " + IMAGE + " sh -c 'echo inside; sleep 0.5; stty size'";
        ProcessResult through = Commands.run(List.of("script", "-qec", "stty rows 33 cols 101; " + command, "/dev/null"),
                Map.of("DOCKER_HOST", proxy.dockerHost(), "DOCKER_CONFIG", dir.resolve("cli").toString()),
                new byte[0], 60);
        ProcessResult straight = Commands.run(List.of("script", "-qec", "stty rows 33 cols 101; " + command, "/dev/null"),
                Map.of("DOCKER_HOST", "unix://" + dockerd.socket(), "DOCKER_CONFIG", dir.resolve("cli").toString()),
                new byte[0], 60);
        assertEquals(straight.exitCode(), through.exitCode(), through.toString());
        assertEquals(0, through.exitCode(), through.toString());
        assertTrue(through.stdout().replace("\r", "").contains("inside\n"), through.stdout());
        assertTrue(through.stdout().contains("33 101"), "the resize went through: " + through.stdout());

        TrafficRecord attach = awaitRecorded(recorder, call("POST", "/containers/[^/]+/attach"));
        assertTrue(attach.upgraded());
        awaitRecorded(recorder, call("POST", "/containers/[^/]+/resize").and(r -> r.status() == 200));
    }

    @Test
    void followedLogsArriveWhileTheContainerRunsAndEndWithIt() throws Exception {
        String name = "berth-mon-logs-" + UUID.randomUUID().toString().substring(0, 8);
        direct(null, "run", "-d", "--name", name, IMAGE, "sh", "-c",
                "for i in 1 2 3 4 5 6; do echo line$i; sleep 0.5; done").requireSuccess("start a talker");
        try {
            ProcessBuilder pb = new ProcessBuilder(dockerCli(), "logs", "-f", name);
            pb.environment().put("DOCKER_HOST", proxy.dockerHost());
            pb.environment().put("DOCKER_CONFIG", dir.resolve("cli").toString());
            pb.redirectErrorStream(true);
            Process logs = pb.start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(logs.getInputStream(), StandardCharsets.UTF_8))) {
                lines.add(out.readLine());
                // the first line reached us while the container still runs: the stream is forwarded, not buffered
                assertEquals("true", direct(null, "inspect", "-f", "{{.State.Running}}", name).stdout().strip());
                // and the monitor already shows the exchange, as open
                TrafficRecord open = awaitAny(recorder, call("GET", "/containers/[0-9a-f]{64}/logs"));
                assertTrue(open.open(), "shown while the stream goes on");
                assertEquals(200, open.status());
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            }
            assertTrue(logs.waitFor(60, TimeUnit.SECONDS), "logs -f ends when the container exits");
            assertEquals(0, logs.exitValue());
            assertEquals(List.of("line1", "line2", "line3", "line4", "line5", "line6"), lines);
            assertEquals(direct(null, "logs", name).stdout(), String.join("\n", lines) + "\n");
        } finally {
            direct(null, "rm", "-f", name);
        }
        TrafficRecord follow = awaitRecorded(recorder, call("GET", "/containers/[0-9a-f]{64}/logs"));
        assertEquals(1, recorder.snapshot().stream().filter(r -> r.id() == follow.id()).count(),
                "the finished exchange took the open one's place");
        assertTrue(follow.query().contains("follow=1"), follow.target());
        assertEquals(200, follow.status());
        assertTrue(follow.responseBody().stream());
        assertNull(follow.responseBody().text(), "a stream's content is not kept");
        assertTrue(follow.responseBody().units() >= 6, follow.responseBody().describe());
        assertTrue(follow.responseBody().describe().startsWith("stream, "), follow.responseBody().describe());
    }

    @Test
    void pullShowsProgressAndLeavesTheImage() {
        String repo = LocalRegistry.shared().address() + "/berth-it/monitor-" + UUID.randomUUID().toString().substring(0, 8);
        direct(null, "tag", IMAGE, repo + ":v1").requireSuccess("tag");
        direct(null, "push", repo + ":v1").requireSuccess("push");
        direct(null, "rmi", repo + ":v1").requireSuccess("rmi");
        try {
            ProcessResult pull = viaProxy(null, "pull", repo + ":v1");
            assertEquals(0, pull.exitCode(), pull.toString());
            assertTrue(pull.stdout().contains("v1: Pulling from berth-it/monitor-"), pull.stdout());
            assertTrue(pull.stdout().contains("Downloaded newer image for " + repo + ":v1"), pull.stdout());
            assertEquals(0, direct(null, "image", "inspect", repo + ":v1").exitCode(), "the image is there afterwards");
        } finally {
            direct(null, "rmi", "-f", repo + ":v1");
        }
        TrafficRecord create = awaitRecorded(recorder, call("POST", "/images/create"));
        assertEquals(200, create.status());
        assertTrue(create.query().contains("fromImage="), create.target());
        assertTrue(create.responseBody().stream());
        assertTrue(create.responseBody().units() >= 3, "progress lines were counted: " + create.responseBody().describe());
    }

    @Test
    void eventsBetweenTwoTimesAreTheSameAndTheStreamIsSummarised() {
        long since = Instant.now().getEpochSecond() - 1;
        String name = "berth-mon-events-" + UUID.randomUUID().toString().substring(0, 8);
        direct(null, "create", "--name", name, IMAGE, "true").requireSuccess("create");
        direct(null, "rm", name).requireSuccess("rm");
        long until = Instant.now().getEpochSecond() + 1;
        String[] args = {"events", "--since", String.valueOf(since), "--until", String.valueOf(until),
                "--filter", "container=" + name, "--format", "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}"};
        ProcessResult through = viaProxy(null, args);
        ProcessResult straight = direct(null, args);
        assertEquals(0, through.exitCode(), through.toString());
        assertEquals(straight.stdout(), through.stdout());
        assertTrue(through.stdout().contains("container create " + name), through.stdout());
        assertTrue(through.stdout().contains("container destroy " + name), through.stdout());

        TrafficRecord events = awaitRecorded(recorder, call("GET", "/events"));
        assertTrue(events.responseBody().stream());
        assertTrue(events.responseBody().units() >= 2, events.responseBody().describe());
        assertTrue(events.responseBody().describe().matches("stream, \\d+ bytes, \\d+ lines, open for \\d+\\.\\d s"),
                events.responseBody().describe());
    }

    @Test
    void loopbackTcpListenerForwardsTheSame() throws IOException {
        try (MonitoringProxy tcp = MonitoringProxy.start(ProxyAddress.loopback(0), dockerd.unixEndpoint(), recorder)) {
            assertTrue(tcp.address().port() > 0);
            assertTrue(tcp.dockerHost().matches("tcp://127\\.0\\.0\\.1:\\d+"), tcp.dockerHost());
            String[] args = {"version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}"};
            ProcessResult through = dockerd.dockerWith(Map.of("DOCKER_HOST", tcp.dockerHost()), null, args);
            assertEquals(0, through.exitCode(), through.toString());
            assertEquals(direct(null, args).stdout(), through.stdout());
            TrafficRecord version = awaitRecorded(recorder, call("GET", "/version"));
            assertTrue(version.client().startsWith("127.0.0.1:"), version.client());
            assertEquals(200, version.status());
        }
    }

    @Test
    void forwardsToTheEngineOverMutualTls() throws IOException {
        try (MonitoringProxy tls = MonitoringProxy.start(ProxyAddress.unix(dir.resolve("tls.sock")),
                dockerd.tlsEndpoint(), recorder)) {
            ProcessResult through = dockerd.dockerWith(Map.of("DOCKER_HOST", tls.dockerHost()),
                    "over tls\n".getBytes(StandardCharsets.UTF_8), "run", "-i", "--rm", IMAGE, "cat");
            assertEquals(0, through.exitCode(), through.toString());
            assertEquals("over tls\n", through.stdout());
        }
    }

    @Test
    void keepAliveRequestsAndExpectContinueGoThroughOneConnection() throws IOException {
        String name = "berth-mon-expect-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = ("{\"Image\":\"" + IMAGE + "\",\"Cmd\":[\"true\"]}").getBytes(StandardCharsets.UTF_8);
        try (AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(dir.resolve("api.sock")))) {
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            out.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\nGET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 2; i++) {
                HttpHead ping = HttpHead.read(in);
                assertEquals(200, ping.status(), ping.startLine());
                assertEquals("OK", new String(in.readNBytes((int) ping.contentLength()), StandardCharsets.US_ASCII));
            }
            out.write(("POST /containers/create?name=" + name + " HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                    + "Expect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            HttpHead interim = HttpHead.read(in);
            assertEquals(100, interim.status(), "the engine's 100 Continue is passed on before the body is sent");
            out.write(body);
            out.flush();
            HttpHead created = HttpHead.read(in);
            assertEquals(201, created.status(), created.startLine());
        } finally {
            direct(null, "rm", "-f", name);
        }
        assertEquals(2, recorded(call("GET", "/_ping")).size());
        TrafficRecord create = awaitRecorded(recorder, call("POST", "/containers/create"));
        assertEquals(201, create.status());
        assertEquals(body.length, create.requestBody().bytes());
    }

    @Test
    void nonLoopbackAndMalformedAddressesAreRefused() {
        IllegalArgumentException any = assertThrows(IllegalArgumentException.class,
                () -> ProxyAddress.parse("tcp://0.0.0.0:2399"));
        assertTrue(any.getMessage().contains("loopback"), any.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProxyAddress.parse("unix://relative.sock"));
        assertThrows(IllegalArgumentException.class, () -> ProxyAddress.parse("http://127.0.0.1:80"));
        assertThrows(IllegalArgumentException.class, () -> ProxyAddress.unix(dir.resolve("x".repeat(120))));
        assertEquals("tcp://127.0.0.1:2399", ProxyAddress.parse("tcp://localhost:2399").dockerHost());
    }

    @Test
    void aStaleSocketIsReplacedButAFileOrALiveSocketIsNot() throws IOException {
        Path stale = dir.resolve("stale.sock");
        AFUNIXServerSocket leftOver = AFUNIXServerSocket.newInstance();
        leftOver.setDeleteOnClose(false);
        leftOver.bind(AFUNIXSocketAddress.of(stale));
        leftOver.close();
        assertTrue(Files.exists(stale), "a socket file left behind");
        try (MonitoringProxy replaced = MonitoringProxy.start(ProxyAddress.unix(stale), dockerd.unixEndpoint(), recorder)) {
            assertEquals(0, dockerd.dockerWith(Map.of("DOCKER_HOST", replaced.dockerHost()), null, "ps").exitCode());
            IOException live = assertThrows(IOException.class,
                    () -> MonitoringProxy.start(ProxyAddress.unix(stale), dockerd.unixEndpoint(), recorder));
            assertTrue(live.getMessage().contains("in use"), live.getMessage());
        }
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "mine");
        IOException notSocket = assertThrows(IOException.class,
                () -> MonitoringProxy.start(ProxyAddress.unix(file), dockerd.unixEndpoint(), recorder));
        assertTrue(notSocket.getMessage().contains("not a socket"), notSocket.getMessage());
        assertEquals("mine", Files.readString(file), "the file was left alone");
    }

    @Test
    void anEngineThatIsDownGivesTheClientA502AndIsRecordedAsAnError() throws IOException {
        EngineEndpoint gone = EngineEndpoint.parse("unix://" + dir.resolve("no-engine.sock"), null, "test");
        try (MonitoringProxy down = MonitoringProxy.start(ProxyAddress.unix(dir.resolve("down.sock")), gone, recorder)) {
            ProcessResult ps = dockerd.dockerWith(Map.of("DOCKER_HOST", down.dockerHost()), null, "ps");
            assertNotEquals(0, ps.exitCode());
            assertTrue(ps.stderr().contains("Berth monitor: cannot reach the engine at unix://" + dir.resolve("no-engine.sock")),
                    ps.stderr());
            List<TrafficRecord> failed = recorder.snapshot();
            assertFalse(failed.isEmpty());
            for (TrafficRecord r : failed) {
                assertEquals(502, r.status());
                assertTrue(r.error().contains("cannot reach the engine"), r.error());
                assertTrue(r.failed());
            }
        }
    }

    private static String dockerCli() {
        return Commands.find("/usr/local/bin/docker", "/usr/bin/docker");
    }

}
