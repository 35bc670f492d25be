package dev.berth.remote.monitor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and headers of one HTTP/1.1 message, read byte by byte so that nothing after the blank line is
 * consumed, and kept verbatim so the proxy forwards exactly what it received.
 */
final class HttpHead {

    private static final int MAX_HEAD = 1024 * 1024;

    private final String startLine;
    private final List<HeaderLine> headers;
    private final byte[] raw;

    private HttpHead(String startLine, List<HeaderLine> headers, byte[] raw) {
        this.startLine = startLine;
        this.headers = headers;
        this.raw = raw;
    }

    /** The next message head, or {@code null} if the stream ended cleanly before one began. */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(512);
        String start;
        do {
            start = readLine(in, raw);
            if (start == null) {
                if (raw.size() == 0) {
                    return null;
                }
                throw new ProtocolException("the connection ended in the middle of an HTTP message head");
            }
        } while (start.isEmpty()); // tolerated before a request line (RFC 9112 §2.2)
        List<HeaderLine> headers = new ArrayList<>();
        while (true) {
            String line = readLine(in, raw);
            if (line == null) {
                throw new ProtocolException("the connection ended in the middle of an HTTP message head");
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("malformed HTTP header line: " + line);
            }
            headers.add(new HeaderLine(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new HttpHead(start, List.copyOf(headers), raw.toByteArray());
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            raw.write(b);
            if (raw.size() > MAX_HEAD) {
                throw new ProtocolException("HTTP message head larger than " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    byte[] raw() {
        return raw;
    }

    List<HeaderLine> headers() {
        return headers;
    }

    String startLine() {
        return startLine;
    }

    /** Request: the method. */
    String method() {
        return part(0);
    }

    /** Request: the target (path and query). */
    String target() {
        return part(1);
    }

    /** Response: the status code. */
    int status() throws ProtocolException {
        try {
            return Integer.parseInt(part(1));
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed HTTP status line: " + startLine);
        }
    }

    /** Response: the reason phrase. */
    String reason() {
        String[] parts = startLine.split(" ", 3);
        return parts.length > 2 ? parts[2] : "";
    }

    private String part(int index) {
        String[] parts = startLine.split(" ", 3);
        return parts.length > index ? parts[index] : "";
    }

    String header(String name) {
        for (HeaderLine h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** Whether a comma-separated header (Connection, Transfer-Encoding, Expect) lists this token. */
    boolean hasToken(String name, String token) {
        for (HeaderLine h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                for (String part : h.value().split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    boolean chunked() {
        return hasToken("Transfer-Encoding", "chunked");
    }

    /** The declared length, or -1 when there is none. */
    long contentLength() throws ProtocolException {
        String value = header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed Content-Length: " + value);
        }
    }

    boolean asksUpgrade() {
        return header("Upgrade") != null && hasToken("Connection", "upgrade");
    }

    String contentType() {
        String type = header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }
}
