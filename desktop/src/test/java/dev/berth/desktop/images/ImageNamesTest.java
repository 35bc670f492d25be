package dev.berth.desktop.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** References are checked as the engine would, with the problem in words. */
class ImageNamesTest {

    @Test
    void acceptsWhatTheEngineAccepts() {
        for (String ok : new String[] {"busybox", "busybox:1.36", "library/busybox:latest", "127.0.0.1:5000/team/app:v1",
                "registry.example.com/a.b/c_d/e__f/g-h:1.0-rc.1", "localhost/app", "Registry.Example.com/app",
                "busybox@sha256:" + "a".repeat(64)}) {
            assertNull(ImageNames.problem(ok), ok);
        }
    }

    @Test
    void explainsWhatIsWrong() {
        assertEquals("Repository names must be lowercase", ImageNames.problem("Team/App"));
        assertEquals("A reference cannot contain spaces", ImageNames.problem("my app"));
        assertNotNull(ImageNames.problem(""));
        assertNotNull(ImageNames.problem("app:-bad"));
        assertNotNull(ImageNames.problem("app:"));
        assertNotNull(ImageNames.problem("a..b"));
        assertNotNull(ImageNames.problem("app@sha256:short"));
        assertNotNull(ImageNames.problem("-app"));
        assertEquals("A tag cannot include a digest (@sha256:…)", ImageNames.tagProblem("app@sha256:" + "a".repeat(64)));
    }

    @Test
    void splitsTheTagOffTheLastComponentOnly() {
        assertEquals(new ImageNames.Split("127.0.0.1:5000/app", "latest"), ImageNames.split("127.0.0.1:5000/app"));
        assertEquals(new ImageNames.Split("127.0.0.1:5000/app", "v2"), ImageNames.split("127.0.0.1:5000/app:v2"));
        assertEquals(new ImageNames.Split("busybox", "latest"), ImageNames.split(" busybox "));
    }
}
