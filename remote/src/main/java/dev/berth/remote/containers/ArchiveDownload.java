package dev.berth.remote.containers;

import dev.berth.remote.client.StreamResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A tar of a path inside a container ({@code GET /containers/{id}/archive}), read as it arrives, and the path's
 * {@link PathStat}. The tar's top entry is named after the path's last component. Close it when done (or to cancel).
 */
public final class ArchiveDownload implements Closeable {

    private final StreamResponse response;
    private final InputStream tar;
    private final PathStat stat;

    ArchiveDownload(StreamResponse response, PathStat stat) {
        this.response = response;
        this.tar = response.body();
        this.stat = stat;
    }

    /** The tar stream. */
    public InputStream tar() {
        return tar;
    }

    public PathStat stat() {
        return stat;
    }

    /** Extracts the tar into {@code directory} safely (see {@link TarArchives#extract}) and closes the download. */
    public TarArchives.Extracted extractTo(Path directory) throws IOException {
        try (this) {
            return TarArchives.extract(tar, directory);
        }
    }

    @Override
    public void close() {
        response.close();
    }
}
