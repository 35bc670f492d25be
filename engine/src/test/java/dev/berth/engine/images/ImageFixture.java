package dev.berth.engine.images;

import dev.berth.engine.events.EventBus;
import dev.berth.engine.host.EngineDirs;
import dev.berth.engine.storage.ContentStore;
import dev.berth.engine.storage.FileMeta;
import dev.berth.engine.storage.LayerStore;
import dev.berth.engine.storage.TarBuilder;
import dev.berth.remote.system.EventMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An image service on a private temporary data root. */
final class ImageFixture implements AutoCloseable {

    final Path root;
    final EngineDirs dirs;
    final ContentStore blobs;
    final LayerStore layers;
    final EventBus events = new EventBus();
    final ImageService images;

    ImageFixture() throws IOException {
        root = Files.createTempDirectory("berth-images");
        dirs = new EngineDirs(root.resolve("data"), root.resolve("run")).create();
        blobs = new ContentStore(dirs.blobs());
        layers = new LayerStore(dirs.overlay());
        images = new ImageService(dirs, layers, blobs, events);
    }

    /** Imports a rootfs tar as {@code repo} and returns the image ID. */
    String importTar(TarBuilder tar, String repo, String... changes) {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        return images.importImage(new ByteArrayInputStream(tar.bytes()), repo, "", "", List.of(changes),
                new ProgressWriter(progress));
    }

    /** A small busybox-like root filesystem. */
    static TarBuilder rootfs(String marker) {
        return new TarBuilder().dir("bin").file("bin/sh", "#!fake " + marker, 0755).dir("etc")
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n").file("etc/marker", marker).dir("tmp", 01777);
    }

    List<String> actions(String type) {
        return events.recent().stream().filter(e -> e.type().equals(type)).map(EventMessage::action).toList();
    }

    static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        for (String id : layers.containerIds()) {
            layers.removeContainerLayer(id);
        }
        FileMeta.removeTree(root.getParent(), root.getFileName().toString());
    }
}
