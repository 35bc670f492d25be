package dev.berth.desktop.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8StreamDecoderTest {

    @Test
    void characterSplitAcrossChunksIsDecodedWhole() {
        byte[] bytes = "a€b😀c".getBytes(StandardCharsets.UTF_8); // 1 + 3 + 1 + 4 + 1 bytes
        for (int cut1 = 0; cut1 <= bytes.length; cut1++) {
            for (int cut2 = cut1; cut2 <= bytes.length; cut2++) {
                Utf8StreamDecoder decoder = new Utf8StreamDecoder();
                String text = decoder.decode(Arrays.copyOfRange(bytes, 0, cut1))
                        + decoder.decode(Arrays.copyOfRange(bytes, cut1, cut2))
                        + decoder.decode(Arrays.copyOfRange(bytes, cut2, bytes.length))
                        + decoder.finish();
                assertEquals("a€b😀c", text, "cut at " + cut1 + " and " + cut2);
            }
        }
    }

    @Test
    void oneByteAtATimeHoldsBackIncompleteCharacters() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertEquals("", decoder.decode(new byte[] {euro[0]}));
        assertEquals("", decoder.decode(new byte[] {euro[1]}));
        assertEquals("€", decoder.decode(new byte[] {euro[2]}));
    }

    @Test
    void invalidBytesAndATruncatedEndBecomeReplacementCharacters() {
        Utf8StreamDecoder decoder = new Utf8StreamDecoder();
        assertEquals("x\uFFFDy", decoder.decode(new byte[] {'x', (byte) 0xFF, 'y'}));
        assertEquals("z", decoder.decode(new byte[] {'z', (byte) 0xE2, (byte) 0x82}));
        assertEquals("\uFFFD", decoder.finish());
    }
}
