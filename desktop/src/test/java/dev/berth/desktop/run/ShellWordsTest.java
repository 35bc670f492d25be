package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {

    @Test
    void splitsOnWhitespaceAndRespectsQuotes() {
        assertEquals(List.of("sleep", "300"), ShellWords.split("  sleep   300 "));
        assertEquals(List.of("sh", "-c", "echo hi; sleep 60"), ShellWords.split("sh -c 'echo hi; sleep 60'"));
        assertEquals(List.of("echo", "a \"quoted\" $word"), ShellWords.split("echo \"a \\\"quoted\\\" \\$word\""));
        assertEquals(List.of("it's"), ShellWords.split("it\\'s"));
        assertEquals(List.of("ab cd"), ShellWords.split("a'b c'd"));
        assertEquals(List.of("", "x"), ShellWords.split("'' x"));
        assertEquals(List.of("a\\b"), ShellWords.split("\"a\\b\""), "in double quotes a backslash before b stays");
        assertEquals(List.of("$HOME", "*"), ShellWords.split("$HOME *"), "nothing is expanded");
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void unterminatedQuotesAreReportedInWords() {
        assertEquals("a single quote (') is not closed",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'oops")).getMessage());
        assertEquals("a double quote (\") is not closed",
                assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"oops")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \\"));
    }

    @Test
    void quotesOnlyWhatAShellWouldChange() {
        assertEquals("FOO=bar", ShellWords.quote("FOO=bar"));
        assertEquals("/data:ro", ShellWords.quote("/data:ro"));
        assertEquals("''", ShellWords.quote(""));
        assertEquals("'hello world'", ShellWords.quote("hello world"));
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
        assertEquals("'$HOME'", ShellWords.quote("$HOME"));
    }

    @Test
    void joinedWordsSplitBackToTheSameWords() {
        List<String> words = List.of("sh", "-c", "echo \"$HOME\" 'x' `id` \\ done", "", "tab\there", "~", "a;b|c&d>e");
        assertEquals(words, ShellWords.split(ShellWords.join(words)));
    }
}
