package dev.berth.remote.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.TransportOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client picks {@code min(ApiVersion.MAX, engine's)} from {@code /_ping}, against pretend engines. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NegotiationTest {

    @Test
    void newerEngineIsSpokenToAtOurMaximum() throws Exception {
        try (FakeEngine engine = new FakeEngine("1.52", "1.44", "1.52"); EngineClient client = engine.client()) {
            assertEquals(new ApiVersion(1, 51), ApiVersion.MAX, "this test assumes the reviewed maximum is 1.51");
            assertEquals(ApiVersion.MAX, client.apiVersion());
            VersionInfo version = client.system().version();
            assertEquals("99.0.0", version.version());
            assertTrue(engine.requests().contains("GET /v1.51/version"), engine.requests().toString());
        }
    }

    /**
     * Docker 29.0–29.2 refuse every API below 1.44. We ask for what the engine advertises (capped at our maximum),
     * never for our floor, so such an engine works, while a client pinned at 1.41 gets the engine's refusal.
     */
    @Test
    void engineThatRefusesOldVersionsWorksBecauseWeAskForItsOwn() throws Exception {
        try (FakeEngine engine = new FakeEngine("1.44", "1.44", "1.44"); EngineClient client = engine.client()) {
            assertEquals(new ApiVersion(1, 44), client.apiVersion());
            assertEquals("1.44", client.system().version().minApiVersion());
            assertTrue(engine.requests().contains("GET /v1.44/version"), engine.requests().toString());
            assertTrue(engine.requests().stream().noneMatch(r -> r.contains("/v1.41/")), engine.requests().toString());
        }
        try (FakeEngine engine = new FakeEngine("1.44", "1.44", "1.44");
             EngineClient pinned = EngineClient.connect(
                     EngineEndpoint.parse("tcp://127.0.0.1:" + engine.port(), null, "fake engine"),
                     TransportOptions.DEFAULT, ApiVersion.MIN)) {
            EngineApiException e = assertThrows(EngineApiException.BadRequest.class, () -> pinned.system().version());
            assertTrue(e.engineMessage().contains("client version 1.41 is too old"), e.getMessage());
        }
    }

    @Test
    void engineThatDoesNotSayIsAssumedToSpeakOurMaximum() throws Exception {
        try (FakeEngine engine = new FakeEngine(null, "1.12", "1.56"); EngineClient client = engine.client()) {
            assertEquals(null, client.ping().apiVersion());
            assertEquals(ApiVersion.MAX, client.apiVersion());
            client.system().version();
            assertTrue(engine.requests().contains("GET /v" + ApiVersion.MAX + "/version"), engine.requests().toString());
        }
    }

    @Test
    void engineOlderThanOurFloorIsRefusedWithAClearReason() throws Exception {
        try (FakeEngine engine = new FakeEngine("1.30", "1.12", "1.30"); EngineClient client = engine.client()) {
            EngineConnectionException e = assertThrows(EngineConnectionException.class, () -> client.system().version());
            assertEquals(EngineConnectionException.Kind.API_VERSION_UNSUPPORTED, e.kind());
            assertTrue(e.getMessage().contains("1.30") && e.getMessage().contains("1.41"), e.getMessage());
            assertTrue(engine.requests().stream().noneMatch(r -> r.contains("/version")),
                    "no versioned call may be attempted: " + engine.requests());
        }
    }

    @Test
    void pingTriesHeadFirst() throws Exception {
        try (FakeEngine engine = new FakeEngine("1.45", "1.24", "1.45"); EngineClient client = engine.client()) {
            Ping ping = client.system().ping();
            assertEquals(new ApiVersion(1, 45), ping.apiVersion());
            assertEquals("linux", ping.osType());
            assertEquals("Docker/99.0.0 (linux)", ping.server());
            assertEquals("HEAD /_ping", engine.requests().get(0));
        }
    }
}
