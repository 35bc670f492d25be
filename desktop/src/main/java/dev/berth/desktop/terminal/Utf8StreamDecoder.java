package dev.berth.desktop.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a TTY's byte chunks into text. A multi-byte character split across two chunks (the engine cuts the stream
 * wherever its buffers end) is held back until its remaining bytes arrive instead of becoming two replacement
 * characters; bytes that are not UTF-8 at all become U+FFFD, as a terminal shows them.
 */
final class Utf8StreamDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** Bytes of an incomplete character carried over to the next chunk (at most 3). */
    private ByteBuffer pending = ByteBuffer.allocate(0);

    /** The text of {@code bytes}, less any incomplete character at its end. */
    String decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
        in.put(pending).put(bytes, offset, length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        pending = in.slice();
        return out.flip().toString();
    }

    String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** At the end of the stream: what is left of an incomplete character, as a replacement character. */
    String finish() {
        CharBuffer out = CharBuffer.allocate(pending.remaining() + 2);
        decoder.decode(pending, out, true);
        decoder.flush(out);
        pending = ByteBuffer.allocate(0);
        decoder.reset();
        return out.flip().toString();
    }
}
