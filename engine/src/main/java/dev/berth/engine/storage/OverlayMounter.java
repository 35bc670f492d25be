package dev.berth.engine.storage;

import com.sun.jna.LastErrorException;
import dev.berth.engine.host.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts overlay filesystems in the host mount namespace. The lowerdirs travel in the mount data string, which
 * must fit in one page; with absolute {@code l/} links it usually does and mount(2) is called directly, otherwise
 * {@code mount -t overlay} runs with its working directory at the overlay root and relative lowerdirs (moby's
 * {@code mountFrom}; a JVM cannot chdir per thread).
 */
final class OverlayMounter {

    private static final Logger LOG = LoggerFactory.getLogger(OverlayMounter.class);
    private static final int EINVAL = 22;
    private static final int PAGE_LIMIT = 4000;
    private static final Path PARAMETERS = Path.of("/sys/module/overlay/parameters");

    private final Path overlayRoot;
    private final String extraOptions;

    OverlayMounter(Path overlayRoot) {
        this.overlayRoot = overlayRoot;
        // Keep the upperdir a faithful diff for commit, diff and export: no index, redirects or metacopy.
        List<String> extra = new ArrayList<>();
        for (String option : List.of("index", "redirect_dir", "metacopy")) {
            if (Files.exists(PARAMETERS.resolve(option))) {
                extra.add(option + "=off");
            }
        }
        this.extraOptions = extra.isEmpty() ? "" : "," + String.join(",", extra);
    }

    /** @param lower lowerdir links relative to the overlay root ("l/ABC…"), uppermost first */
    void mount(List<String> lower, String key, Path merged) throws IOException {
        String absolute = data(lower.stream().map(l -> overlayRoot.resolve(l).toString()).toList(),
                overlayRoot.resolve(key).resolve("diff").toString(), overlayRoot.resolve(key).resolve("work").toString());
        if (absolute.length() < PAGE_LIMIT) {
            try {
                LibC.INSTANCE.mount("overlay", merged.toString(), "overlay", 0, absolute);
                return;
            } catch (LastErrorException e) {
                throw new IOException("cannot mount the container's filesystem at " + merged + ": "
                        + LibC.describe(e) + " (mount options: " + absolute + ")");
            }
        }
        String relative = data(lower, key + "/diff", key + "/work");
        if (relative.length() >= PAGE_LIMIT) {
            throw new IOException("cannot mount the container's filesystem: " + lower.size()
                    + " layers are more than overlayfs takes in one mount");
        }
        Process p = new ProcessBuilder(mountBinary(), "-t", "overlay", "overlay", "-o", relative, key + "/merged")
                .directory(overlayRoot.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("mount -t overlay did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting " + merged, e);
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            throw new IOException("cannot mount the container's filesystem at " + merged + ": " + out);
        }
    }

    void unmount(Path merged) throws IOException {
        try {
            LibC.INSTANCE.umount2(merged.toString(), LibC.MNT_DETACH);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != EINVAL && e.getErrorCode() != 2) {
                throw new IOException("cannot unmount " + merged + ": " + LibC.describe(e));
            }
        }
    }

    static boolean isMounted(Path mountPoint) {
        String target = mountPoint.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8)) {
                String[] fields = line.split(" ");
                if (fields.length > 4 && unescape(fields[4]).equals(target)) {
                    return true;
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read /proc/self/mountinfo: {}", e.toString());
        }
        return false;
    }

    private String data(List<String> lower, String upper, String work) {
        return "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper + ",workdir=" + work + extraOptions;
    }

    private static String unescape(String field) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String mountBinary() {
        for (String candidate : List.of("/usr/bin/mount", "/bin/mount", "/usr/sbin/mount", "/sbin/mount")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "mount";
    }
}
