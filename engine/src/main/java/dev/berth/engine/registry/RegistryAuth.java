package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.remote.auth.AuthConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers registry challenges (distribution's token auth and Basic): a {@code WWW-Authenticate} header in, an
 * {@code Authorization} value out. Tokens are cached per scope until they expire.
 */
final class RegistryAuth {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, long expiresAtMillis) {
    }

    private final HttpClient http;
    private final AuthConfig credentials;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    RegistryAuth(HttpClient http, AuthConfig credentials) {
        this.http = http;
        this.credentials = credentials == null ? AuthConfig.anonymous() : credentials;
    }

    /** A cached Authorization header for this scope, or null. */
    String cached(String scope) {
        Token token = tokens.get(scope);
        return token != null && token.expiresAtMillis > System.currentTimeMillis() ? token.value : null;
    }

    /** Answers a challenge; throws with Docker's wording when the registry refuses our credentials. */
    String answer(String challenge, String scope) throws IOException, InterruptedException {
        if (challenge == null) {
            throw new RegistryException(401, "unauthorized: authentication required");
        }
        String lower = challenge.toLowerCase();
        if (lower.startsWith("basic")) {
            if (credentials.username() == null) {
                throw new RegistryException(401, "unauthorized: authentication required");
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
            tokens.put(scope, new Token(basic, Long.MAX_VALUE));
            return basic;
        }
        if (!lower.startsWith("bearer")) {
            throw new RegistryException(401, "unsupported authentication scheme: " + challenge);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(), m.group(2));
        }
        String realm = params.get("realm");
        if (realm == null) {
            throw new RegistryException(401, "registry token challenge has no realm: " + challenge);
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (params.containsKey("service")) {
            url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        String wanted = params.getOrDefault("scope", scope);
        if (wanted != null && !wanted.isEmpty()) {
            for (String s : wanted.split(" ")) {
                url.append("&scope=").append(URLEncoder.encode(s, StandardCharsets.UTF_8));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(30)).GET();
        if (credentials.username() != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        } else if (credentials.identityToken() != null) {
            request.header("Authorization", "Bearer " + credentials.identityToken());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(401, "unauthorized: incorrect username or password");
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryException(response.statusCode(), "token server " + realm + " answered "
                    + response.statusCode());
        }
        JsonNode body = JSON.readTree(response.body());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryException(401, "token server " + realm + " sent no token");
        }
        long expiresIn = body.path("expires_in").asLong(60);
        String header = "Bearer " + token;
        tokens.put(scope, new Token(header, System.currentTimeMillis() + Math.max(10, expiresIn - 5) * 1000));
        return header;
    }
}
