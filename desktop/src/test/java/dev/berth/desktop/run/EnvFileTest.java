package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvFileTest {

    @Test
    void readsKeyValueLinesLiterallySkippingCommentsAndBlanks() {
        String file = "\uFEFF# settings\nMODE=demo\n\n   GREETING=hello \"world\" \nEMPTY=\nURL=a=b\nFROM_HOST\nUNSET\n";
        List<EnvFile.Entry> entries = EnvFile.parse(file, Map.of("FROM_HOST", "here")::get);
        assertEquals(List.of(new EnvFile.Entry("MODE", "demo"), new EnvFile.Entry("GREETING", "hello \"world\" "),
                new EnvFile.Entry("EMPTY", ""), new EnvFile.Entry("URL", "a=b"),
                new EnvFile.Entry("FROM_HOST", "here")), entries);
    }

    @Test
    void badLinesAreNamedByNumber() {
        assertEquals("line 2 has no variable name before '='",
                assertThrows(IllegalArgumentException.class, () -> EnvFile.parse("A=1\n=2\n", k -> null)).getMessage());
        assertEquals("line 1: the name \"MY VAR\" contains spaces",
                assertThrows(IllegalArgumentException.class, () -> EnvFile.parse("MY VAR=1", k -> null)).getMessage());
    }
}
