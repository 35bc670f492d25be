package dev.berth.remote.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.OutputCollector;
import dev.berth.remote.containers.Scratch;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.system.EventsOptions;
import dev.berth.remote.stream.JsonStream;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.transport.TransportOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The app's own client records every call through the interceptor, and callers see exactly what they saw before. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecordingInterceptorTest {

    private TrafficRecorder recorder;
    private EngineClient client;
    private Scratch scratch;
    private final List<TrafficRecord> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void connect() {
        recorder = new TrafficRecorder(50);
        recorder.addListener(heard::add);
        client = EngineClient.connect(Dockerd.shared().unixEndpoint(),
                TransportOptions.DEFAULT.withInterceptor(recorder.interceptor()));
        scratch = new Scratch(client);
    }

    @AfterEach
    void close() {
        scratch.close();
        client.close();
    }

    private List<TrafficRecord> recorded(String method, String apiPathRegex) {
        Predicate<TrafficRecord> which = r -> r.method().equals(method)
                && StreamKinds.apiPath(r.target()).matches(apiPathRegex);
        return recorder.snapshot().stream().filter(which).toList();
    }

    @Test
    void jsonCallsAreRecordedWithBodiesAndTheCallerStillGetsTheAnswer() {
        String id = scratch.create(scratch.busybox("true"));
        List<ContainerSummary> all = client.containers().list(true, null, false, null);
        assertTrue(all.stream().anyMatch(c -> c.id().equals(id)), "the caller got the full list");

        TrafficRecord list = recorded("GET", "/containers/json").get(0);
        assertEquals(TrafficSource.APP, list.source());
        assertEquals("Berth", list.client());
        assertEquals(200, list.status());
        assertTrue(list.query().contains("all="), list.target());
        assertTrue(list.responseBody().text().contains(id), "the response body was kept as text");
        assertEquals("application/json", list.responseHeader("Content-Type"));
        assertNotNull(list.latency());
        assertTrue(list.duration().compareTo(list.latency()) >= 0);

        TrafficRecord create = recorded("POST", "/containers/create").get(0);
        assertEquals(201, create.status());
        assertTrue(create.requestBody().text().contains("\"Image\":\"" + Dockerd.BUSYBOX + "\""), create.requestBody().text());
        assertTrue(create.requestHeader("Content-Type").startsWith("application/json"));
        assertTrue(heard.containsAll(recorder.snapshot()), "listeners heard every record");
    }

    @Test
    void errorsAreRecordedAndStillReachTheCaller() {
        EngineApiException missing = assertThrows(EngineApiException.class,
                () -> client.containers().inspect("berth-no-such-container"));
        assertEquals(404, missing.status());
        TrafficRecord r = recorded("GET", "/containers/berth-no-such-container/json").get(0);
        assertEquals(404, r.status());
        assertTrue(r.failed());
        assertTrue(r.responseBody().text().contains(missing.getMessage()), r.responseBody().text());
    }

    @Test
    void aStreamIsCountedAsTheCallerReadsItAndRecordedWhenClosed() throws IOException {
        Instant since = Instant.now().minusSeconds(1);
        String id = scratch.create(scratch.busybox("true"));
        List<EventMessage> events = new ArrayList<>();
        try (JsonStream<EventMessage> stream = client.system().events(
                EventsOptions.live().since(since).until(Instant.now().plusSeconds(1)))) {
            for (EventMessage e = stream.next(); e != null; e = stream.next()) {
                events.add(e);
            }
        }
        assertTrue(events.stream().anyMatch(e -> id.equals(e.actorId())), "the caller read every event");
        TrafficRecord r = recorded("GET", "/events").get(0);
        assertTrue(r.responseBody().stream());
        assertTrue(r.responseBody().units() >= events.size(), r.responseBody().describe());
        assertTrue(r.responseBody().bytes() > 0);
    }

    @Test
    void aHijackedExecIsMarkedAndCountedBothWays() throws IOException {
        String container = scratch.sleeper();
        String exec = client.exec().create(container, ExecCreateRequest.builder("cat").stdin(true).build());
        try (HijackedConnection conn = client.exec().start(exec, false)) {
            OutputCollector out = new OutputCollector(conn.output());
            conn.stdin().write("through the recorder\n".getBytes(StandardCharsets.UTF_8));
            out.awaitStdout("through the recorder\n", Duration.ofSeconds(15));
            conn.closeStdin();
            out.awaitEnd(Duration.ofSeconds(15));
        }
        assertEquals(0, client.exec().awaitExit(exec, Duration.ofSeconds(15)).exitCode());
        TrafficRecord start = recorded("POST", "/exec/[^/]+/start").get(0);
        assertTrue(start.upgraded());
        assertEquals(101, start.status());
        assertTrue(start.requestBody().text().contains("\"Detach\":false"), start.requestBody().text());
        assertTrue(start.requestBody().bytes() >= "through the recorder\n".length() + 10, start.requestBody().describe());
        assertTrue(start.responseBody().bytes() >= "through the recorder\n".length() + 8, "one frame with header");
        assertTrue(start.responseBody().stream());
    }

    @Test
    void theRingKeepsOnlyTheNewest() {
        for (int i = 0; i < 60; i++) {
            client.system().ping();
        }
        List<TrafficRecord> kept = recorder.snapshot();
        assertEquals(50, kept.size());
        assertTrue(kept.get(0).id() < kept.get(49).id());
        recorder.clear();
        assertTrue(recorder.snapshot().isEmpty());
    }
}
