package dev.berth.desktop.images;

import java.util.regex.Pattern;

/**
 * The reference grammar the engine enforces ({@code [registry[:port]/]path[:tag][@digest]}), checked before a request
 * is sent so a typo is flagged next to the field, in words, rather than as an engine error afterwards.
 */
public final class ImageNames {

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*"
                    + "(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");

    private ImageNames() {
    }

    /** A reference split into repository and tag. */
    public record Split(String repository, String tag) {

        @Override
        public String toString() {
            return repository + ":" + tag;
        }
    }

    /** What is wrong with a reference to pull, or {@code null} when it is fine. */
    public static String problem(String reference) {
        return problem(reference, true);
    }

    /** What is wrong with a new {@code repo[:tag]} (no digest), or {@code null} when it is fine. */
    public static String tagProblem(String reference) {
        return problem(reference, false);
    }

    /** Splits {@code repo[:tag]}; the tag defaults to "latest", as the CLI's does. */
    public static Split split(String reference) {
        String ref = reference.trim();
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            return new Split(ref.substring(0, colon), ref.substring(colon + 1));
        }
        return new Split(ref, "latest");
    }

    private static String problem(String reference, boolean digestAllowed) {
        if (reference == null || reference.isBlank()) {
            return "Enter an image reference, for example busybox:latest or registry.example.com/team/app:1.0";
        }
        String ref = reference.trim();
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return "A reference cannot contain spaces";
        }
        int at = ref.indexOf('@');
        if (at >= 0) {
            if (!digestAllowed) {
                return "A tag cannot include a digest (@sha256:…)";
            }
            if (!DIGEST.matcher(ref.substring(at + 1)).matches()) {
                return "\"" + ref.substring(at + 1) + "\" is not a valid digest (expected sha256: and 64 hex digits)";
            }
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            String tag = ref.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                return "Invalid tag \"" + tag + "\": letters, digits, _ . and - only, up to 128, not starting with . or -";
            }
            ref = ref.substring(0, colon);
        }
        if (ref.isEmpty()) {
            return "The repository name is missing";
        }
        if (ref.length() > 255) {
            return "The repository name is longer than 255 characters";
        }
        String path = ref;
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
                if (!DOMAIN.matcher(first).matches()) {
                    return "\"" + first + "\" is not a valid registry address";
                }
                path = ref.substring(slash + 1);
            }
        }
        if (!path.equals(path.toLowerCase())) {
            return "Repository names must be lowercase";
        }
        if (!PATH.matcher(path).matches()) {
            return "\"" + path + "\" is not a valid repository name: use lowercase letters, digits and separators "
                    + "('.', '_', '-', '/') between them";
        }
        return null;
    }
}
