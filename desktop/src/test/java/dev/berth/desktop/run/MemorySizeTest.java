package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemorySizeTest {

    @Test
    void readsSizesLikeDockerRunMemory() {
        assertEquals(256L << 20, MemorySize.parse("256m"));
        assertEquals(256L << 20, MemorySize.parse("256MB"));
        assertEquals(1L << 30, MemorySize.parse("1g"));
        assertEquals(1L << 30, MemorySize.parse("1GiB"));
        assertEquals(1536L << 20, MemorySize.parse("1.5g"));
        assertEquals(512, MemorySize.parse("512"));
        assertEquals(512, MemorySize.parse("512b"));
        assertEquals(64L << 10, MemorySize.parse(" 64 k "));
    }

    @Test
    void unknownUnitsAndNonsenseAreNamed() {
        assertEquals("unknown memory unit in \"256x\": use b, k, m, g or t, as in 256m or 1g",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("256x")).getMessage());
        assertEquals("\"lots\" is not a memory size: write it like 256m or 1g",
                assertThrows(IllegalArgumentException.class, () -> MemorySize.parse("lots")).getMessage());
    }

    @Test
    void writesTheShortestExactForm() {
        assertEquals("1g", MemorySize.format(1L << 30));
        assertEquals("1536m", MemorySize.format(1536L << 20));
        assertEquals("6k", MemorySize.format(6L << 10));
        assertEquals("100b", MemorySize.format(100));
        assertEquals("256 MiB", MemorySize.human(256L << 20));
        assertEquals("1.5 GiB", MemorySize.human(1536L << 20));
    }
}
