package dev.berth.engine.storage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Layer and import tars arrive plain, gzip, zstd, xz or bzip2 compressed; like moby's {@code DecompressStream} the
 * format is told by its magic bytes, never by a name, and decompression happens in-process (no external tools).
 */
public enum Compression {
    NONE, GZIP, ZSTD, XZ, BZIP2;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};
    private static final byte[] ZSTD_MAGIC = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0x00};
    private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};

    /** Reads (and puts back) the first bytes of a mark-supporting stream. */
    public static Compression detect(InputStream in) throws IOException {
        in.mark(16);
        byte[] head = in.readNBytes(6);
        in.reset();
        if (startsWith(head, GZIP_MAGIC)) {
            return GZIP;
        }
        if (startsWith(head, ZSTD_MAGIC)) {
            return ZSTD;
        }
        if (startsWith(head, XZ_MAGIC)) {
            return XZ;
        }
        if (startsWith(head, BZIP2_MAGIC)) {
            return BZIP2;
        }
        return NONE;
    }

    /** The stream's plain content, whatever compression it came in. */
    public static InputStream decompressed(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        return switch (detect(in)) {
            case GZIP -> new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            case ZSTD -> new BufferedInputStream(new ZstdCompressorInputStream(in), 1 << 16);
            case XZ -> new BufferedInputStream(new XZCompressorInputStream(in), 1 << 16);
            case BZIP2 -> new BufferedInputStream(new BZip2CompressorInputStream(in, true), 1 << 16);
            case NONE -> in;
        };
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
