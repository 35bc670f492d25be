package dev.berth.engine.images;

import dev.berth.engine.api.Handler;
import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.remote.containers.ContainerConfig;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The image endpoints: list, inspect, history, tag, remove, prune, load, save, import ({@code POST /images/create}
 * with {@code fromSrc}) and {@code POST /commit}. Pulls ({@code fromImage}) go to the handler given with
 * {@link #setPullHandler}, if any.
 */
public final class ImageRoutes implements Routes {

    private static final Logger LOG = LoggerFactory.getLogger(ImageRoutes.class);

    private final ImageService images;
    private final CommitSource containers;
    private volatile Handler pull;

    public ImageRoutes(ImageService images, CommitSource containers) {
        this.images = images;
        this.containers = containers;
    }

    /** Who answers {@code POST /images/create?fromImage=…} (registry pulls live elsewhere). */
    public void setPullHandler(Handler pull) {
        this.pull = pull;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/images/json", this::list);
        router.add("GET", "/images/get", this::saveMany);
        router.add("POST", "/images/load", this::load);
        router.add("POST", "/images/prune", req -> Response.json(images.prune(req.filters())));
        router.add("POST", "/images/create", this::create);
        router.add("POST", "/commit", this::commit);
        router.add("GET", "/images/{name:.+}/json", req -> Response.json(images.inspect(req.param("name"),
                req.apiVersion())));
        router.add("GET", "/images/{name:.+}/history", req -> Response.json(images.history(req.param("name"))));
        router.add("GET", "/images/{name:.+}/get", this::saveOne);
        router.add("POST", "/images/{name:.+}/tag", this::tag);
        router.add("DELETE", "/images/{name:.+}", req -> Response.json(images.remove(req.param("name"),
                req.flag("force"), req.flag("noprune"))));
    }

    private Response list(Request req) {
        Map<String, List<String>> filters = req.filters();
        // API < 1.41 also took ?filter=<reference>; docker CLI 28 sends filters only, but keep the old form working
        req.query("filter").filter(f -> !f.isBlank()).ifPresent(f -> {
            filters.computeIfAbsent("reference", k -> new java.util.ArrayList<>()).add(f);
        });
        return Response.json(images.list(req.flag("all"), filters, req.apiVersion()));
    }

    private Response tag(Request req) {
        images.tag(req.param("name"), req.query("repo", ""), req.query("tag", ""));
        return Response.status(201);
    }

    private Response load(Request req) {
        boolean quiet = req.flag("quiet", true);
        return Response.stream(200, "application/json", out -> {
            // quiet leaves out the layer progress but keeps the "Loaded image" lines, as moby does
            ProgressWriter progress = new ProgressWriter(out, quiet);
            try {
                images.load(req.body(), progress);
            } catch (EngineException e) {
                drain(req);
                progress.error(e.getMessage());
            }
        });
    }

    private Response saveMany(Request req) {
        return save(req.queryAll("names"));
    }

    private Response saveOne(Request req) {
        return save(List.of(req.param("name")));
    }

    private Response save(List<String> names) {
        ImageService.SaveSet selection = images.prepareSave(names);
        return Response.stream(200, "application/x-tar", out -> images.save(selection, out));
    }

    private Response create(Request req) throws Exception {
        String fromImage = req.query("fromImage", "");
        if (!fromImage.isEmpty()) {
            Handler handler = pull;
            if (handler == null) {
                throw EngineException.serverError("pulling images from a registry is not available in this engine");
            }
            return handler.handle(req);
        }
        String fromSrc = req.query("fromSrc", "");
        if (!fromSrc.equals("-")) {
            throw EngineException.badRequest(fromSrc.isEmpty()
                    ? "one of fromImage or fromSrc is required"
                    : "importing from a URL is not supported; send the archive in the request body (fromSrc=-)");
        }
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        List<String> changes = req.queryAll("changes");
        // Bad parameters are plain 400s, before the body is read or the stream begins (moby checks them first).
        if (!repo.isEmpty()) {
            ImageRef.of(repo, tag);
        }
        DockerfileChanges.apply(null, changes);
        String message = req.query("message", "");
        return Response.stream(200, "application/json", out -> {
            ProgressWriter progress = new ProgressWriter(out);
            try {
                images.importImage(req.body(), repo, tag, message, changes, progress);
            } catch (EngineException e) {
                drain(req);
                progress.error(e.getMessage());
            }
        });
    }

    private Response commit(Request req) {
        String name = req.query("container", "");
        if (name.isEmpty()) {
            throw EngineException.badRequest("container name or ID is required");
        }
        ContainerConfig bodyConfig = req.json(ContainerConfig.class);
        CommitSource.Container container = containers.find(name);
        boolean pause = req.query("pause").filter(p -> !p.isBlank()).isEmpty() || req.flag("pause");
        String repo = req.query("repo", "");
        String tag = req.query("tag", "");
        if (!repo.isEmpty()) {
            ImageRef.of(repo, tag);
        }
        List<String> changes = req.queryAll("changes");
        DockerfileChanges.apply(container.config(), changes);
        boolean paused = false;
        if (pause && container.running() && !container.paused()) {
            try {
                containers.pause(container.id());
                paused = true;
            } catch (RuntimeException e) {
                LOG.debug("commit of {} without pausing: {}", container.id(), e.getMessage());
            }
        }
        try {
            CommitSpec spec = new CommitSpec(container.id(), container.imageId(),
                    bodyConfig != null ? bodyConfig : container.config(), req.query("author", ""),
                    req.query("comment", ""), changes, repo, tag);
            Map<String, String> labels = container.config() == null ? null : container.config().labels();
            String id = images.commit(spec, container.name(), labels);
            return Response.json(201, Map.of("Id", id));
        } finally {
            if (paused) {
                try {
                    containers.unpause(container.id());
                } catch (RuntimeException e) {
                    LOG.warn("cannot unpause {} after the commit: {}", container.id(), e.getMessage());
                }
            }
        }
    }

    /** Reads what is left of an upload the operation gave up on, so the client sees the answer, not a reset. */
    private static void drain(Request req) {
        try {
            req.body().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("discarding the rest of the upload: {}", e.toString());
        }
    }
}
