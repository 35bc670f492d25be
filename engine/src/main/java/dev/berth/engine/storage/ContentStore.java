package dev.berth.engine.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Content-addressed blobs under {@code <root>/sha256/<hex>}: image configs, manifests and layer tars. A blob is
 * written to {@code <root>/ingest}, hashed while it streams, fsynced, and renamed into place only when its digest
 * is what the caller expected, so a reader never sees a partial or wrong blob under a digest's name.
 */
public final class ContentStore {

    private final Path root;
    private final Path ingest;

    public ContentStore(Path root) {
        this.root = root;
        this.ingest = root.resolve("ingest");
        try {
            Files.createDirectories(root.resolve("sha256"));
            Files.createDirectories(ingest);
            // Leftovers of writes cut short by a crash: never committed, never referenced.
            try (Stream<Path> stale = Files.list(ingest)) {
                for (Path p : (Iterable<Path>) stale::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the blob store in " + root + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Where a blob lives (whether or not it exists). */
    public Path path(String digest) {
        return root.resolve("sha256").resolve(Digests.hex(digest));
    }

    public boolean has(String digest) {
        return Digests.valid(digest) && Files.isRegularFile(path(digest));
    }

    public long size(String digest) throws IOException {
        return Files.size(path(digest));
    }

    public InputStream open(String digest) throws IOException {
        return Files.newInputStream(path(digest));
    }

    public byte[] read(String digest) throws IOException {
        return Files.readAllBytes(path(digest));
    }

    /** Stores bytes and returns their digest. */
    public String put(byte[] bytes) throws IOException {
        try (BlobWriter writer = writer()) {
            writer.write(bytes);
            return writer.commit(null);
        }
    }

    /** A writer for one new blob; {@link BlobWriter#commit} files it under its digest, closing without commit drops it. */
    public BlobWriter writer() throws IOException {
        return new BlobWriter(ingest.resolve(UUID.randomUUID() + ".part"));
    }

    /**
     * Moves an existing file (on the same filesystem) into the store after hashing it; fails when its digest is not
     * {@code expected} (null accepts any). Returns the digest.
     */
    public String adopt(Path file, String expected) throws IOException {
        MessageDigest md = Digests.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
            ch.force(true);
        }
        String digest = Digests.format(md.digest());
        if (expected != null && !expected.equals(digest)) {
            throw new DigestMismatchException(expected, digest);
        }
        moveIntoPlace(file, digest);
        return digest;
    }

    public void delete(String digest) throws IOException {
        if (Digests.valid(digest)) {
            Files.deleteIfExists(path(digest));
        }
    }

    /** Every stored digest. */
    public Set<String> digests() throws IOException {
        Set<String> all = new TreeSet<>();
        try (Stream<Path> files = Files.list(root.resolve("sha256"))) {
            files.forEach(p -> all.add("sha256:" + p.getFileName()));
        }
        return all;
    }

    private void moveIntoPlace(Path file, String digest) throws IOException {
        Path target = path(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return;
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A blob's digest was not the one its manifest or caller named. */
    public static final class DigestMismatchException extends IOException {
        public DigestMismatchException(String expected, String actual) {
            super("digest mismatch: expected " + expected + ", got " + actual);
        }
    }

    /** Streams one blob into the ingest area, hashing as it goes. */
    public final class BlobWriter extends OutputStream {

        private final Path temp;
        private final FileChannel channel;
        private final OutputStream out;
        private final MessageDigest md = Digests.sha256();
        private long size;
        private boolean done;

        private BlobWriter(Path temp) throws IOException {
            this.temp = temp;
            this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            md.update((byte) b);
            size++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            md.update(b, off, len);
            size += len;
        }

        public long size() {
            return size;
        }

        /** Syncs and files the blob; throws when the digest is not {@code expected} (null accepts any). */
        public String commit(String expected) throws IOException {
            if (done) {
                throw new IllegalStateException("blob already committed or dropped");
            }
            done = true;
            try {
                out.flush();
                channel.force(true);
                channel.close();
                String digest = Digests.format(md.digest());
                if (expected != null && !expected.equals(digest)) {
                    throw new DigestMismatchException(expected, digest);
                }
                moveIntoPlace(temp, digest);
                return digest;
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        /** Drops the blob unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                try {
                    channel.close();
                } finally {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (NoSuchFileException ignored) {
                        // already gone
                    }
                }
            }
        }
    }
}
