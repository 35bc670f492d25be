package dev.berth.engine.containers;

import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.runtime.ContainerLog;
import dev.berth.engine.runtime.ContainerUser;
import dev.berth.engine.storage.PathNotFoundException;
import dev.berth.remote.client.Json;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.ContainerStats;
import dev.berth.remote.containers.HostConfig;
import dev.berth.remote.containers.PathStat;
import dev.berth.remote.exec.ExecCreateRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** The Engine API's /containers and /exec endpoints over {@link ContainerService}. */
public final class ContainerRoutes implements Routes {

    private static final long STATS_INTERVAL_MILLIS = 1000;

    private final ContainerService containers;

    public ContainerRoutes(ContainerService containers) {
        this.containers = containers;
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/containers/create", this::create);
        router.add("GET", "/containers/json", req -> Response.json(containers.list(req.flag("all"),
                req.intQuery("limit", -1), req.flag("size"), req.filters())));
        router.add("POST", "/containers/prune", req -> Response.json(containers.prune(req.filters())));
        router.add("GET", "/containers/{id}/json", req -> Response.json(containers.inspect(req.param("id"),
                req.flag("size"))));
        router.add("GET", "/containers/{id}/top", req -> Response.json(containers.top(req.param("id"),
                req.query("ps_args", ""))));
        router.add("GET", "/containers/{id}/logs", this::logs);
        router.add("GET", "/containers/{id}/changes", req -> Response.json(containers.changes(req.param("id"))));
        router.add("GET", "/containers/{id}/export", req -> {
            String id = req.param("id");
            containers.find(id);
            return Response.stream(200, "application/x-tar", out -> containers.export(id, out));
        });
        router.add("GET", "/containers/{id}/stats", this::stats);
        router.add("POST", "/containers/{id}/resize", req -> {
            containers.resize(req.param("id"), req.intQuery("h", 0), req.intQuery("w", 0));
            return Response.status(200);
        });
        router.add("POST", "/containers/{id}/start", req -> {
            containers.start(req.param("id"));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/stop", req -> {
            containers.stop(req.param("id"), timeout(req), req.query("signal").orElse(null));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/restart", req -> {
            containers.restart(req.param("id"), timeout(req), req.query("signal").orElse(null));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/kill", req -> {
            containers.kill(req.param("id"), req.query("signal").orElse(null));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/pause", req -> {
            containers.pause(req.param("id"));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/unpause", req -> {
            containers.unpause(req.param("id"));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/rename", req -> {
            containers.rename(req.param("id"), req.query("name", ""));
            return Response.noContent();
        });
        router.add("POST", "/containers/{id}/wait", this::waitFor);
        router.add("POST", "/containers/{id}/update", req -> {
            containers.update(req.param("id"), req.json(HostConfig.class));
            // Go's nil slice, as dockerd sends it
            return Response.json(200, java.util.Collections.singletonMap("Warnings", null));
        });
        router.add("POST", "/containers/{id}/attach", this::attach);
        router.add("DELETE", "/containers/{id}", req -> {
            if (req.flag("link")) {
                containers.removeLink(req.param("id"));
                return Response.noContent();
            }
            containers.remove(req.param("id"), req.flag("force"), req.flag("v"));
            return Response.noContent();
        });
        // docker rm --link /parent/alias: the CLI puts the link name in the path as it is, slashes included
        router.add("DELETE", "/containers/{link:.+}", req -> {
            if (!req.flag("link")) {
                throw EngineException.notFound("No such container: " + req.param("link"));
            }
            containers.removeLink(req.param("link"));
            return Response.noContent();
        });
        router.add("HEAD", "/containers/{id}/archive", req -> {
            PathStat stat = stat(req);
            return Response.status(200).header(PathStat.HEADER, encode(stat));
        });
        router.add("GET", "/containers/{id}/archive", this::archiveGet);
        router.add("PUT", "/containers/{id}/archive", this::archivePut);
        router.add("POST", "/containers/{id}/exec", this::execCreate);
        router.add("POST", "/exec/{id}/start", this::execStart);
        router.add("POST", "/exec/{id}/resize", req -> {
            containers.execs().resize(req.param("id"), req.intQuery("h", 0), req.intQuery("w", 0));
            return Response.status(200);
        });
        router.add("GET", "/exec/{id}/json", req -> Response.json(containers.execs().inspect(req.param("id"))));
    }

    private Response create(Request req) {
        ContainerCreateRequest body = req.json(ContainerCreateRequest.class);
        String platform = req.query("platform", "");
        if (!platform.isEmpty() && !platform.startsWith("linux")) {
            throw EngineException.badRequest("invalid platform: " + platform + ": this engine runs linux containers");
        }
        if (body != null && body.config() != null && body.config().image() != null) {
            containers.requirePlatform(body.config().image(), platform);
        }
        return Response.json(201, containers.create(req.query("name", ""), body));
    }

    private static Integer timeout(Request req) {
        return req.query("t").filter(s -> !s.isBlank()).map(s -> (int) req.longQuery("t", 0)).orElse(null);
    }

    private Response logs(Request req) {
        String id = req.param("id");
        boolean tty = containers.hasTty(id);
        containers.requireReadableLogs(id);
        boolean stdout = req.flag("stdout");
        boolean stderr = req.flag("stderr");
        if (!stdout && !stderr) {
            throw EngineException.badRequest("Bad parameters: you must choose at least one stream");
        }
        String tailText = req.query("tail", "all").trim();
        int tail;
        if (tailText.isEmpty() || tailText.equals("all")) {
            tail = -1;
        } else {
            try {
                tail = Integer.parseInt(tailText);
            } catch (NumberFormatException e) {
                tail = -1; // moby treats an unparsable tail as "all"
            }
        }
        Instant since = Timestamps.parseApiTime(req.query("since", ""));
        Instant until = Timestamps.parseApiTime(req.query("until", ""));
        if (since != null && since.getEpochSecond() == 0 && since.getNano() == 0) {
            since = null;
        }
        if (until != null && until.getEpochSecond() == 0 && until.getNano() == 0) {
            until = null;
        }
        ContainerLog.Query query = new ContainerLog.Query(stdout, stderr, since, until, tail, req.flag("follow"));
        boolean timestamps = req.flag("timestamps");
        return Response.stream(200, StdStreams.contentType(tty, req.apiAtLeast("1.42")),
                out -> containers.logs(id, query, timestamps, out, req::clientGone));
    }

    private Response stats(Request req) {
        String id = req.param("id");
        containers.find(id);
        boolean stream = req.flag("stream", true);
        boolean oneShot = req.flag("one-shot");
        if (!stream) {
            ContainerStats sample = containers.stats(id, null);
            if (!oneShot && containers.isRunning(id)) {
                // like dockerd: a second sample a collection interval later, so CPU use can be computed
                sleep(STATS_INTERVAL_MILLIS);
                sample = containers.stats(id, sample);
            }
            return Response.json(sample);
        }
        return Response.stream(200, "application/json", out -> {
            ContainerStats previous = null;
            while (!req.clientGone()) {
                ContainerStats sample = containers.stats(id, previous);
                out.write(Json.MAPPER.writeValueAsBytes(sample));
                out.write('\n');
                out.flush();
                previous = sample;
                sleep(STATS_INTERVAL_MILLIS);
            }
        });
    }

    private Response waitFor(Request req) {
        CompletableFuture<Integer> result = containers.waitFor(req.param("id"), req.query("condition", ""));
        req.onClientGone(() -> result.cancel(false));
        return Response.stream(200, "application/json", out -> {
            // headers first: the CLI starts the container once it knows the wait is registered
            out.flush();
            int code;
            try {
                code = result.get();
            } catch (CancellationException e) {
                return;
            } catch (ExecutionException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("StatusCode", -1);
                error.put("Error", Map.of("Message", String.valueOf(e.getCause().getMessage())));
                out.write(Json.MAPPER.writeValueAsBytes(error));
                out.write('\n');
                return;
            }
            // written by hand: the shared mapper leaves nulls out, and Docker sends "Error": null
            out.write(utf8("{\"Error\":null,\"StatusCode\":" + code + "}\n"));
            out.flush();
        });
    }

    private Response attach(Request req) {
        AttachSession attach = containers.attach(req.param("id"), req.flag("stdin"), req.flag("stdout"),
                req.flag("stderr"), req.flag("logs"), req.flag("stream"), req.query("detachKeys").orElse(null));
        req.onClientGone(attach::cancel);
        return Response.hijack(StdStreams.contentType(attach.tty(), req.apiAtLeast("1.42")), attach::run);
    }

    private PathStat stat(Request req) {
        String id = req.param("id");
        String path = path(req);
        try {
            return containers.withRootfs(id, false, path, root -> containers.filesystem().stat(root, path));
        } catch (PathNotFoundException e) {
            throw EngineException.notFound("Could not find the file " + path + " in container "
                    + containers.nameOf(id));
        }
    }

    private static String path(Request req) {
        String path = req.query("path", "");
        if (path.isEmpty()) {
            throw EngineException.badRequest("bad parameter: path cannot be empty");
        }
        return path;
    }

    private static String encode(PathStat stat) {
        try {
            return Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(stat));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Response archiveGet(Request req) {
        String id = req.param("id");
        String path = path(req);
        PathStat stat = stat(req);
        containers.archiveEvent(id, false);
        return Response.stream(200, "application/x-tar", out -> containers.withRootfs(id, false, path, root -> {
            containers.filesystem().copyOut(root, path, out);
            return null;
        })).header(PathStat.HEADER, encode(stat));
    }

    private Response archivePut(Request req) {
        String id = req.param("id");
        String path = path(req);
        boolean noOverwrite = req.flag("noOverwriteDirNonDir");
        boolean copyUidGid = req.flag("copyUIDGID");
        try {
            containers.withRootfs(id, true, path, root -> {
                if (copyUidGid) {
                    ContainerUser user = ContainerUser.resolve(root, containers.find(id).config.user(), null);
                    containers.filesystem().copyIn(root, path, req.body(), noOverwrite, (int) user.uid(),
                            (int) user.gid());
                } else {
                    containers.filesystem().copyIn(root, path, req.body(), noOverwrite, false);
                }
                return null;
            });
        } catch (PathNotFoundException e) {
            throw EngineException.notFound("Could not find the file " + path + " in container "
                    + containers.nameOf(id));
        }
        containers.archiveEvent(id, true);
        return Response.status(200);
    }

    private Response execCreate(Request req) {
        ExecCreateRequest body = req.json(ExecCreateRequest.class);
        String id = containers.execs().create(req.param("id"), body);
        return Response.json(201, Map.of("Id", id));
    }

    /** The body of {@code POST /exec/{id}/start}. */
    record ExecStart(Boolean detach, Boolean tty, List<Integer> consoleSize) {
    }

    private Response execStart(Request req) {
        ExecStart body = req.json(ExecStart.class);
        boolean detach = body != null && Boolean.TRUE.equals(body.detach());
        boolean tty = body != null && Boolean.TRUE.equals(body.tty());
        ExecSessions.Exec exec = containers.execs().prepareStart(req.param("id"));
        if (body != null && body.consoleSize() != null && body.consoleSize().size() == 2) {
            synchronized (exec) {
                exec.pendingSize = new int[] {body.consoleSize().get(0), body.consoleSize().get(1)};
            }
        }
        if (detach) {
            containers.execs().runDetached(exec);
            return Response.status(200);
        }
        return containers.execs().hijack(exec, tty, req.apiAtLeast("1.42"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
