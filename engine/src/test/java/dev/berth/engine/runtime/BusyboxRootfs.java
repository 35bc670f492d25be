package dev.berth.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A root filesystem made of the host's static busybox, one symlink per applet, and a minimal /etc. */
public final class BusyboxRootfs {

    private BusyboxRootfs() {
    }

    public static Path busybox() {
        for (String candidate : List.of("/bin/busybox", "/usr/bin/busybox")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("busybox-static is not installed (apt-get install busybox-static)");
    }

    public static Path create(Path dir) throws IOException {
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        Files.createDirectories(dir.resolve("tmp"));
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n"
                        + "app:x:1000:1000:app:/home/app:/bin/sh\n");
        Files.writeString(dir.resolve("etc/group"), "root:x:0:\nwheel:x:10:app\nnobody:x:65534:\napp:x:1000:\n");
        Files.copy(busybox(), bin.resolve("busybox"));
        HostCommand.Result list = HostCommand.run(List.of(busybox().toString(), "--list"), 30);
        for (String applet : list.stdout().split("\\s+")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
        }
        return dir;
    }
}
