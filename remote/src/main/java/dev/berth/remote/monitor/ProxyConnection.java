package dev.berth.remote.monitor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection through the proxy, with one thread per direction. Requests go to the engine byte for byte
 * as they arrive and responses come back the same way, in order (HTTP/1.1 keep-alive, pipelining, interim
 * {@code 100 Continue}); the heads are parsed only to know where each message ends and to record it. Once the
 * engine hijacks the connection (101, or a body that runs until close), both directions become raw copies until
 * each side closes, passing half-closes on.
 */
final class ProxyConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyConnection.class);
    private static final int BUFFER = 16 * 1024;

    /** Opens the connection to the engine. */
    interface Upstream {
        Socket open() throws IOException;

        String describe();
    }

    /** One request forwarded and waiting for (or reading) its response. */
    private static final class Pending {
        final ExchangeInProgress exchange;
        final boolean head;
        final boolean mayHijack;
        /** Completed by the response side: true when the connection became a raw stream. */
        final CompletableFuture<Boolean> raw = new CompletableFuture<>();

        Pending(ExchangeInProgress exchange, boolean head, boolean mayHijack) {
            this.exchange = exchange;
            this.head = head;
            this.mayHijack = mayHijack;
        }
    }

    private final Socket client;
    private final String clientName;
    private final Upstream upstream;
    private final TrafficRecorder recorder;
    private final ExecutorService threads;
    private final Runnable onClosed;
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final AtomicInteger openDirections = new AtomicInteger(1);
    private volatile Socket engine;
    private volatile Pending hijacked;

    ProxyConnection(Socket client, String clientName, Upstream upstream, TrafficRecorder recorder,
                    ExecutorService threads, Runnable onClosed) {
        this.client = client;
        this.clientName = clientName;
        this.upstream = upstream;
        this.recorder = recorder;
        this.threads = threads;
        this.onClosed = onClosed;
    }

    void start() {
        threads.execute(this::forwardRequests);
    }

    /** Drops both sides now (proxy shutting down). */
    void close() {
        closeQuietly(client);
        closeQuietly(engine);
    }

    // ---- client -> engine --------------------------------------------------------------------------------------

    private void forwardRequests() {
        Thread.currentThread().setName("monitor-requests " + clientName);
        try {
            InputStream in = new BufferedInputStream(client.getInputStream(), BUFFER);
            HttpHead first = HttpHead.read(in);
            if (first == null) {
                return;
            }
            try {
                engine = upstream.open();
            } catch (IOException | RuntimeException e) {
                refuse(first, in, "cannot reach the engine at " + upstream.describe() + ": " + RecordingInterceptor.describe(e));
                return;
            }
            OutputStream out = new BufferedOutputStream(engine.getOutputStream(), BUFFER);
            openDirections.set(2);
            threads.execute(this::forwardResponses);
            for (HttpHead head = first; head != null; head = HttpHead.read(in)) {
                Pending p = new Pending(new ExchangeInProgress(recorder, TrafficSource.PROXY, clientName,
                        head.method(), head.target(), head.headers()), "HEAD".equalsIgnoreCase(head.method()),
                        head.asksUpgrade() || StreamKinds.mayHijack(head.method(), head.target()));
                pending.add(p);
                out.write(head.raw());
                out.flush();
                forwardBody(head, in, out, p.exchange.request);
                if (p.mayHijack && awaitRaw(p)) {
                    copyRaw(in, out, p.exchange.sentRaw);
                    break;
                }
            }
            shutdownOutput(engine);
        } catch (IOException e) {
            LOG.debug("client side of {} ended: {}", clientName, e.toString());
            failPending(RecordingInterceptor.describe(e));
            close();
        } finally {
            directionDone();
        }
    }

    private static boolean awaitRaw(Pending p) {
        try {
            return p.raw.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    /** The engine cannot be reached: answer every request on this connection with 502 and a JSON message. */
    private void refuse(HttpHead first, InputStream in, String reason) throws IOException {
        OutputStream out = new BufferedOutputStream(client.getOutputStream());
        HttpHead head = first;
        ExchangeInProgress exchange = new ExchangeInProgress(recorder, TrafficSource.PROXY, clientName, head.method(),
                head.target(), head.headers());
        if (!head.hasToken("Expect", "100-continue")) {
            forwardBody(head, in, OutputStream.nullOutputStream(), exchange.request);
        }
        byte[] body = ("{\"message\":" + jsonString("Berth monitor: " + reason) + "}\n").getBytes(StandardCharsets.UTF_8);
        String responseHead = "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        exchange.responded(502, "Bad Gateway", java.util.List.of(new HeaderLine("Content-Type", "application/json"),
                new HeaderLine("Content-Length", String.valueOf(body.length)), new HeaderLine("Connection", "close")),
                false).update(body, 0, body.length);
        out.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        exchange.fail(reason);
        closeQuietly(client);
    }

    // ---- engine -> client --------------------------------------------------------------------------------------

    private void forwardResponses() {
        Thread.currentThread().setName("monitor-responses " + clientName);
        Pending current = null;
        try {
            InputStream in = new BufferedInputStream(engine.getInputStream(), BUFFER);
            OutputStream out = new BufferedOutputStream(client.getOutputStream(), BUFFER);
            while (true) {
                HttpHead head = HttpHead.read(in);
                if (head == null) {
                    break;
                }
                int status = head.status();
                current = pending.peek();
                if (current == null) {
                    throw new ProtocolException("the engine sent a response nobody asked for: " + head.startLine());
                }
                if (status >= 100 && status < 200 && status != 101) {
                    out.write(head.raw()); // 100 Continue and friends: the final response is still to come
                    out.flush();
                    continue;
                }
                pending.poll();
                boolean upgraded = status == 101;
                BodyCapture body = current.exchange.responded(status, head.reason(), head.headers(), upgraded);
                out.write(head.raw());
                out.flush();
                boolean raw = upgraded;
                if (!upgraded && !current.head && status != 204 && status != 304) {
                    if (head.chunked()) {
                        copyChunked(in, out, body);
                    } else if (head.contentLength() >= 0) {
                        copyFixed(in, out, head.contentLength(), body);
                    } else {
                        // no length: the body runs until the engine closes; for attach/exec that is a hijack
                        raw = true;
                        body = current.exchange.switchedToRaw();
                    }
                }
                if (raw) {
                    hijacked = current;
                    current.raw.complete(true);
                    copyRaw(in, out, body);
                    shutdownOutput(client);
                    break;
                }
                current.raw.complete(false);
                current.exchange.finish();
                current = null;
            }
            failPending("the engine closed the connection before answering");
            shutdownOutput(client);
        } catch (IOException e) {
            LOG.debug("engine side of {} ended: {}", clientName, e.toString());
            if (current != null) {
                current.raw.complete(false); // never leave the request side waiting for a decision
                if (current != hijacked) {
                    current.exchange.fail(RecordingInterceptor.describe(e)); // a body cut short
                }
            }
            failPending(RecordingInterceptor.describe(e));
            close();
        } finally {
            directionDone();
        }
    }

    private void failPending(String reason) {
        for (Pending p = pending.poll(); p != null; p = pending.poll()) {
            p.raw.complete(false);
            p.exchange.fail(reason);
        }
    }

    /** The second direction to end closes both sockets and ends a hijacked exchange. */
    private void directionDone() {
        if (openDirections.decrementAndGet() > 0) {
            return;
        }
        Pending raw = hijacked;
        if (raw != null) {
            raw.exchange.finish();
        }
        failPending("the connection closed");
        close();
        onClosed.run();
    }

    // ---- framing ------------------------------------------------------------------------------------------------

    private static void forwardBody(HttpHead head, InputStream in, OutputStream out, BodyCapture capture)
            throws IOException {
        if (head.chunked()) {
            copyChunked(in, out, capture);
        } else {
            long length = head.contentLength();
            if (length > 0) {
                copyFixed(in, out, length, capture);
            }
        }
    }

    private static void copyFixed(InputStream in, OutputStream out, long length, BodyCapture capture) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new ProtocolException("the body ended " + left + " bytes before its Content-Length");
            }
            out.write(buffer, 0, n);
            capture.update(buffer, 0, n);
            left -= n;
            if (in.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    /** Forwards a chunked body verbatim, chunk by chunk as each arrives, counting only the data. */
    private static void copyChunked(InputStream in, OutputStream out, BodyCapture capture) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (true) {
            String sizeLine = copyLine(in, out);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("malformed chunk size: " + sizeLine);
            }
            if (size == 0) {
                // trailers, then the blank line that ends the body
                while (!copyLine(in, out).isEmpty()) {
                    // forwarded as they are
                }
                out.flush();
                return;
            }
            long left = size;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new ProtocolException("the connection ended inside a chunk");
                }
                out.write(buffer, 0, n);
                capture.update(buffer, 0, n);
                left -= n;
            }
            copyLine(in, out); // the CRLF after the data
            out.flush(); // a log line or event must reach the client now, not when a buffer fills
        }
    }

    private static String copyLine(InputStream in, OutputStream out) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new ProtocolException("the connection ended inside chunked framing");
            }
            out.write(b);
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                return line.substring(0, end);
            }
            if (line.length() > 8192) {
                throw new ProtocolException("chunk framing line too long");
            }
            line.append((char) b);
        }
    }

    /** Copies until the source ends, flushing every read: keystrokes and terminal output must not wait. */
    private static void copyRaw(InputStream in, OutputStream out, BodyCapture capture) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            out.flush();
            capture.update(buffer, 0, n);
        }
        out.flush();
    }

    // ---- sockets ------------------------------------------------------------------------------------------------

    private static void shutdownOutput(Socket socket) {
        if (socket == null || socket.isClosed()) {
            return;
        }
        try {
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            // already closed by the other side
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all we wanted
        }
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
