package dev.berth.remote.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * The value of {@code X-Registry-Auth}: URL-safe base64 WITH padding of the JSON credentials (moby
 * {@code api/pkg/authconfig} uses {@code base64.URLEncoding}). Not the standard alphabet of config.json's
 * {@code auth}: a password whose encoding contains '+' or '/' would be garbled by the daemon's decoder.
 */
public final class RegistryAuthHeader {

    public static final String NAME = "X-Registry-Auth";
    /** {@code {}}: what to send when pulling anonymously. */
    public static final String ANONYMOUS = "e30=";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RegistryAuthHeader() {
    }

    /** Encodes the credentials; {@code null} means anonymous. */
    public static String encode(AuthConfig auth) {
        if (auth == null) {
            return ANONYMOUS;
        }
        try {
            return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(auth));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings always serialises", e);
        }
    }
}
