package dev.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * conmon started through a new shell or through the spare one kept ready gets the same command line, environment,
 * working directory and descriptors — whatever characters the arguments and paths hold.
 */
class ConmonLauncherTest {

    /** Stands in for conmon: writes down what it was given. */
    private static final String FAKE_CONMON = """
            #!/bin/sh
            {
              for a in "$@"; do printf '[%s]\\n' "$a"; done
              echo "cwd=$PWD"
              echo "env=$_OCI_SYNCPIPE $_OCI_STARTPIPE ${_OCI_ATTACHPIPE:-none}"
              for fd in 0 3 4 ${_OCI_ATTACHPIPE:-}; do echo "fd$fd=$(readlink /proc/$$/fd/$fd)"; done
            } > "$PWD/record"
            echo "to conmon.out"
            """;

    private static final List<String> ARGS = List.of("--api-version", "1", "it's", "a b", "$HOME", "`id`", "\\n",
            "*", "\"quoted\"", "");

    @TempDir
    Path tmp;

    @Test
    void theSpareShellStartsConmonAsANewShellDoes() throws Exception {
        Path fake = tmp.resolve("fake conmon");
        Files.writeString(fake, FAKE_CONMON);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        for (boolean attach : List.of(false, true)) {
            // a launcher's first launch has no spare yet; it prepares one for the next
            try (ConmonLauncher launcher = new ConmonLauncher(fake, ConmonCgroup.none())) {
                String direct = launch(launcher, tmp.resolve("it's direct " + attach), attach, false);
                String spare = launch(launcher, tmp.resolve("it's spare " + attach), attach, true);
                assertEquals(direct, spare);
                assertTrue(direct.contains("[it's]\n[a b]\n[$HOME]\n[`id`]\n[\\n]\n[*]\n[\"quoted\"]\n[]\n"),
                        direct);
                assertTrue(direct.contains("env=3 4 " + (attach ? "5" : "none")), direct);
                assertTrue(direct.contains("fd0=/dev/null\nfd3=DIR/sync\nfd4=DIR/start\n"
                        + (attach ? "fd5=DIR/attachpipe\n" : "")), direct);
            }
        }
    }

    /** Launches the fake conmon in {@code dir}; returns its record with {@code dir} written as DIR. */
    private static String launch(ConmonLauncher launcher, Path dir, boolean attach, boolean throughSpare)
            throws Exception {
        Files.createDirectories(dir);
        long spare = -1;
        if (throughSpare) {
            // the spare is prepared in the background after a launch
            for (int i = 0; i < 1000 && spare < 0; i++) {
                Thread.sleep(10);
                spare = launcher.sparePid();
            }
            assertTrue(spare > 0, "no spare shell was prepared");
        }
        try (Fifo sync = Fifo.create(dir.resolve("sync")); Fifo start = Fifo.create(dir.resolve("start"));
             Fifo attachFifo = attach ? Fifo.create(dir.resolve("attachpipe")) : null) {
            Process p = launcher.launch(ARGS, dir, sync.path(), start.path(),
                    attachFifo == null ? null : attachFifo.path());
            if (throughSpare) {
                assertEquals(spare, p.pid());
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        }
        assertEquals("to conmon.out\n", Files.readString(dir.resolve("conmon.out")));
        return Files.readString(dir.resolve("record")).replace(dir.toString(), "DIR");
    }
}
