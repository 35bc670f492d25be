package dev.berth.desktop.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    private static List<LogLine> lines(int from, int to) {
        List<LogLine> batch = new ArrayList<>();
        for (int i = from; i < to; i++) {
            batch.add(new LogLine(LogLine.Source.STDOUT, null, "line " + i));
        }
        return batch;
    }

    @Test
    void keepsTheNewestLinesUpToTheCap() {
        LogBuffer buffer = new LogBuffer(5);
        assertEquals(0, buffer.append(lines(0, 3)));
        assertEquals(1, buffer.append(lines(3, 6)));
        assertEquals(5, buffer.lines().size());
        assertEquals("line 1", buffer.lines().get(0).text());
        assertEquals("line 5", buffer.lines().get(4).text());
        assertEquals(1, buffer.firstPosition());
        assertEquals(6, buffer.endPosition());
    }

    @Test
    void aBurstLargerThanTheBufferKeepsOnlyItsTail() {
        LogBuffer buffer = new LogBuffer(5);
        buffer.append(lines(0, 2));
        assertEquals(9, buffer.append(lines(2, 14))); // the 2 old lines, and 7 of the 12 new ones never shown
        assertEquals(List.of("line 9", "line 10", "line 11", "line 12", "line 13"),
                buffer.lines().stream().map(LogLine::text).toList());
        assertEquals(9, buffer.firstPosition());
        assertEquals(0, buffer.indexOf(9));
        assertEquals(-1, buffer.indexOf(8));
        assertEquals(-1, buffer.indexOf(14));
    }

    @Test
    void clearingKeepsPositionsMonotonic() {
        LogBuffer buffer = new LogBuffer(10);
        buffer.append(lines(0, 4));
        buffer.clear();
        buffer.append(lines(4, 5));
        assertEquals(4, buffer.firstPosition());
        assertEquals("line 4", buffer.lines().get(buffer.indexOf(4)).text());
    }
}
