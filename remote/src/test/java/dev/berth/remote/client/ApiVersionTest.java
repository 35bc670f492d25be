package dev.berth.remote.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.system.Ping;
import dev.berth.remote.transport.EngineConnectionException;
import org.junit.jupiter.api.Test;

class ApiVersionTest {

    private static Ping ping(String version) {
        return new Ping(version == null ? null : ApiVersion.parse(version), "linux", false, null, null, "Docker/x (linux)");
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(ApiVersion.parse("1.10").compareTo(ApiVersion.parse("1.9")) > 0);
        assertTrue(ApiVersion.parse("v1.44").atLeast("1.42"));
        assertEquals("1.41", ApiVersion.parse("1.41").toString());
    }

    @Test
    void rejectsGarbage() {
        assertThrows(IllegalArgumentException.class, () -> ApiVersion.parse("one.two"));
    }

    @Test
    void negotiatesTheLowerOfOursAndTheEngines() {
        assertEquals(ApiVersion.parse("1.41"), EngineClient.negotiate(ping("1.41")));
        assertEquals(ApiVersion.parse("1.44"), EngineClient.negotiate(ping("1.44")));
        assertEquals(ApiVersion.MAX, EngineClient.negotiate(ping("1.56")), "never above what we reviewed");
        assertTrue(ApiVersion.MAX.atLeast("1.44"), "Docker 29.0-29.2 refuse anything below 1.44");
    }

    @Test
    void assumesOurNewestWhenTheEngineDoesNotSay() {
        assertEquals(ApiVersion.MAX, EngineClient.negotiate(ping(null)));
    }

    @Test
    void refusesEnginesOlderThanOurFloor() {
        EngineConnectionException e = assertThrows(EngineConnectionException.class,
                () -> EngineClient.negotiate(ping("1.40")));
        assertEquals(EngineConnectionException.Kind.API_VERSION_UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("1.41 or newer"), e.getMessage());
    }
}
