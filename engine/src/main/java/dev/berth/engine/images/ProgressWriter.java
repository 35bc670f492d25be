package dev.berth.engine.images;

import dev.berth.remote.client.Json;
import dev.berth.remote.images.ProgressMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The JSON message stream of load, import and pull (moby's streamformatter): one object per line, flushed at once
 * so the docker CLI draws progress as it happens. A null output discards everything (quiet operations).
 */
public final class ProgressWriter {

    private static final long STEP = 512 * 1024;

    private final OutputStream out;
    private final boolean quietProgress;

    public ProgressWriter(OutputStream out) {
        this(out, false);
    }

    /** @param quietProgress leave out transfer progress (load's quiet=1) but keep status, stream and errors */
    public ProgressWriter(OutputStream out, boolean quietProgress) {
        this.out = out;
        this.quietProgress = quietProgress;
    }

    public static ProgressWriter discard() {
        return new ProgressWriter(null);
    }

    /** {"status": text} — import's final "sha256:…" line. */
    public void status(String status) {
        write(new ProgressMessage(status, null, null, null, null, null, null, null));
    }

    /** {"status": text, "id": id} — a pull's per-layer lines ("Pulling fs layer", "Pull complete"). */
    public void statusWithId(String status, String id) {
        write(new ProgressMessage(status, id, null, null, null, null, null, null));
    }

    /** {"stream": text} — "Loaded image: busybox:latest\n". */
    public void stream(String text) {
        write(new ProgressMessage(null, null, null, null, text, null, null, null));
    }

    /** {"aux": {…}} — push's final Tag/Digest/Size record, which the CLI reads for `docker push` output. */
    public void aux(java.util.Map<String, Object> fields) {
        write(new ProgressMessage(null, null, new ProgressMessage.ProgressDetail(null, null, null, null, null), null, null, null, null,
                new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(fields)));
    }

    /** A failure after the 200 went out: {"errorDetail":{"message":…},"error":…}. */
    public void error(String message) {
        write(new ProgressMessage(null, null, null, null, null, new ProgressMessage.ErrorDetail(null, message),
                message, null));
    }

    /** A transfer's progress ("Loading layer" for {@code id}), with moby's rendered bar. */
    public void progress(String status, String id, long current, long total) {
        if (quietProgress) {
            return;
        }
        write(new ProgressMessage(status, id, ProgressMessage.ProgressDetail.of(current, total), bar(current, total),
                null, null, null, null));
    }

    boolean quiet() {
        return out == null || quietProgress;
    }

    /** Wraps a stream so reading it reports "Loading layer"-style progress every half megabyte and at the end. */
    java.io.InputStream counting(java.io.InputStream in, String status, String id, long total) {
        if (quiet()) {
            return in;
        }
        return new java.io.FilterInputStream(in) {
            private long count;
            private long reported;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                } else {
                    finish();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    advance(n);
                } else if (n < 0) {
                    finish();
                }
                return n;
            }

            private void advance(long n) {
                count += n;
                if (count - reported >= STEP) {
                    reported = count;
                    progress(status, id, count, Math.max(total, count));
                }
            }

            private void finish() {
                if (reported != count) {
                    reported = count;
                    progress(status, id, count, Math.max(total, count));
                }
            }
        };
    }

    private synchronized void write(ProgressMessage message) {
        if (out == null) {
            return;
        }
        try {
            out.write(Json.MAPPER.writeValueAsBytes(message));
            out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away: " + e.getMessage(), e);
        }
    }

    /** moby's progress bar: "[=====>      ]  1.2MB/4.5MB". */
    static String bar(long current, long total) {
        String sizes = humanSize(current) + "/" + humanSize(total);
        if (total <= 0) {
            return sizes;
        }
        int width = 50;
        int filled = (int) Math.min(width, current * width / total);
        String bar = filled < width ? "=".repeat(filled) + ">" + " ".repeat(width - filled - 1) : "=".repeat(width);
        return "[" + bar + "]  " + sizes;
    }

    /** go-units HumanSize: decimal units with 3 significant digits ("4.26MB"). */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        int i = 0;
        while (size >= 1000 && i < units.length - 1) {
            size /= 1000;
            i++;
        }
        String number = new java.math.BigDecimal(size).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
        return number + units[i];
    }
}
