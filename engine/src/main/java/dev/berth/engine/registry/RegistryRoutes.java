package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.api.Request;
import dev.berth.engine.api.Response;
import dev.berth.engine.api.Router;
import dev.berth.engine.api.Routes;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.images.ImageRef;
import dev.berth.engine.images.ImageRoutes;
import dev.berth.engine.images.ProgressWriter;
import dev.berth.remote.auth.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Pull ({@code POST /images/create?fromImage=}) and push ({@code POST /images/{name}/push}). */
public final class RegistryRoutes implements Routes {

    private final ImagePuller puller;
    private final ImagePusher pusher;

    public RegistryRoutes(ImagePuller puller, ImagePusher pusher, ImageRoutes images) {
        this.puller = puller;
        this.pusher = pusher;
        images.setPullHandler(this::pull);
    }

    @Override
    public void register(Router router) {
        router.add("POST", "/images/{name:.+}/push", this::push);
    }

    private Response pull(Request request) {
        String from = request.query("fromImage", "");
        String tag = request.query("tag", "");
        String reference = tag.isEmpty() ? from : tag.startsWith("sha256:") ? from + "@" + tag : from + ":" + tag;
        if (!request.query("platform", "").isEmpty() && !request.query("platform", "").startsWith("linux")) {
            throw EngineException.badRequest("operating system is not supported: " + request.query("platform", ""));
        }
        ImagePuller.Plan plan = puller.plan(reference, auth(request));
        return Response.stream(200, "application/json", out -> puller.execute(plan, new ProgressWriter(out)));
    }

    private Response push(Request request) {
        String name = request.param("name");
        String tag = request.query("tag", "");
        ImageRef.parse(tag.isEmpty() ? name : name + ":" + tag);
        AuthConfig auth = auth(request);
        return Response.stream(200, "application/json",
                out -> pusher.push(name, tag, auth, new ProgressWriter(out)));
    }

    /** X-Registry-Auth: base64url JSON, as the docker CLI sends it (padding optional). */
    static AuthConfig auth(Request request) {
        String header = request.header("X-Registry-Auth");
        if (header == null || header.isBlank()) {
            return AuthConfig.anonymous();
        }
        try {
            byte[] json;
            try {
                json = Base64.getUrlDecoder().decode(header.trim());
            } catch (IllegalArgumentException e) {
                json = Base64.getDecoder().decode(header.trim());
            }
            if (new String(json, StandardCharsets.UTF_8).isBlank()) {
                return AuthConfig.anonymous();
            }
            return new ObjectMapper().readValue(json, AuthConfig.class);
        } catch (Exception e) {
            throw EngineException.badRequest("invalid X-Registry-Auth header: " + e.getMessage());
        }
    }
}
