package dev.berth.remote.stream;

import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineProtocolException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes Docker's stdcopy framing: {@code [type, 0, 0, 0, size (uint32 big endian)]} then {@code size} bytes.
 * A broken header is reported instead of being read as a gigantic frame, so a malformed stream cannot make the
 * client allocate gigabytes or wait forever for bytes that are not coming.
 */
final class MultiplexedOutput implements ContainerOutput {

    /** Docker writes frames of at most 32 KiB; anything this large is not a frame header. */
    static final int MAX_FRAME = 64 * 1024 * 1024;

    /** Frames are handed out in pieces of at most this size, so a lying header costs nothing up front. */
    static final int PIECE = 32 * 1024;

    private final InputStream in;
    private final byte[] header = new byte[8];
    private StdStream current;
    private long remaining;

    MultiplexedOutput(InputStream in) {
        this.in = in;
    }

    @Override
    public OutputChunk next() throws IOException {
        if (remaining == 0 && !readHeader()) {
            return null;
        }
        byte[] piece = new byte[(int) Math.min(remaining, PIECE)];
        if (readFully(piece, 0, piece.length) < piece.length) {
            throw new EngineProtocolException("output stream ended inside a frame");
        }
        remaining -= piece.length;
        return new OutputChunk(current, piece);
    }

    /** Reads the next header; false at a clean end of stream. Empty frames are skipped. */
    private boolean readHeader() throws IOException {
        while (remaining == 0) {
            if (!readOneHeader()) {
                return false;
            }
        }
        return true;
    }

    private boolean readOneHeader() throws IOException {
        int got = readFully(header, 0, 8);
        if (got == 0) {
            return false;
        }
        if (got < 8) {
            throw new EngineProtocolException("output stream ended inside a frame header");
        }
        StdStream stream = StdStream.ofType(header[0] & 0xff);
        if (stream == null || header[1] != 0 || header[2] != 0 || header[3] != 0) {
            throw new EngineProtocolException(String.format(
                    "output stream is not multiplexed as expected (header %02x %02x %02x %02x)",
                    header[0], header[1], header[2], header[3]));
        }
        long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xffL) << 16) | ((header[6] & 0xffL) << 8)
                | (header[7] & 0xffL);
        if (size > MAX_FRAME) {
            throw new EngineProtocolException("output stream frame of " + size + " bytes is not plausible");
        }
        if (stream == StdStream.SYSTEMERR) {
            byte[] payload = new byte[(int) Math.min(size, PIECE)];
            readFully(payload, 0, payload.length);
            throw new EngineApiException.ServerError(500, new String(payload, StandardCharsets.UTF_8).trim());
        }
        current = stream;
        remaining = size;
        return true;
    }

    private int readFully(byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = in.read(b, off + total, len - total);
            } catch (EOFException e) {
                n = -1;
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
