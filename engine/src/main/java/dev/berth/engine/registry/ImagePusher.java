package dev.berth.engine.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.errors.EngineException;
import dev.berth.engine.events.EventBus;
import dev.berth.engine.images.ImageRecord;
import dev.berth.engine.images.ImageRef;
import dev.berth.engine.images.ImageService;
import dev.berth.engine.images.ProgressWriter;
import dev.berth.engine.storage.ContentStore;
import dev.berth.remote.auth.AuthConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * {@code POST /images/{name}/push}: uploads an image as a Docker schema 2 manifest with gzip layers. The store keeps
 * layers uncompressed, so each is compressed on the way out; GZIPOutputStream writes no timestamp, so the same
 * layer always gives the same digest and a second push finds it already there.
 */
public final class ImagePusher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageService images;
    private final ContentStore blobs;
    private final EventBus events;
    private final Path scratch;

    public ImagePusher(ImageService images, ContentStore blobs, EventBus events, Path scratch) {
        this.images = images;
        this.blobs = blobs;
        this.events = events;
        this.scratch = scratch;
    }

    /** Pushes {@code name} with {@code tag} (or every tag of the repository when the tag is empty). */
    public void push(String name, String tag, AuthConfig auth, ProgressWriter progress) {
        ImageRef repository = ImageRef.parse(name);
        List<ImageRef> targets = new ArrayList<>();
        if (tag != null && !tag.isEmpty()) {
            targets.add(ImageRef.of(name, tag));
        } else if (!repository.nameOnly()) {
            targets.add(repository);
        } else {
            targets.addAll(images.tagsOf(repository));
            if (targets.isEmpty()) {
                throw EngineException.notFound("An image does not exist locally with the tag: " + name);
            }
        }
        progress.status("The push refers to repository [" + repository.familiarName() + "]");
        for (ImageRef target : targets) {
            pushOne(target, auth, progress);
        }
    }

    private void pushOne(ImageRef target, AuthConfig auth, ProgressWriter progress) {
        ImageRecord image;
        try {
            image = images.resolve(target.familiar());
        } catch (EngineException e) {
            throw EngineException.notFound("An image does not exist locally with the tag: " + target.familiarName());
        }
        List<Path> compressed = new ArrayList<>();
        try {
            RegistryClient registry = new RegistryClient(target.ref(), auth);
            List<String> diffIds = image.imageConfig().diffIds();
            for (int i = diffIds.size() - 1; i >= 0; i--) {
                progress.statusWithId("Preparing", shortId(diffIds.get(i)));
            }
            ArrayNode layers = JSON.createArrayNode();
            for (int i = diffIds.size() - 1; i >= 0; i--) {
                String diffId = diffIds.get(i);
                String id = shortId(diffId);
                Path file = Files.createTempFile(Files.createDirectories(scratch), "push-", ".tar.gz");
                compressed.add(file);
                String digest = gzip(diffId, file);
                long size = Files.size(file);
                if (registry.hasBlob(digest)) {
                    progress.statusWithId("Layer already exists", id);
                } else {
                    progress.progress("Pushing", id, 0, size);
                    registry.uploadBlob(digest, size, file);
                    progress.progress("Pushing", id, size, size);
                    progress.statusWithId("Pushed", id);
                }
                ObjectNode layer = JSON.createObjectNode();
                layer.put("mediaType", RegistryClient.DOCKER_LAYER_GZIP);
                layer.put("size", size);
                layer.put("digest", digest);
                layers.insert(0, layer);
            }
            byte[] config = images.rawConfig(image.id());
            if (!registry.hasBlob(image.id())) {
                Path file = Files.createTempFile(Files.createDirectories(scratch), "push-", ".json");
                compressed.add(file);
                Files.write(file, config);
                registry.uploadBlob(image.id(), config.length, file);
            }
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", RegistryClient.DOCKER_MANIFEST);
            ObjectNode configRef = manifest.putObject("config");
            configRef.put("mediaType", RegistryClient.DOCKER_CONFIG);
            configRef.put("size", config.length);
            configRef.put("digest", image.id());
            manifest.set("layers", layers);
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            String digest = registry.putManifest(target.tag(), RegistryClient.DOCKER_MANIFEST, bytes);
            images.addReference(ImageRef.parse(target.familiarName() + "@" + digest), image.id());
            progress.status(target.tag() + ": digest: " + digest + " size: " + bytes.length);
            progress.aux(Map.of("Tag", target.tag(), "Digest", digest, "Size", bytes.length));
            events.publish("image", "push", target.familiar(), Map.of("name", target.familiarName()));
        } catch (RegistryException | IOException e) {
            progress.error(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.error("push interrupted");
        } finally {
            for (Path file : compressed) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // scratch space; removed with the data root at worst
                }
            }
        }
    }

    private String gzip(String diffId, Path file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = blobs.open(diffId);
             OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(file), sha),
                     64 * 1024) {
                 {
                     def.setLevel(Deflater.DEFAULT_COMPRESSION);
                 }
             }) {
            in.transferTo(out);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }

    private static String shortId(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
