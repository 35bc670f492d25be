package dev.berth.remote.images;

import dev.berth.remote.auth.AuthConfig;

/**
 * What to pull. The tag is always sent (default "latest"): without one, the engine would pull every tag of the
 * repository. A digest goes in the tag's place, as the docker CLI does.
 *
 * @param image    repository, e.g. "busybox" or "registry.example.com:5000/team/app"
 * @param tag      tag or digest ("sha256:…"); {@code null} means "latest"
 * @param platform "os[/arch[/variant]]", or {@code null} for the engine's own
 * @param auth     registry credentials, or {@code null} for anonymous
 */
public record PullRequest(String image, String tag, String platform, AuthConfig auth) {

    public PullRequest {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("the image to pull is required");
        }
        if (tag == null || tag.isBlank()) {
            tag = "latest";
        }
        if (platform != null && platform.isBlank()) {
            platform = null;
        }
    }

    /** Splits {@code repo[:tag][@digest]}; a digest wins over a tag. */
    public static PullRequest of(String reference) {
        ImageReference ref = ImageReference.parse(reference);
        return new PullRequest(ref.repository(), ref.digest() != null ? ref.digest() : ref.tag(), null, null);
    }

    public PullRequest withAuth(AuthConfig newAuth) {
        return new PullRequest(image, tag, platform, newAuth);
    }

    public PullRequest withPlatform(String newPlatform) {
        return new PullRequest(image, tag, newPlatform, auth);
    }

    /** The full reference, {@code repo:tag} or {@code repo@sha256:…}. */
    public String reference() {
        return image + (tag.startsWith("sha256:") ? "@" : ":") + tag;
    }
}
