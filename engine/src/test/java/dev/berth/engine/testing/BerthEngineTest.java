package dev.berth.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fixture itself: crash and restart on the same directories, and a teardown that leaves nothing behind. */
@ExtendWith(EngineLogOnFailure.class)
class BerthEngineTest {

    @Test
    void killedEngineRestartsOnItsDirectoriesAndKeepsItsState() {
        try (BerthEngine engine = BerthEngine.startNew()) {
            engine.docker("volume", "create", "survivor").requireSuccess("volume create");
            long firstPid = engine.pid();
            engine.kill9();
            assertFalse(engine.isAlive());
            assertTrue(engine.docker("volume", "ls").exitCode() != 0, "nobody serves the socket after kill -9");
            engine.restart();
            assertNotEquals(firstPid, engine.pid());
            assertEquals("survivor\n", engine.docker("volume", "ls", "-q").stdout());
        }
    }

    @Test
    void teardownAfterACrashRemovesContainersMonitorsMountsAndDirectories() throws Exception {
        Path base;
        String id;
        try (BerthEngine engine = BerthEngine.startNew()) {
            base = engine.dataRoot().getParent();
            engine.cli().run(BusyboxImage.importArgs()).requireSuccess("import busybox");
            id = engine.docker("run", "-d", BerthEngine.BUSYBOX, "sleep", "3600").requireSuccess("run -d").stdout().strip();
            engine.kill9(); // the container and its conmon outlive the engine
            assertTrue(conmonsNaming(base).size() > 0, "conmon survives the engine");
        }
        assertEquals(List.of(), conmonsNaming(base), "no conmon left for " + id);
        assertFalse(Files.exists(base), base + " deleted");
        assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(base.toString()), "nothing mounted");
    }

    private static List<Long> conmonsNaming(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("conmon"))
                .filter(p -> String.join(" ", p.info().arguments().orElse(new String[0])).contains(dir.toString()))
                .map(ProcessHandle::pid)
                .toList();
    }
}
