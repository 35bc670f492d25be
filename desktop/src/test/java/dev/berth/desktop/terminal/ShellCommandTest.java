package dev.berth.desktop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCommandTest {

    @Test
    void splitsOnBlanksAndHonoursQuotes() {
        assertEquals(List.of("sh"), ShellCommand.parse("  sh "));
        assertEquals(List.of("su", "-", "app"), ShellCommand.parse("su - app"));
        assertEquals(List.of("sh", "-c", "echo 'hi there'"), ShellCommand.parse("sh -c \"echo 'hi there'\""));
        assertEquals(List.of("printf", "a b", "", "c\"d"), ShellCommand.parse("printf 'a b' '' c\\\"d"));
        assertEquals(List.of(), ShellCommand.parse("   "));
    }

    @Test
    void unclosedQuoteIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShellCommand.parse("sh -c 'oops"));
    }
}
