package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.remote.auth.AuthConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The distribution (v2 / OCI) protocol against one registry: manifests with platform selection, blobs verified
 * while streaming, uploads and manifest puts for push. Redirects are followed by hand so credentials never travel
 * to another host.
 */
public final class RegistryClient {

    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private static final int MAX_MANIFEST = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A blob in a manifest. */
    public record Descriptor(String mediaType, String digest, long size) {
    }

    /**
     * A resolved image manifest.
     *
     * @param digest      the digest of what the tag points at (an index's digest when the tag names one): the
     *                    RepoDigest Docker records
     * @param mediaType   of {@code bytes}
     * @param bytes       the platform manifest exactly as received
     */
    public record Manifest(String digest, String mediaType, byte[] bytes, Descriptor config, List<Descriptor> layers) {
    }

    private final DistributionReference ref;
    private final HttpClient http;
    private final RegistryAuth auth;
    private String scheme;

    public RegistryClient(DistributionReference ref, AuthConfig credentials) {
        this.ref = ref;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(15));
        if (ref.loopbackRegistry()) {
            builder.sslContext(LoopbackTrust.context());
        }
        this.http = builder.build();
        this.auth = new RegistryAuth(http, credentials);
        this.scheme = ref.loopbackRegistry() ? null : "https";
    }

    /** Fetches the manifest the reference names, choosing linux/amd64 (or this machine's) from an index. */
    public Manifest manifest() throws IOException, InterruptedException {
        Fetched top = fetchManifest(ref.manifestReference());
        String topDigest = top.digest;
        if (ref.digest() != null && !ref.digest().equals(topDigest)) {
            throw new RegistryException(400, "manifest verification failed for digest " + ref.digest());
        }
        JsonNode json = JSON.readTree(top.bytes);
        String type = top.mediaType != null ? top.mediaType : json.path("mediaType").asText("");
        if (type.equals(DOCKER_LIST) || type.equals(OCI_INDEX) || json.has("manifests")) {
            String chosen = choosePlatform(json);
            Fetched platform = fetchManifest(chosen);
            if (!platform.digest.equals(chosen)) {
                throw new RegistryException(400, "manifest verification failed for digest " + chosen);
            }
            return parse(topDigest, platform);
        }
        if (type.contains("prettyjws") || json.path("schemaVersion").asInt() == 1) {
            throw new RegistryException(400, "Docker Image Format v1 and Docker Image manifest version 2, schema 1 "
                    + "support has been removed. Suggest the author of " + ref.familiarName() + " to upgrade the image "
                    + "to the OCI Format or Docker Image manifest v2, schema 2.");
        }
        return parse(topDigest, top);
    }

    private Manifest parse(String repoDigest, Fetched fetched) throws IOException {
        JsonNode json = JSON.readTree(fetched.bytes);
        Descriptor config = descriptor(json.path("config"));
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : json.path("layers")) {
            Descriptor d = descriptor(layer);
            if (d.mediaType().contains("foreign")) {
                continue;
            }
            layers.add(d);
        }
        String type = fetched.mediaType != null ? fetched.mediaType : json.path("mediaType").asText(DOCKER_MANIFEST);
        return new Manifest(repoDigest, type, fetched.bytes, config, layers);
    }

    private static Descriptor descriptor(JsonNode node) {
        return new Descriptor(node.path("mediaType").asText(""), node.path("digest").asText(""),
                node.path("size").asLong(-1));
    }

    private String choosePlatform(JsonNode index) {
        String arch = switch (System.getProperty("os.arch")) {
            case "aarch64" -> "arm64";
            case "amd64", "x86_64" -> "amd64";
            default -> System.getProperty("os.arch");
        };
        for (JsonNode m : index.path("manifests")) {
            JsonNode platform = m.path("platform");
            if ("linux".equals(platform.path("os").asText()) && arch.equals(platform.path("architecture").asText())) {
                return m.path("digest").asText();
            }
        }
        throw new RegistryException(404, "no matching manifest for linux/" + arch
                + " in the manifest list entries");
    }

    private record Fetched(String digest, String mediaType, byte[] bytes) {
    }

    private Fetched fetchManifest(String reference) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send("GET", "/manifests/" + reference, pullScope(),
                b -> b.header("Accept", String.join(", ", OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST)),
                null);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 404) {
                throw new RegistryException(404, "manifest for " + ref.familiarName() + ":" + reference
                        + " not found: manifest unknown: manifest unknown");
            }
            expectOk(response, body, "manifest " + reference);
            byte[] bytes = body.readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                throw new RegistryException(400, "manifest for " + ref.familiarName() + " is too large");
            }
            String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()).orElse(null);
            return new Fetched(sha256(bytes), type, bytes);
        }
    }

    /** Streams a blob; the stream throws at its end when the bytes do not match the digest. */
    public InputStream blob(String digest) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send("GET", "/blobs/" + digest, pullScope(), b -> b, null);
        int hops = 0;
        while (response.statusCode() / 100 == 3 && hops++ < 5) {
            response.body().close();
            String location = response.headers().firstValue("Location")
                    .orElseThrow(() -> new RegistryException(502, "redirect without a location for " + digest));
            URI target = response.request().uri().resolve(location);
            // Pre-signed storage URLs: never forward the registry's credentials to another host.
            HttpRequest.Builder next = HttpRequest.newBuilder(target).GET().timeout(Duration.ofMinutes(10));
            if (target.getHost().equals(response.request().uri().getHost())) {
                response.request().headers().firstValue("Authorization").ifPresent(a -> next.header("Authorization", a));
            }
            response = http.send(next.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        if (response.statusCode() == 404) {
            response.body().close();
            throw new RegistryException(404, "blob " + digest + " not found in " + ref.familiarName());
        }
        expectOk(response, response.body(), "blob " + digest);
        return new VerifyingStream(response.body(), digest);
    }

    /** Whether the registry already has a blob (push skips it then: "Layer already exists"). */
    public boolean hasBlob(String digest) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send("HEAD", "/blobs/" + digest, pushScope(), b -> b, null);
        response.body().close();
        return response.statusCode() == 200;
    }

    /** Uploads a blob in one PUT (POST to start, PUT with the digest). */
    public void uploadBlob(String digest, long size, Path file) throws IOException, InterruptedException {
        HttpResponse<InputStream> started = send("POST", "/blobs/uploads/", pushScope(),
                b -> b, HttpRequest.BodyPublishers.noBody());
        started.body().close();
        if (started.statusCode() != 202) {
            throw new RegistryException(started.statusCode(), "registry refused the upload of " + digest
                    + " (HTTP " + started.statusCode() + ")");
        }
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> new RegistryException(502, "upload started without a location"));
        URI uri = started.request().uri().resolve(location);
        String put = uri + (uri.getQuery() == null ? "?" : "&") + "digest=" + digest;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(put))
                .timeout(Duration.ofMinutes(30))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(file));
        String authorization = auth.cached(pushScope());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<InputStream> done = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = done.body()) {
            if (done.statusCode() != 201) {
                throw new RegistryException(done.statusCode(), "upload of " + digest + " failed: "
                        + errorText(body, done.statusCode()));
            }
        }
    }

    /** Puts a manifest under a tag; returns the digest the registry computed. */
    public String putManifest(String tag, String mediaType, byte[] bytes) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = send("PUT", "/manifests/" + tag, pushScope(),
                b -> b.header("Content-Type", mediaType), HttpRequest.BodyPublishers.ofByteArray(bytes));
        try (InputStream body = response.body()) {
            if (response.statusCode() != 201) {
                throw new RegistryException(response.statusCode(), "manifest put failed: "
                        + errorText(body, response.statusCode()));
            }
        }
        return response.headers().firstValue("Docker-Content-Digest").orElse(sha256(bytes));
    }

    private String pullScope() {
        return "repository:" + ref.path() + ":pull";
    }

    private String pushScope() {
        return "repository:" + ref.path() + ":pull,push";
    }

    private interface Customizer {
        HttpRequest.Builder apply(HttpRequest.Builder builder);
    }

    private HttpResponse<InputStream> send(String method, String suffix, String scope, Customizer customizer,
            HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        if (scheme == null) {
            scheme = probeScheme();
        }
        URI uri = URI.create(scheme + "://" + ref.apiHost() + "/v2/" + ref.path() + suffix);
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : body;
        HttpRequest.Builder builder = customizer.apply(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .method(method, publisher));
        String authorization = auth.cached(scope);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<InputStream> response = sendOrExplain(builder.build());
        if (response.statusCode() == 401) {
            String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
            response.body().close();
            String answer = auth.answer(challenge, scope);
            HttpRequest.Builder retry = customizer.apply(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                    .method(method, publisher)).header("Authorization", answer);
            response = sendOrExplain(retry.build());
            if (response.statusCode() == 401) {
                response.body().close();
                throw new RegistryException(401, "unauthorized: authentication required");
            }
        }
        return response;
    }

    private HttpResponse<InputStream> sendOrExplain(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw new RegistryException("Get \"" + request.uri() + "\": dial tcp " + ref.apiHost()
                    + ": connect: connection refused", e);
        }
    }

    /** Loopback registries: HTTPS when they speak it, plain HTTP otherwise, as Docker does for insecure registries. */
    private String probeScheme() throws InterruptedException {
        try {
            HttpRequest ping = HttpRequest.newBuilder(URI.create("https://" + ref.apiHost() + "/v2/"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            http.send(ping, HttpResponse.BodyHandlers.discarding());
            return "https";
        } catch (SSLException e) {
            return "http";
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase().contains("ssl")
                    || e.getCause() instanceof SSLException) {
                return "http";
            }
            return "http";
        }
    }

    private void expectOk(HttpResponse<InputStream> response, InputStream body, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            String text = errorText(body, response.statusCode());
            body.close();
            throw new RegistryException(response.statusCode(), what + ": " + text);
        }
    }

    private static String errorText(InputStream body, int status) {
        try {
            byte[] bytes = body.readNBytes(64 * 1024);
            JsonNode json = JSON.readTree(bytes);
            JsonNode first = json.path("errors").path(0);
            if (!first.isMissingNode()) {
                return first.path("code").asText("").toLowerCase().replace('_', ' ') + ": "
                        + first.path("message").asText("");
            }
            return "HTTP " + status;
        } catch (IOException | RuntimeException e) {
            return "HTTP " + status;
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes while reading; at EOF the digest must match or the read fails. */
    static final class VerifyingStream extends FilterInputStream {
        private final MessageDigest sha;
        private final String expected;
        private boolean checked;

        VerifyingStream(InputStream in, String expected) {
            super(in);
            this.expected = expected;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                sha.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            } else {
                sha.update(b, off, n);
            }
            return n;
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            String actual = "sha256:" + HexFormat.of().formatHex(sha.digest());
            if (!actual.equals(expected)) {
                throw new IOException("filesystem layer verification failed for digest " + expected);
            }
        }
    }
}
