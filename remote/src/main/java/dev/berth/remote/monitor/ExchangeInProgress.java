package dev.berth.remote.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The parts of one exchange known so far, filled in by the threads that forward it; becomes a {@link TrafficRecord}
 * exactly once, when the exchange ends or fails.
 */
final class ExchangeInProgress {

    private final TrafficRecorder recorder;
    private final long id;
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private final TrafficSource source;
    private final String client;
    private final String method;
    private final String target;
    private final List<HeaderLine> requestHeaders;
    private final boolean stream;
    final BodyCapture request;
    /** What the client sent after the connection was hijacked (stdin). */
    final BodyCapture sentRaw = new BodyCapture(0, true, false);
    private volatile BodyCapture response;
    private volatile int status;
    private volatile String reason = "";
    private volatile List<HeaderLine> responseHeaders = List.of();
    private volatile String contentType = "";
    private volatile Duration latency;
    private volatile boolean upgraded;
    private final AtomicBoolean finished = new AtomicBoolean();

    ExchangeInProgress(TrafficRecorder recorder, TrafficSource source, String client, String method, String target,
                       List<HeaderLine> requestHeaders) {
        this.recorder = recorder;
        this.id = recorder.nextId();
        this.source = source;
        this.client = client;
        this.method = method;
        this.target = target;
        this.requestHeaders = List.copyOf(requestHeaders);
        this.stream = StreamKinds.isStream(method, target);
        this.request = new BodyCapture(TrafficRecorder.BODY_LIMIT, false, false);
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    /** The response headers arrived; from now on its body is counted into the returned capture. */
    BodyCapture responded(int code, String reasonPhrase, List<HeaderLine> headers, boolean hijacked) {
        latency = Duration.ofNanos(System.nanoTime() - startNanos);
        status = code;
        reason = reasonPhrase == null ? "" : reasonPhrase;
        responseHeaders = List.copyOf(headers);
        upgraded = hijacked;
        for (HeaderLine h : headers) {
            if (h.name().equalsIgnoreCase("Content-Type")) {
                contentType = h.value();
            }
        }
        boolean frames = contentType.contains("multiplexed-stream");
        response = new BodyCapture(TrafficRecorder.BODY_LIMIT, stream || hijacked, frames);
        if (stream || hijacked) {
            announceOpen();
        }
        return response;
    }

    /** A stream can stay open for minutes (logs -f, events, attach): show it as soon as its answer starts. */
    private void announceOpen() {
        if (!finished.get()) {
            recorder.record(toRecord(null, true));
        }
    }

    /** Marks an exchange whose body turned out to be a raw stream until close (hijack without 101). */
    BodyCapture switchedToRaw() {
        upgraded = true;
        BodyCapture raw = new BodyCapture(TrafficRecorder.BODY_LIMIT, true, contentType.contains("multiplexed-stream"));
        response = raw;
        announceOpen();
        return raw;
    }

    boolean hasResponse() {
        return latency != null;
    }

    void finish() {
        complete(null);
    }

    void fail(String error) {
        complete(error == null ? "failed" : error);
    }

    boolean isFinished() {
        return finished.get();
    }

    private void complete(String error) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        recorder.record(toRecord(error, false));
    }

    /** What is known now: the finished exchange, or (open) one whose answer is still streaming. */
    private TrafficRecord toRecord(String error, boolean open) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        BodyCapture body = response;
        Duration openFor = latency == null ? duration : duration.minus(latency);
        BodySummary requestSummary = request.summary(header(requestHeaders, "Content-Type"), null);
        if (upgraded) {
            // the request body (exec start's JSON) stays readable; the stream after the hijack is only counted
            BodySummary stdin = sentRaw.summary("", openFor);
            requestSummary = new BodySummary(requestSummary.bytes() + stdin.bytes(), requestSummary.text(), false, true,
                    stdin.units(), stdin.unitName(), openFor);
        }
        BodySummary responseSummary = body == null ? BodySummary.EMPTY : body.summary(contentType, openFor);
        return new TrafficRecord(id, start, source, client, method, target, requestHeaders, requestSummary,
                status, reason, responseHeaders, responseSummary, latency, duration, error, upgraded, open);
    }

    private static String header(List<HeaderLine> headers, String name) {
        for (HeaderLine h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }
}
