package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.images.ImageRef;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.images.ProgressWriter;
import dev.berth.engine.storage.Digests;
import dev.berth.engine.storage.LayerStore;
import dev.berth.remote.auth.AuthConfig;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /images/create?fromImage=}: pulls an image from a registry into the image store, reporting progress
 * the way the docker CLI draws it (one line per layer: Pulling fs layer, Downloading, Verifying Checksum, Download
 * complete, Extracting, Pull complete; "Already exists" for layers we have).
 */
public final class ImagePuller {

    private static final Logger LOG = LoggerFactory.getLogger(ImagePuller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageService images;
    private final LayerStore layers;
    private final EventBus events;
    private final Path scratch;

    public ImagePuller(ImageService images, LayerStore layers, EventBus events, Path scratch) {
        this.images = images;
        this.layers = layers;
        this.events = events;
        this.scratch = scratch;
    }

    /** What a pull will fetch, resolved before any output so a missing image is an HTTP error, as in dockerd. */
    public record Plan(ImageRef ref, RegistryClient registry, RegistryClient.Manifest manifest, byte[] config,
            List<String> diffIds) {
    }

    /** Resolves the manifest and config; 404/401/500 with Docker's messages when that fails. */
    public Plan plan(String reference, AuthConfig auth) {
        ImageRef ref = ImageRef.parse(reference);
        try {
            RegistryClient registry = new RegistryClient(ref.ref(), auth);
            RegistryClient.Manifest manifest = registry.manifest();
            byte[] config;
            try (InputStream in = registry.blob(manifest.config().digest())) {
                config = in.readAllBytes();
            }
            List<String> diffIds = new ArrayList<>();
            JSON.readTree(config).path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
            if (diffIds.size() != manifest.layers().size()) {
                throw new RegistryException(400, "the image config lists " + diffIds.size()
                        + " layers but the manifest " + manifest.layers().size());
            }
            return new Plan(ref, registry, manifest, config, diffIds);
        } catch (RegistryException e) {
            throw new EngineException(e.status() == 404 ? 404 : e.status() == 401 ? 401 : 500, e.getMessage(), e);
        } catch (IOException e) {
            throw EngineException.serverError(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EngineException.serverError("pull interrupted");
        }
    }

    /** Downloads and stores what the plan names; failures after the answer started go to {@code progress}. */
    public void execute(Plan plan, ProgressWriter progress) {
        ImageRef ref = plan.ref();
        RegistryClient.Manifest manifest = plan.manifest();
        List<String> diffIds = plan.diffIds();
        List<Path> downloads = new ArrayList<>();
        try {
            DistributionReference dist = ref.ref();
            progress.statusWithId("Pulling from " + dist.path(), dist.tag() != null ? dist.tag() : dist.digest());
            String previous = images.lookup(ref);
            String chain = null;
            List<Boolean> needed = new ArrayList<>();
            for (int i = 0; i < diffIds.size(); i++) {
                chain = Digests.chainId(chain, diffIds.get(i));
                boolean have = layers.exists(chain);
                needed.add(!have);
                progress.statusWithId(have ? "Already exists" : "Pulling fs layer", shortId(manifest.layers().get(i)));
            }
            for (int i = 0; i < diffIds.size(); i++) {
                downloads.add(needed.get(i) ? download(plan.registry(), manifest.layers().get(i), progress) : null);
            }
            String id = images.storeImage(plan.config(), null, (index, diffId) -> {
                Path file = downloads.get(index);
                if (file == null) {
                    throw new IOException("layer " + diffId + " was expected to be present");
                }
                RegistryClient.Descriptor layer = manifest.layers().get(index);
                return new Counting(Files.newInputStream(file), Files.size(file), shortId(layer), progress);
            }, ProgressWriter.discard());
            for (int i = 0; i < diffIds.size(); i++) {
                if (needed.get(i)) {
                    progress.statusWithId("Pull complete", shortId(manifest.layers().get(i)));
                }
            }
            images.addReference(ImageRef.parse(ref.familiarName() + "@" + manifest.digest()), id);
            if (!ref.digested()) {
                images.addReference(ref, id);
            }
            progress.status("Digest: " + manifest.digest());
            progress.status(id.equals(previous) ? "Status: Image is up to date for " + ref.familiar()
                    : "Status: Downloaded newer image for " + ref.familiar());
            events.publish("image", "pull", ref.familiar(), Map.of("name", ref.familiarName()));
        } catch (RegistryException e) {
            progress.error(e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.warn("pull of {} failed", ref.familiar(), e);
            progress.error(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.error("pull interrupted");
        } finally {
            for (Path file : downloads) {
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        LOG.debug("cannot remove {}: {}", file, e.toString());
                    }
                }
            }
        }
    }

    private Path download(RegistryClient registry, RegistryClient.Descriptor layer, ProgressWriter progress)
            throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "pull-", ".layer");
        String id = shortId(layer);
        try (InputStream in = registry.blob(layer.digest()); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long done = 0;
            long lastReport = -1;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                done += n;
                if (lastReport < 0 || done - lastReport >= 256 * 1024) {
                    progress.progress("Downloading", id, done, layer.size());
                    lastReport = done;
                }
            }
        }
        progress.statusWithId("Verifying Checksum", id);
        progress.statusWithId("Download complete", id);
        return file;
    }

    static String shortId(RegistryClient.Descriptor layer) {
        String hex = layer.digest().substring(layer.digest().indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** Reports "Extracting" progress as the layer is read into the store. */
    private static final class Counting extends FilterInputStream {
        private final long total;
        private final String id;
        private final ProgressWriter progress;
        private long read;
        private long lastReport = -1;

        Counting(InputStream in, long total, String id, ProgressWriter progress) {
            super(in);
            this.total = total;
            this.id = id;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (lastReport < 0 || read - lastReport >= 256 * 1024 || read == total) {
                progress.progress("Extracting", id, read, total);
                lastReport = read;
            }
        }
    }
}
