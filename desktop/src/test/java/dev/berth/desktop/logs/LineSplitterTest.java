package dev.berth.desktop.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesCutAcrossChunksComeOutWhole() {
        LineSplitter splitter = new LineSplitter();
        assertEquals(List.of(), splitter.feed(bytes("hel")));
        assertEquals(List.of("hello"), splitter.feed(bytes("lo\nwor")));
        assertEquals(List.of("world", "again"), splitter.feed(bytes("ld\nagain\nta")));
        assertTrue(splitter.hasPending());
        assertEquals("tail", splitter.feed(bytes("il")).isEmpty() ? splitter.flush() : "unexpected");
        assertNull(splitter.flush());
    }

    @Test
    void crlfEndsALineEvenWhenTheChunkEndsBetweenCrAndLf() {
        LineSplitter splitter = new LineSplitter();
        assertEquals(List.of("one"), splitter.feed(bytes("one\r\ntwo\r")));
        assertEquals(List.of("two"), splitter.feed(bytes("\n")));
        assertEquals(List.of("", "three"), splitter.feed(bytes("\r\nthree\n")));
        assertFalse(splitter.hasPending());
    }

    @Test
    void multiByteCharactersSplitAcrossChunksDecodeCorrectly() {
        byte[] all = bytes("grüße 🚢\n");
        LineSplitter splitter = new LineSplitter();
        List<String> lines = new ArrayList<>();
        for (byte b : all) { // the worst case: one byte per chunk
            lines.addAll(splitter.feed(new byte[] {b}));
        }
        assertEquals(List.of("grüße 🚢"), lines);
    }

    @Test
    void aLineThatNeverEndsIsCutAtTheLimit() {
        byte[] huge = new byte[LineSplitter.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        LineSplitter splitter = new LineSplitter();
        List<String> lines = splitter.feed(huge);
        assertEquals(1, lines.size());
        assertEquals(LineSplitter.MAX_LINE_BYTES, lines.get(0).length());
        assertEquals(10, splitter.flush().length());
    }

    @Test
    void ttyCarriageReturnsLeaveWhatATerminalWouldShow() {
        assertEquals("100%", TerminalText.clean(" 10%\r 50%\r100%"));
        assertEquals("done.ng", TerminalText.clean("loading\rdone."));
        assertEquals("done", TerminalText.clean("loading\r\u001b[Kdone"));
        assertEquals("red and plain", TerminalText.clean("\u001b[31mred\u001b[0m and plain"));
        assertEquals("ab", TerminalText.clean("abc\b\u001b[K"));
        assertEquals("title gone", TerminalText.clean("\u001b]0;my title\u0007title gone"));
        assertEquals("plain\ttext", TerminalText.clean("plain\ttext"));
    }

    @Test
    void decoderSplitsTimestampsOffAndAppliesTerminalText() {
        LogDecoder decoder = new LogDecoder(LogLine.Source.STDOUT, true, false);
        List<LogLine> lines = new ArrayList<>(decoder.feed(bytes("2024-05-01T10:00:00.123456789Z first\r\n2024-05")));
        lines.addAll(decoder.feed(bytes("-01T10:00:01.000000000Z 10%\r20%\r\n")));
        assertEquals(List.of(
                new LogLine(LogLine.Source.STDOUT, "2024-05-01T10:00:00.123456789Z", "first"),
                new LogLine(LogLine.Source.STDOUT, "2024-05-01T10:00:01.000000000Z", "20%")), lines);
        assertEquals("2024-05-01T10:00:00.123456789Z first", lines.get(0).render(true));
        assertEquals("first", lines.get(0).render(false));
    }

    @Test
    void framedContinuationsOfALongLineLoseTheirOwnTimestamp() {
        LogDecoder decoder = new LogDecoder(LogLine.Source.STDERR, true, true);
        assertEquals(List.of(), decoder.feed(bytes("2024-05-01T10:00:00.000000001Z part one, ")));
        List<LogLine> lines = decoder.feed(bytes("2024-05-01T10:00:00.000000002Z part two\n"));
        assertEquals(List.of(new LogLine(LogLine.Source.STDERR, "2024-05-01T10:00:00.000000001Z",
                "part one, part two")), lines);
    }

    @Test
    void timestampsParseToTheNanosecond() {
        assertEquals(java.time.Instant.parse("2024-05-01T10:00:00.123456789Z"),
                LogTimestamps.parse("2024-05-01T10:00:00.123456789Z"));
        assertNull(LogTimestamps.parse("not a time"));
        assertEquals(0, LogTimestamps.prefixLength("just text that is long enough"));
    }
}
