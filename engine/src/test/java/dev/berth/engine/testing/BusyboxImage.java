package dev.berth.engine.testing;

import dev.berth.remote.testing.Commands;
import dev.berth.remote.testing.Dockerd;
import dev.berth.remote.testing.TestDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The test image both engines hold, {@value Dockerd#BUSYBOX}: busybox-static plus one symlink per applet, as the
 * remote/ Dockerd fixture builds it, imported with {@code CMD ["sh"]} and {@code PATH=/bin}.
 */
public final class BusyboxImage {

    public static final String NAME = Dockerd.BUSYBOX;
    /** The changes given to {@code docker import}, identical for both engines so their images match. */
    public static final List<String> CHANGES = List.of("CMD [\"sh\"]", "ENV PATH=/bin");

    private static Path tar;

    private BusyboxImage() {
    }

    /** The rootfs tar, built once per JVM (deleted at exit). */
    public static synchronized Path tar() {
        if (tar == null) {
            try {
                Path dir = Files.createTempDirectory("berth-busybox-");
                Path rootfs = dir.resolve("rootfs");
                Path bin = Files.createDirectories(rootfs.resolve("bin"));
                Files.createDirectories(rootfs.resolve("tmp"));
                Files.createDirectories(rootfs.resolve("etc"));
                Files.writeString(rootfs.resolve("etc/passwd"),
                        "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
                Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\nnobody:x:65534:\n");
                String busybox = Commands.find("/bin/busybox", "/usr/bin/busybox");
                Files.copy(Path.of(busybox), bin.resolve("busybox"));
                String applets = Commands.run(List.of(busybox, "--list"), Map.of(), null, 30)
                        .requireSuccess("busybox --list").stdout();
                for (String applet : applets.split("\\s+")) {
                    if (!applet.isBlank() && !applet.equals("busybox")) {
                        Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
                    }
                }
                Path out = dir.resolve("busybox.tar");
                Commands.run(List.of("tar", "-C", rootfs.toString(), "-cf", out.toString(), "."), Map.of(), null, 60)
                        .requireSuccess("tar busybox rootfs");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> TestDirs.delete(dir), "busybox-tar-cleanup"));
                tar = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tar;
    }

    /** The arguments of {@code docker import} that make the image from {@link #tar()}. */
    public static String[] importArgs() {
        List<String> args = new java.util.ArrayList<>(List.of("import"));
        for (String change : CHANGES) {
            args.add("--change");
            args.add(change);
        }
        args.add(tar().toString());
        args.add(NAME);
        return args.toArray(String[]::new);
    }
}
