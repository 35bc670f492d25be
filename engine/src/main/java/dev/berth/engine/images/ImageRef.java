package dev.berth.engine.images;

import dev.berth.engine.errors.EngineException;
import dev.berth.engine.registry.DistributionReference;
import java.util.regex.Pattern;

/**
 * A reference as the image store keys it. {@code busybox} is {@code docker.io/library/busybox:latest} and shows as
 * {@code busybox:latest}; digest references keep only the digest ({@code name@sha256:…}), as moby's reference store
 * does.
 *
 * @param nameOnly the input named a repository without tag or digest ("busybox"); save then takes all its tags
 */
public record ImageRef(DistributionReference ref, boolean nameOnly) {

    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    /** Parses and normalises; 400 with Docker's wording when malformed. */
    public static ImageRef parse(String input) {
        if (input == null || input.isBlank()) {
            throw EngineException.badRequest("invalid reference format");
        }
        String trimmed = input.trim();
        DistributionReference ref = DistributionReference.parse(trimmed);
        String last = ref.path().substring(ref.path().lastIndexOf('/') + 1);
        if (HEX64.matcher(last).matches() && ref.path().equals("library/" + last) && ref.domain().equals(DistributionReference.DOCKER_HUB)) {
            throw EngineException.badRequest("invalid repository name (" + last
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        boolean nameOnly = !trimmed.contains("@") && trimmed.lastIndexOf(':') <= trimmed.lastIndexOf('/');
        if (ref.digest() != null && ref.tag() != null) {
            ref = new DistributionReference(ref.domain(), ref.path(), null, ref.digest());
        }
        return new ImageRef(ref, nameOnly);
    }

    /** A repository with an explicit tag (import/commit/tag: {@code repo} and {@code tag} parameters). */
    public static ImageRef of(String repo, String tag) {
        ImageRef base = parse(repo);
        if (tag == null || tag.isEmpty()) {
            return base;
        }
        if (base.ref.digest() != null) {
            throw EngineException.badRequest("cannot tag a digest reference");
        }
        if (!tag.matches("[\\w][\\w.-]{0,127}")) {
            throw EngineException.badRequest("invalid tag format");
        }
        return new ImageRef(base.ref.withTag(tag), false);
    }

    /** "docker.io/library/busybox" */
    public String name() {
        return ref.domain() + "/" + ref.path();
    }

    /** The store key: "docker.io/library/busybox:latest" or "docker.io/library/busybox@sha256:…". */
    public String canonical() {
        return ref.digest() != null ? name() + "@" + ref.digest() : name() + ":" + ref.tag();
    }

    /** As Docker shows it: "busybox:latest", "busybox@sha256:…". */
    public String familiar() {
        return ref.digest() != null ? ref.familiarName() + "@" + ref.digest() : ref.familiarName() + ":" + ref.tag();
    }

    public String familiarName() {
        return ref.familiarName();
    }

    public boolean digested() {
        return ref.digest() != null;
    }

    public String tag() {
        return ref.tag();
    }

    /** Parses a store key back (they are always valid). */
    static ImageRef ofCanonical(String canonical) {
        return parse(canonical);
    }
}
