package dev.berth.remote.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Registry credentials in the shape the Engine API wants inside {@code X-Registry-Auth} (moby
 * {@code api/types/registry.AuthConfig}): either user name and password, or an identity token. Empty fields are
 * left out, as Go's {@code omitempty} does.
 *
 * @param username      user name, or {@code null}
 * @param password      password or access token, or {@code null}
 * @param serverAddress the registry key: {@code host[:port]}, or {@code https://index.docker.io/v1/} for Docker Hub
 * @param identityToken an OAuth refresh token from {@code POST /auth} or a credential helper, or {@code null}
 * @param email         legacy field, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"username", "password", "serveraddress", "identitytoken", "email"})
public record AuthConfig(
        @JsonProperty("username") String username,
        @JsonProperty("password") String password,
        @JsonProperty("serveraddress") String serverAddress,
        @JsonProperty("identitytoken") String identityToken,
        @JsonProperty("email") String email) {

    /** No credentials at all; encodes as {@code {}}. */
    public static AuthConfig anonymous() {
        return new AuthConfig(null, null, null, null, null);
    }

    public static AuthConfig basic(String username, String password, String serverAddress) {
        return new AuthConfig(username, password, serverAddress, null, null);
    }

    public static AuthConfig identityToken(String identityToken, String serverAddress) {
        return new AuthConfig(null, null, serverAddress, identityToken, null);
    }

    @JsonIgnore
    public boolean isAnonymous() {
        return isEmpty(username) && isEmpty(password) && isEmpty(identityToken);
    }

    public AuthConfig withServerAddress(String newServerAddress) {
        return new AuthConfig(username, password, newServerAddress, identityToken, email);
    }

    /** Secrets stay out of logs and exception messages. */
    @Override
    public String toString() {
        return "AuthConfig[username=" + username + ", password=" + (isEmpty(password) ? "" : "***")
                + ", serverAddress=" + serverAddress + ", identityToken=" + (isEmpty(identityToken) ? "" : "***")
                + ", email=" + email + "]";
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
