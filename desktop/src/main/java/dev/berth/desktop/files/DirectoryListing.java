package dev.berth.desktop.files;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.containers.ArchiveDownload;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.exec.ExecResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Lists one directory of a container. A running container with {@code ls} answers in one exec; otherwise (stopped,
 * paused, distroless, or an {@code ls} whose output is not recognised) the directory's tar from the archive endpoint
 * is read header by header: file contents are skipped, never kept, and entries are handed out as they arrive. A tar
 * lists a directory depth-first, so the last child may come after everything beneath the first ones: the whole
 * archive passes by, which for a big directory tree takes a while — hence rows arriving progressively and
 * {@link #cancel()}.
 *
 * <p>Blocking; run it in the background. {@link #cancel()} may be called from any thread.
 */
final class DirectoryListing {

    private static final Texts T = Texts.of(DirectoryListing.class);

    /** Where the entries came from. */
    enum Source { EXEC, ARCHIVE }

    private final EngineClient client;
    private final String containerId;
    private final String directory;
    private final boolean execAllowed;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile ArchiveDownload download;
    private volatile boolean cancelled;

    DirectoryListing(EngineClient client, String containerId, String directory) {
        this(client, containerId, directory, true);
    }

    /** @param execAllowed false to always read the archive (as for a stopped container) */
    DirectoryListing(EngineClient client, String containerId, String directory, boolean execAllowed) {
        this.client = client;
        this.containerId = containerId;
        this.directory = ContainerPaths.normalize(directory);
        this.execAllowed = execAllowed;
    }

    String directory() {
        return directory;
    }

    /** Archive bytes read so far (0 when {@code ls} answered). */
    long bytesRead() {
        return bytesRead.get();
    }

    /** Lists the directory, handing each entry to {@code sink} on this thread; returns where they came from. */
    Source run(Consumer<FileEntry> sink) {
        if (execAllowed && isRunning()) {
            Optional<List<FileEntry>> viaLs = listWithLs();
            if (viaLs.isPresent()) {
                viaLs.get().forEach(sink);
                return Source.EXEC;
            }
        }
        listFromArchive(sink);
        return Source.ARCHIVE;
    }

    /** Stops a listing in progress; {@link #run} then ends with a {@link CancellationException}. */
    void cancel() {
        cancelled = true;
        ArchiveDownload d = download;
        if (d != null) {
            d.close();
        }
    }

    private boolean isRunning() {
        ContainerInspect inspect = client.containers().inspect(containerId);
        return inspect.state() != null && Boolean.TRUE.equals(inspect.state().running())
                && !Boolean.TRUE.equals(inspect.state().paused());
    }

    private Optional<List<FileEntry>> listWithLs() {
        String path = directory.equals("/") ? "/" : directory + "/"; // the slash makes ls follow a symlinked directory
        try {
            ExecResult result = client.exec().run(containerId, ExecCreateRequest
                    .builder("ls", "-lAn", "--full-time", "--", path).env("LC_ALL", "C").build());
            if (result.exitCode() != 0) {
                return Optional.empty(); // no ls, or an error the archive endpoint words better
            }
            return LsOutput.parse(result.stdout()).map(entries -> entries.stream().map(DirectoryListing::uniform).toList());
        } catch (EngineException e) {
            return Optional.empty();
        }
    }

    /** Only files have a size users care about (and ls and tar disagree on the others'): leave the rest out. */
    private static FileEntry uniform(FileEntry e) {
        return e.kind() == FileEntry.Kind.FILE ? e
                : new FileEntry(e.name(), e.kind(), -1, e.permissions(), e.modified(), e.linkTarget());
    }

    private void listFromArchive(Consumer<FileEntry> sink) {
        ArchiveDownload d = client.containers().getArchive(containerId, ContainerPaths.contentsOf(directory));
        download = d;
        try (d) {
            if (cancelled) {
                throw new CancellationException();
            }
            TarArchiveInputStream tar = new TarArchiveInputStream(new Counting(d.tar()));
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (cancelled) {
                    throw new CancellationException();
                }
                FileEntry child = child(entry);
                if (child != null) {
                    sink.accept(child);
                }
            }
        } catch (IOException e) {
            if (cancelled) {
                throw new CancellationException();
            }
            // this reaches the user, in the Files tab's status line
            throw new EngineException(T.get("files.error.read", directory, e.getMessage()), e);
        }
    }

    /** The entry if it is an immediate child of the listed directory (names arrive as "./name", "./name/sub"). */
    private static FileEntry child(TarArchiveEntry entry) {
        String name = entry.getName();
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.equals(".") || name.contains("/")) {
            return null;
        }
        int permissions = entry.getMode() & 07777;
        Instant modified = entry.getModTime() == null ? null : entry.getModTime().toInstant();
        if (entry.isDirectory()) {
            return new FileEntry(name, FileEntry.Kind.DIRECTORY, -1, permissions, modified, "");
        }
        if (entry.isSymbolicLink()) {
            return new FileEntry(name, FileEntry.Kind.SYMLINK, -1, permissions, modified, entry.getLinkName());
        }
        if (entry.isLink()) {
            return new FileEntry(name, FileEntry.Kind.FILE, -1, permissions, modified, ""); // a hard link's header has no size
        }
        if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
            return new FileEntry(name, FileEntry.Kind.OTHER, -1, permissions, modified, "");
        }
        if (entry.isFile()) {
            return new FileEntry(name, FileEntry.Kind.FILE, entry.getSize(), permissions, modified, "");
        }
        return new FileEntry(name, FileEntry.Kind.OTHER, -1, permissions, modified, "");
    }

    private final class Counting extends FilterInputStream {

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            bytesRead.addAndGet(skipped);
            return skipped;
        }
    }
}
