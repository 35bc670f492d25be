package dev.berth.remote.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.Filters;
import dev.berth.remote.images.ImageSummary;
import dev.berth.remote.testing.Dockerd;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import dev.berth.remote.stream.JsonStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** System operations against the real test dockerd (20.10, API 1.41); run over each transport. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class SystemContract {

    private static ExecutorService readers;

    protected abstract EngineClient client();

    private static Dockerd dockerd() {
        return Dockerd.shared();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    @BeforeAll
    static void startReaders() {
        readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "event-reader");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopReaders() {
        readers.shutdownNow();
    }

    @Test
    void pingReportsTheEnginesApiVersionAndOs() {
        Ping ping = client().system().ping();
        String cliSays = dockerd().docker("version", "--format", "{{.Server.APIVersion}}").requireSuccess("docker version")
                .stdout().strip();
        assertEquals(ApiVersion.parse(cliSays), ping.apiVersion());
        assertEquals(new ApiVersion(1, 41), ping.apiVersion(), "the fixture is Debian's dockerd 20.10");
        assertEquals("linux", ping.osType());
        assertTrue(ping.server() != null && ping.server().startsWith("Docker/20.10"), ping.server());
    }

    @Test
    void negotiatedVersionIsTheLowerOfOursAndTheEngines() {
        ApiVersion engine = client().system().ping().apiVersion();
        assertEquals(ApiVersion.min(ApiVersion.MAX, engine), client().apiVersion());
        assertEquals(new ApiVersion(1, 41), client().apiVersion());
    }

    @Test
    void versionAgreesWithTheDockerCli() {
        VersionInfo v = client().system().version();
        String[] cli = dockerd().docker("version", "--format",
                        "{{.Server.Version}}|{{.Server.APIVersion}}|{{.Server.MinAPIVersion}}|{{.Server.GitCommit}}|{{.Server.Arch}}")
                .requireSuccess("docker version").stdout().strip().split("\\|");
        assertEquals(cli[0], v.version());
        assertTrue(v.version().startsWith("20.10"), v.version());
        assertEquals(cli[1], v.apiVersion());
        assertEquals(cli[2], v.minApiVersion());
        assertEquals(cli[3], v.gitCommit());
        assertEquals(cli[4], v.arch());
        assertEquals("linux", v.os());
        assertTrue(v.goVersion().startsWith("go"), v.goVersion());
        assertFalse(v.kernelVersion().isBlank());
        assertFalse(v.buildTime().isBlank());
        assertNotNull(v.platform());
        VersionInfo.Component engine = v.components().stream().filter(c -> c.name().equals("Engine")).findFirst()
                .orElseThrow(() -> new AssertionError("no Engine component in " + v.components()));
        assertEquals(v.version(), engine.version());
        assertEquals(v.apiVersion(), engine.details().get("ApiVersion"));
    }

    @Test
    void infoDescribesTheFixtureEngine() {
        SystemInfo info = client().system().info();
        String dataRoot = dockerd().socket().getParent().resolve("data").toString();
        assertTrue(info.serverVersion().startsWith("20.10"), info.serverVersion());
        assertEquals("linux", info.osType());
        assertEquals("overlay2", info.driver());
        assertNotNull(info.driverStatus("Backing Filesystem"), String.valueOf(info.driverStatus()));
        assertEquals(dataRoot, info.dockerRootDir());
        String cliId = dockerd().docker("info", "--format", "{{.ID}}").requireSuccess("docker info").stdout().strip();
        assertEquals(cliId, info.id());
        assertTrue(info.ncpu() > 0 && info.memTotal() > 0, info.ncpu() + " CPUs, " + info.memTotal() + " bytes");
        assertTrue(info.images() >= 1, "at least the busybox image: " + info.images());
        assertEquals(info.containers(), info.containersRunning() + info.containersPaused() + info.containersStopped());
        assertTrue(info.runtimes().containsKey("runc"), String.valueOf(info.runtimes()));
        assertEquals("runc", info.defaultRuntime());
        assertEquals("json-file", info.loggingDriver());
        assertFalse(info.cgroupDriver().isBlank());
        assertFalse(info.cgroupVersion().isBlank());
        assertFalse(info.kernelVersion().isBlank());
        assertFalse(info.architecture().isBlank());
        assertFalse(info.operatingSystem().isBlank());
        assertFalse(info.name().isBlank());
        assertNotNull(info.securityOptions());
        assertNotNull(info.registryConfig());
        assertTrue(info.registryConfig().insecureRegistryCidrs().contains("127.0.0.0/8"),
                String.valueOf(info.registryConfig().insecureRegistryCidrs()));
        assertEquals("inactive", info.swarm().localNodeState());
        assertTrue(info.plugins().volume().contains("local"), String.valueOf(info.plugins()));
    }

    @Test
    void diskUsageIncludesTheBusyboxImage() {
        DiskUsage df = client().system().df();
        assertTrue(df.layersSize() > 0, "layers size " + df.layersSize());
        ImageSummary busybox = df.images().stream()
                .filter(i -> i.repoTags() != null && i.repoTags().contains(Dockerd.BUSYBOX)).findFirst()
                .orElseThrow(() -> new AssertionError(Dockerd.BUSYBOX + " missing from " + df.images()));
        assertTrue(busybox.size() > 1_000_000, "busybox-static is over a megabyte: " + busybox.size());
        assertTrue(busybox.containers() >= 0, "df counts the containers of each image: " + busybox.containers());
        assertNotNull(df.volumes());
        assertNotNull(df.containers());
    }

    @Test
    void liveEventsArriveInOrderWithTheirActor() throws Exception {
        String label = "berth.it.events=" + unique();
        String name = "berth-it-ev-" + unique();
        Filters filters = Filters.of("type", "container").and("label", label);
        BlockingQueue<EventMessage> received = new LinkedBlockingQueue<>();
        // since: replays anything the engine saw between our request and its subscription
        EventsOptions options = EventsOptions.live(filters).since(Instant.now().minusSeconds(2));
        try (JsonStream<EventMessage> events = client().system().events(options)) {
            Future<?> reader = readers.submit(() -> events.forEach(received::add));
            String id;
            try {
                id = dockerd().docker("run", "-d", "--name", name, "--label", label, Dockerd.BUSYBOX, "sleep", "300")
                        .requireSuccess("docker run").stdout().strip();
                dockerd().docker("stop", "-t", "1", name).requireSuccess("docker stop");
                List<EventMessage> seen = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (seen.stream().noneMatch(e -> "die".equals(e.action())) && System.nanoTime() < deadline) {
                    EventMessage e = received.poll(500, TimeUnit.MILLISECONDS);
                    if (e != null) {
                        seen.add(e);
                    }
                }
                List<String> actions = seen.stream().map(EventMessage::action).toList();
                int create = actions.indexOf("create");
                int start = actions.indexOf("start");
                int die = actions.indexOf("die");
                assertTrue(create >= 0 && create < start && start < die, "create, start, die in order: " + actions);
                for (EventMessage e : seen) {
                    assertEquals("container", e.type());
                    assertEquals(id, e.actor().id());
                    assertEquals(name, e.actor().attribute("name"));
                    assertEquals(Dockerd.BUSYBOX, e.actor().attribute("image"));
                    assertEquals("local", e.scope());
                    assertTrue(e.time() > 0 && e.timeNano() / 1_000_000_000L == e.time(), e.time() + " / " + e.timeNano());
                    // API 1.41 still sends the legacy fields
                    assertEquals(e.action(), e.status());
                    assertEquals(id, e.id());
                    assertEquals(Dockerd.BUSYBOX, e.from());
                }
                assertNotNull(seen.get(die).actor().attribute("exitCode"), "die carries the exit code");
            } finally {
                dockerd().docker("rm", "-f", name);
            }
            events.close();
            reader.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pastEventsAreReplayedAndABoundedStreamEndsByItself() {
        String label = "berth.it.replay=" + unique();
        String name = "berth-it-replay-" + unique();
        Instant before = Instant.now().minusSeconds(1);
        try {
            dockerd().docker("create", "--name", name, "--label", label, Dockerd.BUSYBOX).requireSuccess("docker create");
        } finally {
            dockerd().docker("rm", "-f", name).requireSuccess("docker rm");
        }
        Instant until = Instant.now().plusSeconds(1);
        EventsOptions options = EventsOptions.live(Filters.of("type", "container").and("label", label))
                .since(before).until(until);
        List<EventMessage> replayed = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (JsonStream<EventMessage> events = client().system().events(options)) {
                events.forEach(replayed::add);
            }
        }, "a stream with until must end once that time has passed");
        assertEquals(List.of("create", "destroy"), replayed.stream().map(EventMessage::action).toList());
        assertTrue(replayed.stream().allMatch(e -> name.equals(e.actor().attribute("name"))));
        assertTrue(!replayed.get(0).instant().isBefore(before) && replayed.get(1).instant().isBefore(until),
                replayed.toString());
    }

    @Test
    void closingAnEventStreamFromAnotherThreadEndsItPromptly() throws Exception {
        JsonStream<EventMessage> events = client().system().events(
                EventsOptions.live(Filters.of("type", "container").and("label", "berth.it.never=" + unique())));
        Future<EventMessage> next = readers.submit(() -> {
            try {
                return events.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(next.isDone(), "an idle event stream has no read timeout: the reader must still be waiting");
        long t0 = System.nanoTime();
        events.close();
        assertNull(next.get(5, TimeUnit.SECONDS), "a closed stream reads as ended, not as a failure");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(millis < 2000, "close took " + millis + " ms");
        assertTrue(events.isClosed());
        assertNull(events.next(), "and stays ended");
        events.close();
        assertNotNull(client().system().ping().apiVersion(), "the client is still usable afterwards");
    }

    @Test
    void refusedRegistryLoginIsATypedErrorWithTheRegistrysReason() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/v2/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                authorizations.add(authorization);
            }
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"berth-test\"");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        try {
            String address = "127.0.0.1:" + registry.getAddress().getPort();
            EngineApiException e = assertThrows(EngineApiException.class,
                    () -> client().system().auth(AuthConfig.basic("berth", "wrong-password", address)));
            // 20.10 answers 500 with the registry's status in the message; newer engines answer 401
            assertTrue(e instanceof EngineApiException.ServerError || e instanceof EngineApiException.Unauthorized,
                    e.getClass() + ": " + e.getMessage());
            assertTrue(e.engineMessage().contains("401") || e.engineMessage().toLowerCase().contains("unauthorized"),
                    e.engineMessage());
            String expected = "Basic " + Base64.getEncoder().encodeToString("berth:wrong-password".getBytes(StandardCharsets.UTF_8));
            assertTrue(authorizations.contains(expected), "the engine passed our credentials on: " + authorizations);
        } finally {
            registry.stop(0);
        }
        EngineApiException unreachable = assertThrows(EngineApiException.class,
                () -> client().system().auth(AuthConfig.basic("berth", "x", "127.0.0.1:1")),
                "an unreachable registry is an engine error too, not a transport failure");
        assertTrue(unreachable.engineMessage().contains("127.0.0.1:1"), unreachable.engineMessage());
    }
}
