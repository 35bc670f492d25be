package dev.berth.remote.images;

import java.io.InputStream;
import java.util.List;

/**
 * An image to create from a root filesystem tarball ({@code docker import}): either streamed from here or fetched
 * by the engine from a URL.
 *
 * @param tar      the tarball (plain, gzip, bzip2 or xz), or {@code null} when {@code url} is set; read once and
 *                 not closed
 * @param url      a URL the engine downloads the tarball from, or {@code null}
 * @param repo     repository to tag the image in (may include a tag), or {@code null} for an untagged image
 * @param tag      tag, or {@code null}
 * @param changes  Dockerfile instructions to apply: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME,
 *                 WORKDIR
 * @param message  commit message, or {@code null}
 * @param platform "os[/arch[/variant]]", or {@code null}
 */
public record ImportRequest(InputStream tar, String url, String repo, String tag, List<String> changes,
                            String message, String platform) {

    public ImportRequest {
        if ((tar == null) == (url == null)) {
            throw new IllegalArgumentException("an import needs exactly one source: a tar stream or a URL");
        }
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static ImportRequest fromTar(InputStream tar) {
        return new ImportRequest(tar, null, null, null, List.of(), null, null);
    }

    public static ImportRequest fromUrl(String url) {
        return new ImportRequest(null, url, null, null, List.of(), null, null);
    }

    public ImportRequest withRepository(String newRepo, String newTag) {
        return new ImportRequest(tar, url, newRepo, newTag, changes, message, platform);
    }

    public ImportRequest withChanges(List<String> newChanges) {
        return new ImportRequest(tar, url, repo, tag, newChanges, message, platform);
    }

    public ImportRequest withMessage(String newMessage) {
        return new ImportRequest(tar, url, repo, tag, changes, newMessage, platform);
    }

    public ImportRequest withPlatform(String newPlatform) {
        return new ImportRequest(tar, url, repo, tag, changes, message, newPlatform);
    }
}
