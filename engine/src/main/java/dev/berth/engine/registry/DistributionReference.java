package dev.berth.engine.registry;

import dev.berth.engine.errors.EngineException;
import java.util.regex.Pattern;

/**
 * An image reference as the docker CLI normalises it: {@code busybox} is {@code docker.io/library/busybox:latest},
 * {@code 127.0.0.1:5000/team/app@sha256:…} keeps its registry and digest.
 *
 * @param domain     registry host[:port]; "docker.io" for Docker Hub
 * @param path       repository path within the registry ("library/busybox")
 * @param tag        null when a digest is given without a tag
 * @param digest     "sha256:…" or null
 */
public record DistributionReference(String domain, String path, String tag, String digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** Parses and normalises; throws 400 with Docker's wording when the reference is malformed. */
    public static DistributionReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw EngineException.badRequest("invalid reference format");
        }
        String rest = reference.trim();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw EngineException.badRequest("invalid reference format");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw EngineException.badRequest("invalid reference format");
            }
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (domain.equals("index.docker.io")) {
            domain = DOCKER_HUB;
        }
        if (!path.equals(path.toLowerCase())) {
            throw EngineException.badRequest("invalid reference format: repository name (" + path
                    + ") must be lowercase");
        }
        if (!PATH.matcher(path).matches()) {
            throw EngineException.badRequest("invalid reference format");
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new DistributionReference(domain, path, tag, digest);
    }

    /** The name Docker shows: "busybox", "user/app", "127.0.0.1:5000/app". */
    public String familiarName() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") ? path.substring("library/".length()) : path;
        }
        return domain + "/" + path;
    }

    /** "busybox:latest" — the RepoTags entry; null when only a digest was given. */
    public String familiarTagged() {
        return tag == null ? null : familiarName() + ":" + tag;
    }

    /** The tag, or the digest when pulling by digest: what goes after /manifests/. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    /** The host the registry API is served on; Docker Hub's API lives on registry-1.docker.io. */
    public String apiHost() {
        return domain.equals(DOCKER_HUB) ? "registry-1.docker.io" : domain;
    }

    /** Whether Docker treats the registry as insecure by default: loopback (127.0.0.0/8, ::1, localhost). */
    public boolean loopbackRegistry() {
        String host = domain.startsWith("[") ? domain.substring(1, domain.indexOf(']'))
                : domain.replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    public DistributionReference withTag(String newTag) {
        return new DistributionReference(domain, path, newTag, null);
    }
}
