package dev.berth.remote.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.Json;
import org.junit.jupiter.api.Test;

/** Splitting references for pull, and typing in-band failures. */
class PullRequestTest {

    @Test
    void aTagIsAlwaysSent() {
        assertEquals(new PullRequest("busybox", "latest", null, null), PullRequest.of("busybox"));
        assertEquals(new PullRequest("busybox", "1.36", null, null), PullRequest.of("busybox:1.36"));
        PullRequest registry = PullRequest.of("127.0.0.1:5000/team/app");
        assertEquals("127.0.0.1:5000/team/app", registry.image());
        assertEquals("latest", registry.tag(), "the registry's port is not a tag");
        assertEquals("127.0.0.1:5000/team/app:latest", registry.reference());
        assertEquals("v2", PullRequest.of("127.0.0.1:5000/team/app:v2").tag());
    }

    @Test
    void aDigestTakesTheTagsPlace() {
        String digest = "sha256:" + "a".repeat(64);
        PullRequest p = PullRequest.of("registry.example.com/app:1.0@" + digest);
        assertEquals("registry.example.com/app", p.image());
        assertEquals(digest, p.tag());
        assertEquals("registry.example.com/app@" + digest, p.reference());
    }

    @Test
    void blankImageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PullRequest.of(" "));
    }

    @Test
    void inBandFailuresAreTypedByCodeOrMessage() throws Exception {
        assertInstanceOf(EngineApiException.NotFound.class, ProgressStream.failure(msg(
                "{\"errorDetail\":{\"message\":\"manifest for x:y not found: manifest unknown\"}}")));
        assertInstanceOf(EngineApiException.Unauthorized.class, ProgressStream.failure(msg(
                "{\"errorDetail\":{\"message\":\"unauthorized: authentication required\"},\"error\":\"unauthorized\"}")));
        EngineApiException coded = ProgressStream.failure(msg("{\"errorDetail\":{\"code\":409,\"message\":\"busy\"}}"));
        assertInstanceOf(EngineApiException.Conflict.class, coded);
        assertEquals("busy", coded.engineMessage());
        EngineApiException other = ProgressStream.failure(msg("{\"error\":\"unexpected EOF\"}"));
        assertInstanceOf(EngineApiException.ServerError.class, other);
        assertEquals("unexpected EOF", other.engineMessage());
    }

    @Test
    void progressMessagesSerialiseWithDockersFieldNames() throws Exception {
        ProgressMessage m = new ProgressMessage("Downloading", "abc", ProgressMessage.ProgressDetail.of(1, 2), null, null,
                null, null, null);
        JsonNode json = Json.MAPPER.valueToTree(m);
        assertEquals("Downloading", json.get("status").asText());
        assertEquals(2, json.get("progressDetail").get("total").asInt());
        assertEquals("{}", Json.MAPPER.writeValueAsString(new ProgressMessage.ProgressDetail(null, null, null, null, null)));
    }

    private static ProgressMessage msg(String json) throws Exception {
        return Json.MAPPER.readValue(json, ProgressMessage.class);
    }
}
