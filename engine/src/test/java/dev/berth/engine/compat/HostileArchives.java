package dev.berth.engine.compat;

import dev.berth.remote.client.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Tar archives no tar tool would make — names with {@code ../}, links leading out, device nodes — and {@code docker
 * save} archives (legacy layout: {@code manifest.json}, {@code <id>.json}, {@code <id>/layer.tar}) wrapping them,
 * with correct digests so an engine gets as far as extracting the layers.
 */
final class HostileArchives {

    private static final FileTime TIME = FileTime.from(Instant.parse("2024-01-02T03:04:05Z"));

    private HostileArchives() {
    }

    /** One tar, entry by entry, names and link targets exactly as given. */
    static final class Tar {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, 512, "UTF-8");

        Tar() {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        Tar dir(String name) {
            return put(entry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, 0755), null);
        }

        Tar file(String name, String content) {
            return file(name, content.getBytes(StandardCharsets.UTF_8));
        }

        Tar file(String name, byte[] content) {
            TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0644);
            e.setSize(content.length);
            return put(e, content);
        }

        Tar symlink(String name, String target) {
            TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
            e.setLinkName(target);
            return put(e, null);
        }

        Tar hardlink(String name, String target) {
            TarArchiveEntry e = entry(name, TarConstants.LF_LINK, 0644);
            e.setLinkName(target);
            return put(e, null);
        }

        Tar charDevice(String name, int major, int minor) {
            return device(name, TarConstants.LF_CHR, major, minor);
        }

        Tar blockDevice(String name, int major, int minor) {
            return device(name, TarConstants.LF_BLK, major, minor);
        }

        private Tar device(String name, byte type, int major, int minor) {
            TarArchiveEntry e = entry(name, type, 0666);
            e.setDevMajor(major);
            e.setDevMinor(minor);
            return put(e, null);
        }

        /** {@code preserveAbsolutePath}: commons-compress would otherwise strip a leading slash. */
        private static TarArchiveEntry entry(String name, byte type, int mode) {
            TarArchiveEntry e = new TarArchiveEntry(name, type, true);
            e.setMode(mode);
            e.setModTime(TIME);
            return e;
        }

        private Tar put(TarArchiveEntry e, byte[] content) {
            try {
                out.putArchiveEntry(e);
                if (content != null) {
                    out.write(content);
                }
                out.closeArchiveEntry();
                return this;
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        byte[] bytes() {
            try {
                out.finish();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A {@code docker save} archive of one image tagged {@code repoTag} with these layer tars (lowest first); the
     * config's diff IDs are the layers' real digests, its Cmd a path that need not exist (the tests only create
     * containers from it).
     */
    static byte[] saveArchive(String repoTag, byte[]... layers) {
        return saveArchive(repoTag, null, layers);
    }

    /**
     * As {@link #saveArchive(String, byte[]...)}, with {@code layerPaths} written into manifest.json instead of
     * where the layers really are (null: the real places) — an archive pointing the engine at other files.
     */
    static byte[] saveArchive(String repoTag, List<String> layerPaths, byte[]... layers) {
        return saveArchive(repoTag, layerPaths, tar -> { }, layers);
    }

    /** As {@link #saveArchive(String, List, byte[]...)}, with {@code extra} adding entries before manifest.json. */
    static byte[] saveArchive(String repoTag, List<String> layerPaths, Consumer<Tar> extra, byte[]... layers) {
        List<String> diffIds = new ArrayList<>();
        for (byte[] layer : layers) {
            diffIds.add(digest(layer));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", architecture());
        config.put("os", "linux");
        config.put("created", "2024-01-02T03:04:05Z");
        config.put("config", Map.of("Cmd", List.of("/nothing-to-run")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        List<Map<String, String>> history = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            history.add(Map.of("created", "2024-01-02T03:04:05Z", "created_by", "hostile layer " + i));
        }
        config.put("history", history);
        byte[] configBytes = json(config);
        String configName = hex(digest(configBytes)) + ".json";

        Tar archive = new Tar();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            String dir = hex(diffIds.get(i));
            archive.dir(dir);
            archive.file(dir + "/layer.tar", layers[i]);
            paths.add(dir + "/layer.tar");
        }
        archive.file(configName, configBytes);
        extra.accept(archive);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("Config", configName);
        manifest.put("RepoTags", List.of(repoTag));
        manifest.put("Layers", layerPaths != null ? layerPaths : paths);
        archive.file("manifest.json", json(List.of(manifest)));
        return archive.bytes();
    }

    static String digest(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(String digest) {
        return digest.substring("sha256:".length());
    }

    private static byte[] json(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The GOARCH of this machine, so neither engine warns about a foreign platform. */
    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
