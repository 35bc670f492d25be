package dev.berth.remote.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One finished request/response exchange with an engine, as a monitor shows it.
 *
 * @param id              increasing number, in the order exchanges started
 * @param start           when the request started
 * @param source          the app's own client or the monitoring proxy
 * @param client          who sent it: "Berth" for the app, the process or address for proxy clients
 * @param method          HTTP method
 * @param target          path and query as sent, e.g. {@code /v1.47/containers/json?all=1}
 * @param requestHeaders  request headers in order
 * @param requestBody     the request body, bounded
 * @param status          HTTP status, or 0 when no response arrived
 * @param reason          the status line's reason phrase (or "" when unknown)
 * @param responseHeaders response headers in order
 * @param responseBody    the response body, bounded or summarised as a stream
 * @param latency         time until the response headers arrived, or {@code null} if they never did
 * @param duration        time until the exchange ended (body read, stream or hijacked connection closed)
 * @param error           why the exchange failed (connection refused, reset, …), or {@code null}
 * @param upgraded        the connection was hijacked (101 Switching Protocols, or a raw stream until close)
 * @param open            a stream or hijacked connection still going: the answer has started, the exchange has not
 *                        ended; the same {@code id} is recorded again, complete, when it does
 */
public record TrafficRecord(long id, Instant start, TrafficSource source, String client, String method, String target,
                            List<HeaderLine> requestHeaders, BodySummary requestBody, int status, String reason,
                            List<HeaderLine> responseHeaders, BodySummary responseBody, Duration latency,
                            Duration duration, String error, boolean upgraded, boolean open) {

    public TrafficRecord {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    /** The path without the query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /** The exchange failed on the wire, or the engine answered with an error status. */
    public boolean failed() {
        return error != null || status >= 400 || status == 0;
    }

    /** Bytes of request and response bodies together (for hijacked connections: both directions). */
    public long size() {
        return requestBody.bytes() + responseBody.bytes();
    }

    public String requestHeader(String name) {
        return find(requestHeaders, name);
    }

    public String responseHeader(String name) {
        return find(responseHeaders, name);
    }

    private static String find(List<HeaderLine> headers, String name) {
        for (HeaderLine h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** "1.2kB", "512B", "3.4MB": decimal units, as docker prints sizes. */
    public static String formatSize(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f%s" : "%.0f%s", value, units[unit]);
    }
}
