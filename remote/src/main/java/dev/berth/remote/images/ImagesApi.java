package dev.berth.remote.images;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.auth.AuthConfig;
import dev.berth.remote.auth.RegistryAuthHeader;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Json;
import dev.berth.remote.client.Query;
import dev.berth.remote.client.StreamResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Typed images operations of the Engine API. Pull, push, load and import report progress to a consumer as the
 * engine sends it (a {@link ProgressAggregator} folds it for a display) and block until the engine is done; a
 * failure the engine reports inside the stream is thrown as an {@code EngineApiException} at the end.
 */
public final class ImagesApi {

    private static final TypeReference<List<ImageSummary>> SUMMARIES = new TypeReference<>() { };
    private static final TypeReference<List<HistoryItem>> HISTORY = new TypeReference<>() { };
    private static final TypeReference<List<DeleteItem>> DELETED = new TypeReference<>() { };
    private static final TypeReference<List<SearchResult>> SEARCH = new TypeReference<>() { };

    private final EngineHttp http;

    public ImagesApi(EngineHttp http) {
        this.http = http;
    }

    // ---- local images ------------------------------------------------------------------------------------------

    /** Top-level images, as {@code docker images} lists them. */
    public List<ImageSummary> list() {
        return list(false, null, false);
    }

    public List<ImageSummary> list(Filters filters) {
        return list(false, filters, false);
    }

    /**
     * {@code GET /images/json}.
     *
     * @param all     include intermediate images
     * @param filters reference, dangling, label, before, since; may be {@code null}
     * @param digests fill in {@code RepoDigests}
     */
    public List<ImageSummary> list(boolean all, Filters filters, boolean digests) {
        Query query = Query.of().flag("all", all).filters(filters).flag("digests", digests);
        return http.get("/images/json", query, SUMMARIES);
    }

    /** {@code GET /images/{name}/json}; a missing image is a {@code NotFound}. */
    public ImageInspect inspect(String name) {
        return http.get(imagePath(name) + "/json", null, ImageInspect.class);
    }

    /** The same answer untyped, for fields this client does not model. */
    public JsonNode inspectRaw(String name) {
        return http.getTree(imagePath(name) + "/json", null);
    }

    /** {@code GET /images/{name}/history}: the image's layers, newest first. */
    public List<HistoryItem> history(String name) {
        return http.get(imagePath(name) + "/history", null, HISTORY);
    }

    /** {@code POST /images/{source}/tag}: makes {@code repo:tag} point at {@code source}. */
    public void tag(String source, String repo, String tag) {
        Objects.requireNonNull(repo, "repo");
        http.send("POST", imagePath(source) + "/tag", Query.of().add("repo", repo).add("tag", tag), null);
    }

    /**
     * {@code DELETE /images/{name}}: removes a tag ({@code Untagged}) and, when it was the last reference, the image
     * itself and its untagged parents ({@code Deleted}).
     *
     * @param force   also when stopped containers use it or other tags point at it
     * @param noprune keep untagged parents
     */
    public List<DeleteItem> remove(String name, boolean force, boolean noprune) {
        Query query = Query.of().flag("force", force).flag("noprune", noprune);
        return http.delete(imagePath(name), query, DELETED);
    }

    /**
     * {@code POST /images/prune}: removes unused dangling images, or every unused image with the filter
     * {@code dangling=false}; label and until filters narrow it down.
     */
    public ImagePruneReport prune(Filters filters) {
        return http.post("/images/prune", Query.of().filters(filters), null, ImagePruneReport.class);
    }

    // ---- registries --------------------------------------------------------------------------------------------

    /** {@code POST /images/create?fromImage=…&tag=…}, reporting per-layer progress. */
    public PullResult pull(PullRequest request, Consumer<ProgressMessage> progress) {
        Query query = Query.of().add("fromImage", request.image()).add("tag", request.tag()).add("platform", request.platform());
        StreamResponse response = http.stream("POST", "/images/create", query, null, authHeader(request.auth()));
        List<ProgressMessage> notable = ProgressStream.drain(http, response, progress, "the pull of " + request.reference());
        String digest = null;
        String status = null;
        for (ProgressMessage m : notable) {
            String s = m.status();
            if (s == null) {
                continue;
            }
            if (s.startsWith("Digest: ")) {
                digest = s.substring("Digest: ".length()).trim();
            }
            if (m.id() == null) {
                status = s;
            }
        }
        return new PullResult(request.reference(), digest, status);
    }

    /**
     * {@code POST /images/{name}/push?tag=…}. The image must already be tagged for the registry
     * ({@code registry.example.com/app:1.0}). {@code X-Registry-Auth} is always sent ({@code e30=} when anonymous):
     * dockerd 20.10 refuses a push without it.
     *
     * @param name repository, with or without tag
     * @param tag  the tag to push; {@code null} means the tag in {@code name}, else "latest"
     * @param auth credentials, or {@code null} for anonymous
     */
    public PushResult push(String name, String tag, AuthConfig auth, Consumer<ProgressMessage> progress) {
        ImageReference ref = ImageReference.parse(name);
        String effectiveTag = tag != null ? tag : ref.tag() != null ? ref.tag() : "latest";
        StreamResponse response = http.stream("POST", imagePath(ref.repository()) + "/push",
                Query.of().add("tag", effectiveTag), null, authHeader(auth));
        List<ProgressMessage> notable = ProgressStream.drain(http, response, progress,
                "the push of " + ref.repository() + ":" + effectiveTag);
        String digest = null;
        Long size = null;
        for (ProgressMessage m : notable) {
            JsonNode aux = m.aux();
            if (aux != null && aux.hasNonNull("Digest")) {
                digest = aux.get("Digest").asText();
                size = aux.hasNonNull("Size") ? aux.get("Size").asLong() : null;
            }
        }
        return new PushResult(effectiveTag, digest, size);
    }

    /**
     * {@code GET /images/search}: the engine asks the registry named in the term ({@code host:port/name}), Docker
     * Hub otherwise.
     *
     * @param limit   at most this many results (1–100), or {@code null} for the engine's default (25)
     * @param filters is-official, is-automated, stars; may be {@code null}
     */
    public List<SearchResult> search(String term, Integer limit, Filters filters) {
        return search(term, limit, filters, null);
    }

    public List<SearchResult> search(String term, Integer limit, Filters filters, AuthConfig auth) {
        Objects.requireNonNull(term, "term");
        Query query = Query.of().add("term", term).add("limit", limit).filters(filters);
        Headers headers = auth == null ? Headers.of() : authHeader(auth);
        Request request = http.request("GET", "/images/search", query, null, headers, true);
        try (Response response = http.execute(http.transport().http(), request)) {
            return Json.MAPPER.readValue(response.body().bytes(), SEARCH);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new EngineProtocolException("the engine sent malformed JSON for an image search: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw http.transport().translate(e);
        }
    }

    // ---- archives ----------------------------------------------------------------------------------------------

    /**
     * {@code GET /images/get?names=…}: the images (with their parents and tags) as one {@code docker save} tarball,
     * read as the engine writes it. Closing the stream ends the transfer.
     */
    public InputStream save(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one image to save");
        }
        Query query = Query.of();
        for (String name : names) {
            query.add("names", name);
        }
        StreamResponse response = http.download("GET", "/images/get", query, Headers.of());
        return new FilterInputStream(response.body()) {
            @Override
            public void close() {
                response.close();
            }
        };
    }

    /**
     * {@code POST /images/load}: loads a {@code docker save} tarball, streamed from {@code tar} (which is read to the
     * end, not closed).
     *
     * @param quiet leave out the per-layer progress
     */
    public LoadResult load(InputStream tar, boolean quiet, Consumer<ProgressMessage> progress) {
        Objects.requireNonNull(tar, "tar");
        // always say quiet=0 or 1: the engine's default is quiet
        StreamResponse response = http.stream("POST", "/images/load", Query.of().add("quiet", quiet), new TarBody(tar),
                TarBody.EXPECT_CONTINUE);
        List<ProgressMessage> notable = ProgressStream.drain(http, response, progress, "the image load");
        List<String> loaded = new ArrayList<>();
        for (ProgressMessage m : notable) {
            String text = m.stream();
            if (text == null) {
                continue;
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("Loaded image ID: ")) {
                    loaded.add(line.substring("Loaded image ID: ".length()).trim());
                } else if (line.startsWith("Loaded image: ")) {
                    loaded.add(line.substring("Loaded image: ".length()).trim());
                }
            }
        }
        return new LoadResult(List.copyOf(loaded));
    }

    /** {@code POST /images/create?fromSrc=…}: a new single-layer image from a root filesystem tarball. */
    public ImportResult importImage(ImportRequest request, Consumer<ProgressMessage> progress) {
        Query query = Query.of()
                .add("fromSrc", request.tar() != null ? "-" : request.url())
                .add("repo", request.repo())
                .add("tag", request.tag())
                .add("message", request.message())
                .add("platform", request.platform());
        for (String change : request.changes()) {
            query.add("changes", change);
        }
        RequestBody body = request.tar() != null ? new TarBody(request.tar()) : null;
        StreamResponse response = http.stream("POST", "/images/create", query, body,
                body != null ? TarBody.EXPECT_CONTINUE : Headers.of());
        List<ProgressMessage> notable = ProgressStream.drain(http, response, progress, "the image import");
        String id = null;
        for (ProgressMessage m : notable) {
            if (m.status() != null && m.status().startsWith("sha256:")) {
                id = m.status().trim();
            }
        }
        if (id == null) {
            throw new EngineProtocolException("the engine finished the import without naming the new image");
        }
        return new ImportResult(id);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Headers authHeader(AuthConfig auth) {
        return Headers.of(RegistryAuthHeader.NAME, RegistryAuthHeader.encode(auth));
    }

    private static String imagePath(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an image name or ID is required");
        }
        return "/images/" + name;
    }
}
