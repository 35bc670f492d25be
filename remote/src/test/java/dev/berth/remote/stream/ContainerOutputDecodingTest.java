package dev.berth.remote.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineProtocolException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Docker's stdcopy framing and raw TTY output, including every way a stream can be broken. */
class ContainerOutputDecodingTest {

    private static byte[] frame(int type, String payload) {
        return frame(type, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(int type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = payload.length;
        out.writeBytes(new byte[] {(byte) type, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static InputStream concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    /** Hands out at most one byte per read, as a slow network would. */
    private static InputStream trickle(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : in.read(b, off, 1);
            }
        };
    }

    @Test
    void framesAreSplitIntoStdoutAndStderr() throws IOException {
        ContainerOutput out = ContainerOutput.of(concat(frame(1, "out-1\n"), frame(2, "err-1\n"), frame(1, "out-2\n")), true);
        OutputChunk first = out.next();
        assertEquals(StdStream.STDOUT, first.stream());
        assertEquals("out-1\n", first.text());
        OutputChunk second = out.next();
        assertEquals(StdStream.STDERR, second.stream());
        assertEquals("err-1\n", second.text());
        assertEquals("out-2\n", out.next().text());
        assertNull(out.next(), "end of stream between frames is the normal end");
        assertNull(out.next(), "and stays the end");
    }

    @Test
    void collectGathersStreamsAndTreatsStdinFramesAsStdout() {
        ContainerOutput.Collected c = ContainerOutput.of(concat(frame(0, "echoed "), frame(1, "a"), frame(2, "b"),
                frame(1, "c")), true).collect();
        assertEquals("echoed ac", c.stdout());
        assertEquals("b", c.stderr());
    }

    @Test
    void framesArriveIntactThroughOneByteReads() throws IOException {
        byte[] big = new byte[40_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }
        ContainerOutput out = ContainerOutput.of(trickle(concat(frame(2, big), frame(1, ""), frame(1, "x"))), true);
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        OutputChunk chunk = out.next();
        while (chunk.stream() == StdStream.STDERR) {
            assertTrue(chunk.bytes().length <= 32 * 1024, "large frames arrive in bounded pieces");
            stderr.writeBytes(chunk.bytes());
            chunk = out.next();
        }
        assertArrayEquals(big, stderr.toByteArray());
        assertEquals("x", chunk.text(), "an empty frame is skipped, not the end");
        assertNull(out.next());
    }

    @Test
    void systemErrorFrameBecomesTheEnginesError() throws IOException {
        ContainerOutput out = ContainerOutput.of(concat(frame(1, "partial"), frame(3, "error from daemon: log driver failed\n")), true);
        assertEquals("partial", out.next().text());
        EngineApiException e = assertThrows(EngineApiException.class, out::next);
        assertEquals("error from daemon: log driver failed", e.engineMessage());
    }

    @Test
    void truncatedHeaderIsAProtocolError() {
        ContainerOutput out = ContainerOutput.of(new ByteArrayInputStream(new byte[] {1, 0, 0}), true);
        EngineProtocolException e = assertThrows(EngineProtocolException.class, out::next);
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test
    void truncatedPayloadIsAProtocolError() {
        byte[] whole = frame(1, "0123456789");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
        ContainerOutput out = ContainerOutput.of(new ByteArrayInputStream(cut), true);
        assertThrows(EngineProtocolException.class, out::next);
    }

    @Test
    void unknownStreamTypeOrNonZeroPaddingIsAProtocolError() {
        assertThrows(EngineProtocolException.class,
                ContainerOutput.of(new ByteArrayInputStream(frame(7, "x")), true)::next);
        byte[] padded = frame(1, "x");
        padded[2] = 5;
        assertThrows(EngineProtocolException.class, ContainerOutput.of(new ByteArrayInputStream(padded), true)::next);
        // what a TTY stream looks like when mistaken for a multiplexed one
        assertThrows(EngineProtocolException.class,
                ContainerOutput.of(new ByteArrayInputStream("hello world\r\n".getBytes(StandardCharsets.UTF_8)), true)::next);
    }

    @Test
    void absurdFrameSizeFailsWithoutAllocatingIt() {
        byte[] header = {1, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        // 4 GiB cannot be allocated in this JVM: anything but a prompt protocol error means it was attempted
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            EngineProtocolException e = assertThrows(EngineProtocolException.class,
                    ContainerOutput.of(new ByteArrayInputStream(header), true)::next);
            assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        });
        byte[] justOver = {1, 0, 0, 0, 0x04, 0, 0, 1}; // 64 MiB + 1
        assertThrows(EngineProtocolException.class, ContainerOutput.of(new ByteArrayInputStream(justOver), true)::next);
    }

    @Test
    void rawOutputIsPassedThroughVerbatim() throws IOException {
        // a TTY stream that happens to start like a frame header must not be parsed as one
        byte[] tty = {1, 0, 0, 0, 0, 0, 0, 3, 'a', '\r', '\n'};
        ContainerOutput out = ContainerOutput.of(new ByteArrayInputStream(tty), false);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (OutputChunk c = out.next(); c != null; c = out.next()) {
            assertEquals(StdStream.STDOUT, c.stream());
            all.writeBytes(c.bytes());
        }
        assertArrayEquals(tty, all.toByteArray());
    }

    @Test
    void rawOutputOfNothingEndsAtOnce() throws IOException {
        assertNull(ContainerOutput.of(new ByteArrayInputStream(new byte[0]), false).next());
        assertNull(ContainerOutput.of(new ByteArrayInputStream(new byte[0]), true).next());
    }
}
