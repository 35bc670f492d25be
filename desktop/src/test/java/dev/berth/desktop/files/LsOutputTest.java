package dev.berth.desktop.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LsOutputTest {

    @Test
    void readsBusyBoxOutput() {
        List<FileEntry> entries = LsOutput.parse("""
                total 8
                -rw-r--r--    1 0        0                3 2026-11-23 12:57:37 +0000 a b
                lrwxrwxrwx    1 0        0                1 2026-11-23 12:57:37 +0000 l -> a b
                drwxrwxrwt    2 0        0             4096 2026-11-23 12:57:37 +0100 tmp
                crw-rw-rw-    1 0        0           1,   3 2026-11-23 12:57:37 +0000 null
                -rwsr-x---    1 0        0          1234567 2026-11-23 12:57:37 +0000 su
                """).orElseThrow();
        assertEquals(5, entries.size());
        FileEntry file = entries.get(0);
        assertEquals("a b", file.name());
        assertEquals(FileEntry.Kind.FILE, file.kind());
        assertEquals(3, file.size());
        assertEquals(0644, file.permissions());
        assertEquals(Instant.parse("2026-11-23T12:57:37Z"), file.modified());
        assertEquals("l", entries.get(1).name());
        assertEquals("a b", entries.get(1).linkTarget());
        assertEquals(FileEntry.Kind.SYMLINK, entries.get(1).kind());
        assertEquals(01777, entries.get(2).permissions());
        assertEquals("drwxrwxrwt", entries.get(2).modeText());
        assertEquals(Instant.parse("2026-11-23T11:57:37Z"), entries.get(2).modified());
        assertEquals(FileEntry.Kind.OTHER, entries.get(3).kind());
        assertEquals(-1, entries.get(3).size());
        assertEquals("-rwsr-x---", entries.get(4).modeText());
    }

    @Test
    void readsGnuOutputWithFractionalSeconds() {
        FileEntry e = LsOutput.parse("-rw-r--r--  1 1000 1000 42 2024-02-29 23:59:59.123456789 -0130 notes.txt\n")
                .orElseThrow().get(0);
        assertEquals("notes.txt", e.name());
        assertEquals(Instant.parse("2024-03-01T01:29:59.123456789Z"), e.modified());
    }

    @Test
    void unknownFormatsAreRefusedRatherThanMisread() {
        assertTrue(LsOutput.parse("-rw-r--r-- 1 root root 42 Nov 23 12:57 notes.txt\n").isEmpty());
    }
}
