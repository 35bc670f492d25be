package dev.berth.engine.api;

import dev.berth.engine.errors.EngineException;
import dev.berth.remote.client.ApiVersion;

/** The API versions the engine serves: requests may name any of them in their path, as /v1.43/containers/json. */
public final class ApiVersions {

    /** The oldest version whose semantics the engine implements (Docker 20.10's). */
    public static final String MIN = "1.41";
    /** The newest version the engine claims in /_ping and /version; clients negotiate down to it. */
    public static final String MAX = "1.43";

    private ApiVersions() {
    }

    /** Checks a version from a request path; Docker's own messages for versions out of range. */
    public static String accept(String requested) {
        ApiVersion version;
        try {
            version = ApiVersion.parse(requested);
        } catch (RuntimeException e) {
            throw EngineException.badRequest("invalid API version: " + requested);
        }
        if (version.compareTo(ApiVersion.parse(MAX)) > 0) {
            throw EngineException.badRequest("client version " + requested
                    + " is too new. Maximum supported API version is " + MAX);
        }
        if (version.compareTo(ApiVersion.parse(MIN)) < 0) {
            throw EngineException.badRequest("client version " + requested
                    + " is too old. Minimum supported API version is " + MIN
                    + ", please upgrade your client to a newer version");
        }
        return requested;
    }

    /** Whether {@code version} is at least {@code other}, e.g. {@code atLeast(req.apiVersion(), "1.42")}. */
    public static boolean atLeast(String version, String other) {
        return ApiVersion.parse(version).compareTo(ApiVersion.parse(other)) >= 0;
    }
}
