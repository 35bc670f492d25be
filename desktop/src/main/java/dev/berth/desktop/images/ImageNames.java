package dev.berth.desktop.images;

import dev.berth.desktop.i18n.Texts;
import java.util.regex.Pattern;

/**
 * The reference grammar the engine enforces ({@code [registry[:port]/]path[:tag][@digest]}), checked before a request
 * is sent so a typo is flagged next to the field, in words, rather than as an engine error afterwards.
 */
public final class ImageNames {

    private static final Texts T = Texts.of(ImageNames.class);

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
            return T.get("images.name.empty");
        }
        String ref = reference.trim();
        if (ref.chars().anyMatch(Character::isWhitespace)) {
            return T.get("images.name.spaces");
        }
        int at = ref.indexOf('@');
        if (at >= 0) {
            if (!digestAllowed) {
                return T.get("images.name.tagWithDigest");
            }
            if (!DIGEST.matcher(ref.substring(at + 1)).matches()) {
                return T.get("images.name.badDigest", ref.substring(at + 1));
            }
            ref = ref.substring(0, at);
        }
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            String tag = ref.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                return T.get("images.name.badTag", tag);
            }
            ref = ref.substring(0, colon);
        }
        if (ref.isEmpty()) {
            return T.get("images.name.noRepository");
        }
        if (ref.length() > 255) {
            return T.get("images.name.tooLong");
        }
        String path = ref;
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase())) {
                if (!DOMAIN.matcher(first).matches()) {
                    return T.get("images.name.badRegistry", first);
                }
                path = ref.substring(slash + 1);
            }
        }
        if (!path.equals(path.toLowerCase())) {
            return T.get("images.name.lowercase");
        }
        if (!PATH.matcher(path).matches()) {
            return T.get("images.name.badRepository", path);
        }
        return null;
    }
}
