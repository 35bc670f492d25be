package dev.berth.remote.images;

/**
 * An image reference split the way the Engine API wants it for pull and push: repository, and tag or digest.
 * Only the last path component can carry a tag, so {@code 127.0.0.1:5000/busybox} has no tag.
 */
record ImageReference(String repository, String tag, String digest) {

    static ImageReference parse(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("an image reference is required");
        }
        String ref = reference.trim();
        String digest = null;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = ref.substring(at + 1);
            ref = ref.substring(0, at);
        }
        String tag = null;
        int colon = ref.lastIndexOf(':');
        if (colon > ref.lastIndexOf('/')) {
            tag = ref.substring(colon + 1);
            ref = ref.substring(0, colon);
        }
        return new ImageReference(ref, tag, digest);
    }
}
