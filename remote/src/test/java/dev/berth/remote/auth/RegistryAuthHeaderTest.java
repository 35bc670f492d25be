package dev.berth.remote.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryAuthHeaderTest {

    private static String decoded(String header) {
        return new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
    }

    @Test
    void anonymousIsAnEmptyObject() {
        assertEquals("e30=", RegistryAuthHeader.encode(null));
        assertEquals("e30=", RegistryAuthHeader.encode(AuthConfig.anonymous()));
        assertEquals(RegistryAuthHeader.ANONYMOUS, RegistryAuthHeader.encode(new AuthConfig("", "", null, "", null)));
        assertEquals("X-Registry-Auth", RegistryAuthHeader.NAME);
    }

    @Test
    void usesTheEngineApiFieldNamesAndOmitsNulls() {
        assertEquals("{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"registry.example.com\"}",
                decoded(RegistryAuthHeader.encode(AuthConfig.basic("u", "p", "registry.example.com"))));
        assertEquals("{\"serveraddress\":\"https://index.docker.io/v1/\",\"identitytoken\":\"tok\"}",
                decoded(RegistryAuthHeader.encode(AuthConfig.identityToken("tok", RegistryHosts.DOCKER_HUB))));
        assertEquals("{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"r\",\"identitytoken\":\"t\","
                        + "\"email\":\"e@x\"}",
                decoded(RegistryAuthHeader.encode(new AuthConfig("u", "p", "r", "t", "e@x"))));
    }

    @Test
    void isUrlSafeBase64WithPadding() {
        // Standard base64 of this JSON is "...Ij8/Pz4+PiIs...": '+' and '/' must become '-' and '_'.
        String header = RegistryAuthHeader.encode(AuthConfig.basic("u", "???>>>", "r.example.com"));
        assertEquals("eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6Ij8_Pz4-PiIsInNlcnZlcmFkZHJlc3MiOiJyLmV4YW1wbGUuY29tIn0=",
                header);
        assertFalse(header.contains("+") || header.contains("/"));
        assertTrue(header.endsWith("="));
        assertEquals(0, header.length() % 4);
    }

    @Test
    void secretsStayOutOfToString() {
        String text = new AuthConfig("me", "hunter2", "r", "refresh-token", null).toString();
        assertFalse(text.contains("hunter2"), text);
        assertFalse(text.contains("refresh-token"), text);
        assertTrue(text.contains("me"), text);
    }

    @Test
    void anonymousMeansNoSecretAtAll() {
        assertTrue(AuthConfig.anonymous().isAnonymous());
        assertTrue(new AuthConfig(null, null, "r", null, "e@x").isAnonymous());
        assertFalse(AuthConfig.identityToken("t", "r").isAnonymous());
        assertFalse(AuthConfig.basic("u", "p", "r").isAnonymous());
    }
}
