package dev.berth.remote.containers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.remote.client.ApiVersion;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.client.EngineHttp;
import dev.berth.remote.client.EngineProtocolException;
import dev.berth.remote.client.Filters;
import dev.berth.remote.client.Query;
import dev.berth.remote.client.StreamResponse;
import dev.berth.remote.stream.ContainerOutput;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.stream.JsonStream;
import java.io.InputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Typed containers operations of the Engine API: list, create, lifecycle, inspect, logs, stats, attach, archives.
 *
 * <p>Container references may be IDs, ID prefixes or names (with or without the leading slash the engine shows).
 * Operations that the engine answers with 304 ("already started", "already stopped") return {@code false}.
 */
public final class ContainersApi {

    private static final ApiVersion V1_42 = new ApiVersion(1, 42);
    private static final MediaType TAR = MediaType.get("application/x-tar");
    /** What the engine waits before SIGKILL when stop/restart get no timeout and the container sets none. */
    private static final int DEFAULT_STOP_SECONDS = 10;

    private final EngineHttp http;

    public ContainersApi(EngineHttp http) {
        this.http = http;
    }

    // ---- list, create, inspect ----------------------------------------------------------------------------------

    public List<ContainerSummary> list(ListContainersParams params) {
        return list(params.all(), params.limit(), params.size(), params.filters());
    }

    /**
     * @param all     include stopped containers
     * @param limit   only the N most recently created, or null
     * @param size    also compute sizes (slow on busy hosts)
     * @param filters or null
     */
    public List<ContainerSummary> list(boolean all, Integer limit, boolean size, Filters filters) {
        Query q = Query.of().flag("all", all).add("limit", limit).flag("size", size).filters(filters);
        List<ContainerSummary> result = http.get("/containers/json", q, new TypeReference<List<ContainerSummary>>() { });
        return result == null ? List.of() : result;
    }

    /** @param name the container's name, or null to let the engine pick one */
    public CreateResponse create(String name, ContainerCreateRequest request) {
        return create(name, null, request);
    }

    /** @param platform e.g. "linux/arm64", to pick one platform of a multi-platform image; or null */
    public CreateResponse create(String name, String platform, ContainerCreateRequest request) {
        ContainerCreateRequest body = request;
        HostConfig host = request.hostConfig();
        if (host != null && host.consoleSize() != null && !http.version().atLeast(V1_42)) {
            // older engines only honour ConsoleSize on Windows; the Go client leaves it out as well
            body = new ContainerCreateRequest(request.config(), host.withConsoleSize(null), request.networkingConfig());
        }
        Query q = Query.of().add("name", name).add("platform", platform);
        CreateResponse created = http.post("/containers/create", q, body, CreateResponse.class);
        if (created == null || created.id() == null || created.id().isBlank()) {
            throw new EngineProtocolException("the engine created a container but did not say its ID");
        }
        return created;
    }

    public ContainerInspect inspect(String id) {
        return inspect(id, false);
    }

    /** @param size also compute {@code SizeRw} and {@code SizeRootFs} */
    public ContainerInspect inspect(String id, boolean size) {
        return http.get(path(id, "json"), Query.of().flag("size", size), ContainerInspect.class);
    }

    /** The engine's whole answer, including fields this client does not model (for an "Inspect" view). */
    public JsonNode inspectRaw(String id) {
        return http.getTree(path(id, "json"), Query.of());
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------------

    /** @return false if the container was already running (304) */
    public boolean start(String id) {
        return http.send("POST", path(id, "start"), Query.of(), null) != 304;
    }

    /** Stops with the container's stop signal and timeout. @return false if it was not running (304) */
    public boolean stop(String id) {
        return stop(id, null, null);
    }

    /**
     * Sends the stop signal, then SIGKILL after the timeout.
     *
     * @param timeoutSeconds null for the container's {@code StopTimeout} (10 s unless set), −1 to wait forever
     * @param signal         null for the container's {@code StopSignal}; needs API 1.42 (Docker 23.0+)
     * @return false if it was not running (304)
     */
    public boolean stop(String id, Integer timeoutSeconds, String signal) {
        Query q = Query.of().add("t", timeoutSeconds).add("signal", requireSignalSupport(signal, "stop"));
        return exchangeWithin(path(id, "stop"), q, timeoutSeconds) != 304;
    }

    /** Stops (like {@link #stop}) and starts again. */
    public void restart(String id, Integer timeoutSeconds) {
        restart(id, timeoutSeconds, null);
    }

    /** @param signal the stop signal to use; needs API 1.42 (Docker 23.0+) */
    public void restart(String id, Integer timeoutSeconds, String signal) {
        Query q = Query.of().add("t", timeoutSeconds).add("signal", requireSignalSupport(signal, "restart"));
        exchangeWithin(path(id, "restart"), q, timeoutSeconds);
    }

    /** @param signal e.g. "SIGTERM", "HUP" or "9"; null for SIGKILL. 409 if the container is not running. */
    public void kill(String id, String signal) {
        http.send("POST", path(id, "kill"), Query.of().add("signal", signal), null);
    }

    public void pause(String id) {
        http.send("POST", path(id, "pause"), Query.of(), null);
    }

    public void unpause(String id) {
        http.send("POST", path(id, "unpause"), Query.of(), null);
    }

    /**
     * @param force         kill a running container first (409 without it)
     * @param removeVolumes also remove its anonymous volumes (named volumes are kept)
     */
    public void remove(String id, boolean force, boolean removeVolumes) {
        remove(id, force, removeVolumes, false);
    }

    /** @param removeLinks remove the link named {@code id} instead of a container (legacy links) */
    public void remove(String id, boolean force, boolean removeVolumes, boolean removeLinks) {
        Query q = Query.of().flag("v", removeVolumes).flag("force", force).flag("link", removeLinks);
        http.send("DELETE", path(id, null), q, null);
    }

    /** 409 if the name is taken. */
    public void rename(String id, String newName) {
        http.send("POST", path(id, "rename"), Query.of().add("name", newName), null);
    }

    /** Blocks, without a read timeout, until the condition is met; see {@link #beginWait} to cancel or race. */
    public WaitResponse wait(String id, WaitCondition condition) {
        try (PendingWait wait = beginWait(id, condition)) {
            return wait.await();
        }
    }

    /**
     * Registers a wait and returns as soon as the engine watches the container. Begin with
     * {@link WaitCondition#NEXT_EXIT} before {@link #start} to be sure to see the exit.
     */
    public PendingWait beginWait(String id, WaitCondition condition) {
        Query q = Query.of().add("condition", condition == null ? null : condition.wire());
        StreamResponse response = http.stream("POST", path(id, "wait"), q, null, Headers.of());
        return new PendingWait(http, response, id);
    }

    // ---- output: logs, attach, resize ----------------------------------------------------------------------------

    /**
     * The container's logs, demultiplexed into stdout and stderr unless the container has a TTY. With
     * {@link LogsOptions#following()} the stream has no read timeout and ends when the container stops; close the result
     * to cancel it.
     */
    public ContainerOutput logs(String id, LogsOptions options) {
        Query q = Query.of().flag("follow", options.follow()).flag("stdout", options.stdout())
                .flag("stderr", options.stderr()).add("since", options.since()).add("until", options.until())
                .flag("timestamps", options.timestamps()).add("tail", options.tail());
        boolean announced = http.version().atLeast(V1_42);
        Boolean tty = options.knownTty();
        if (tty == null && !announced) {
            tty = inspect(id).hasTty();
        }
        StreamResponse response = options.follow()
                ? http.stream("GET", path(id, "logs"), q, null, Headers.of())
                : http.download("GET", path(id, "logs"), q, Headers.of());
        try {
            String type = response.contentType();
            boolean multiplexed;
            if (announced && type.contains("multiplexed-stream")) {
                multiplexed = true;
            } else if (announced && type.contains("raw-stream")) {
                multiplexed = false;
            } else {
                multiplexed = !(tty != null ? tty : inspect(id).hasTty());
            }
            return new StreamedOutput(ContainerOutput.of(response.body(), multiplexed), response);
        } catch (RuntimeException | Error e) {
            // never leave a live stream unclosed: OkHttp would later hand its connection to another call
            response.close();
            throw e;
        }
    }

    /**
     * Attaches to the container's stdio. {@code tty} must be the container's {@code Config.Tty}: it decides whether
     * the output is multiplexed (engines before API 1.42 do not say).
     */
    public HijackedConnection attach(String id, AttachOptions options, boolean tty) {
        Query q = Query.of().flag("stream", options.stream()).flag("logs", options.logs())
                .flag("stdin", options.stdin()).flag("stdout", options.stdout()).flag("stderr", options.stderr())
                .add("detachKeys", options.detachKeys());
        return http.hijack(path(id, "attach"), q, null, !tty);
    }

    /** Like {@link #attach(String, AttachOptions, boolean)}, looking the container's TTY setting up first. */
    public HijackedConnection attach(String id, AttachOptions options) {
        return attach(id, options, inspect(id).hasTty());
    }

    /** Resizes the container's TTY (only meaningful for containers created with {@code Tty}). */
    public void resize(String id, int rows, int columns) {
        http.send("POST", path(id, "resize"), Query.of().add("h", rows).add("w", columns), null);
    }

    // ---- processes and statistics ----------------------------------------------------------------------------------

    /** @param psArgs {@code ps} options such as "aux"; null for the engine's default "-ef" */
    public TopResponse top(String id, String psArgs) {
        return http.get(path(id, "top"), Query.of().add("ps_args", psArgs), TopResponse.class);
    }

    /**
     * One sample at once ({@code one-shot}): memory, I/O and absolute CPU counters, but no previous sample, so
     * {@link ContainerStats#cpuPercent()} is 0. For dashboards polling many containers.
     */
    public ContainerStats stats(String id) {
        return http.get(path(id, "stats"), Query.of().add("stream", false).add("one-shot", true), ContainerStats.class);
    }

    /** One sample compared with the one before it (the engine takes about a second or two), so CPU % is known. */
    public ContainerStats statsSampled(String id) {
        return http.get(path(id, "stats"), Query.of().add("stream", false), ContainerStats.class);
    }

    /** A sample about every second until the container stops or the stream is closed. No read timeout. */
    public JsonStream<ContainerStats> statsStream(String id) {
        StreamResponse response = http.stream("GET", path(id, "stats"), Query.of().add("stream", true), null, Headers.of());
        try {
            return new JsonStream<>(response.body(), ContainerStats.class, "the stats of " + id);
        } catch (RuntimeException | Error e) {
            // never leave a live stream unclosed: OkHttp would later hand its connection to another call
            response.close();
            throw e;
        }
    }

    // ---- filesystem --------------------------------------------------------------------------------------------------

    /** Paths added, changed or deleted relative to the image. */
    public List<FilesystemChange> changes(String id) {
        List<FilesystemChange> changes = http.get(path(id, "changes"), Query.of(),
                new TypeReference<List<FilesystemChange>>() { });
        return changes == null ? List.of() : changes; // the engine sends null when nothing changed
    }

    /** Information about a path inside the container (HEAD of the archive endpoint); 404 if it does not exist. */
    public PathStat statPath(String id, String pathInContainer) {
        Headers headers = http.head(path(id, "archive"), Query.of().add("path", pathInContainer));
        return PathStat.decode(headers.get(PathStat.HEADER));
    }

    /** A tar of a file or directory in the container, streamed; close it when done. */
    public ArchiveDownload getArchive(String id, String pathInContainer) {
        StreamResponse response = http.download("GET", path(id, "archive"), Query.of().add("path", pathInContainer),
                Headers.of());
        try {
            return new ArchiveDownload(response, PathStat.decode(response.header(PathStat.HEADER)));
        } catch (RuntimeException | Error e) {
            // never leave a live stream unclosed: OkHttp would later hand its connection to another call
            response.close();
            throw e;
        }
    }

    /**
     * Extracts a tar into a directory of the container (which must exist). See {@link TarArchives#requestBody} to
     * upload local files.
     *
     * @param noOverwriteDirNonDir fail rather than replace a directory by a file or the other way round
     * @param copyUidGid           keep the archive's owners instead of making root the owner
     */
    public void putArchive(String id, String directoryInContainer, RequestBody tar, boolean noOverwriteDirNonDir,
                           boolean copyUidGid) {
        Query q = Query.of().add("path", directoryInContainer).flag("noOverwriteDirNonDir", noOverwriteDirNonDir)
                .flag("copyUIDGID", copyUidGid);
        Request request = http.request("PUT", path(id, "archive"), q, tar, Headers.of(), true);
        try (Response ignored = http.execute(http.transport().http(), request)) {
            // 200 with an empty body
        }
    }

    /** Like {@link #putArchive(String, String, RequestBody, boolean, boolean)}, streaming a tar the caller has. */
    public void putArchive(String id, String directoryInContainer, InputStream tar, boolean noOverwriteDirNonDir,
                           boolean copyUidGid) {
        putArchive(id, directoryInContainer, streamBody(tar), noOverwriteDirNonDir, copyUidGid);
    }

    /** The container's whole filesystem as a tar, streamed; close the stream when done (or to cancel). */
    public InputStream export(String id) {
        return http.download("GET", path(id, "export"), Query.of(), Headers.of()).body();
    }

    // ---- images from containers, housekeeping ------------------------------------------------------------------------

    /**
     * Creates an image from the container's filesystem ({@code docker commit}).
     *
     * @param config overrides of the image's configuration, or null to take the container's
     * @return the new image's ID
     */
    public String commit(String id, CommitOptions options, ContainerConfig config) {
        Query q = Query.of().add("container", plain(id)).add("repo", options.repo()).add("tag", options.tag())
                .add("comment", options.comment()).add("author", options.author()).add("pause", options.pause());
        if (options.changes() != null) {
            options.changes().forEach(change -> q.add("changes", change));
        }
        IdResponse response = http.post("/commit", q, config, IdResponse.class);
        return response == null ? null : response.id();
    }

    /** Removes stopped containers matching the filters (e.g. label=…, until=24h); running ones are never touched. */
    public PruneReport prune(Filters filters) {
        return http.post("/containers/prune", Query.of().filters(filters), null, PruneReport.class);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    record IdResponse(String id) {
    }

    private String requireSignalSupport(String signal, String operation) {
        if (signal != null && !http.version().atLeast(V1_42)) {
            throw new EngineException("choosing the signal for " + operation + " needs Engine API 1.42 (Docker 23.0 or"
                    + " newer); this engine speaks API " + http.version() + ". Leave the signal empty to use the"
                    + " container's stop signal.");
        }
        return signal;
    }

    /**
     * Stop and restart take as long as the container takes to stop: allow that on top of the usual read timeout, so
     * a long grace period is not mistaken for a dead engine.
     */
    private int exchangeWithin(String path, Query query, Integer timeoutSeconds) {
        OkHttpClient base = http.transport().http();
        long grace = timeoutSeconds == null ? DEFAULT_STOP_SECONDS : timeoutSeconds;
        OkHttpClient client = grace < 0 || base.readTimeoutMillis() == 0
                ? http.transport().streaming()
                : base.newBuilder().readTimeout(Duration.ofMillis(base.readTimeoutMillis()).plusSeconds(grace)).build();
        Request request = http.request("POST", path, query, null, Headers.of(), true);
        try (Response response = http.execute(client, request)) {
            return response.code();
        }
    }

    private static RequestBody streamBody(InputStream in) {
        return new RequestBody() {
            @Override
            public MediaType contentType() {
                return TAR;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (Source source = Okio.source(in)) {
                    sink.writeAll(source);
                }
            }
        };
    }

    /** {@code /containers/{id}/{action}}, refusing references that would change the path. */
    static String path(String id, String action) {
        String ref = plain(id);
        return "/containers/" + ref + (action == null ? "" : "/" + action);
    }

    /** A container reference without the leading slash names carry; never empty, never a path. */
    static String plain(String id) {
        if (id == null) {
            throw new IllegalArgumentException("no container given");
        }
        String ref = id.startsWith("/") ? id.substring(1) : id;
        if (ref.isEmpty() || ref.contains("/") || ref.equals(".") || ref.equals("..")) {
            throw new IllegalArgumentException("\"" + id + "\" is not a container ID or name");
        }
        return ref;
    }
}
