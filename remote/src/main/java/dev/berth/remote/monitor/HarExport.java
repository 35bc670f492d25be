package dev.berth.remote.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.remote.client.BerthVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes exchanges as an HTTP Archive (HAR 1.2, the format browsers' developer tools and HTTP debuggers import).
 * Fields HAR has no place for are kept as custom fields, which the spec allows with a leading underscore:
 * {@code _source} (app or proxy), {@code _client}, {@code _error}, {@code _hijacked}; a stream's body is described
 * in {@code content.comment} rather than stored.
 */
public final class HarExport {

    /** Docker clients put a placeholder host on Unix sockets; HAR wants an absolute URL. */
    private static final String BASE = "http://api.moby.localhost";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HarExport() {
    }

    public static void write(List<TrafficRecord> records, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode log = root.putObject("log");
        log.put("version", "1.2");
        ObjectNode creator = log.putObject("creator");
        creator.put("name", "Berth");
        creator.put("version", BerthVersion.get());
        ArrayNode entries = log.putArray("entries");
        for (TrafficRecord r : records) {
            entries.add(entry(r));
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }

    private static ObjectNode entry(TrafficRecord r) {
        ObjectNode entry = MAPPER.createObjectNode();
        entry.put("startedDateTime", DateTimeFormatter.ISO_INSTANT.format(r.start()));
        entry.put("time", millis(r.duration()));
        ObjectNode request = entry.putObject("request");
        request.put("method", r.method());
        request.put("url", BASE + r.target());
        request.put("httpVersion", "HTTP/1.1");
        request.putArray("cookies");
        headers(request.putArray("headers"), r.requestHeaders());
        ArrayNode query = request.putArray("queryString");
        if (!r.query().isEmpty()) {
            for (String pair : r.query().split("&")) {
                int eq = pair.indexOf('=');
                ObjectNode p = query.addObject();
                p.put("name", decode(eq < 0 ? pair : pair.substring(0, eq)));
                p.put("value", eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        if (r.requestBody().bytes() > 0 || r.requestBody().text() != null && !r.requestBody().text().isEmpty()) {
            ObjectNode post = request.putObject("postData");
            String type = r.requestHeader("Content-Type");
            post.put("mimeType", type == null ? "" : type);
            post.put("text", r.requestBody().text() == null ? "" : r.requestBody().text());
            if (r.requestBody().stream() || r.requestBody().binary() || r.requestBody().truncated()) {
                post.put("comment", r.requestBody().describe());
            }
        }
        request.put("headersSize", -1);
        request.put("bodySize", r.requestBody().bytes());

        ObjectNode response = entry.putObject("response");
        response.put("status", r.status());
        response.put("statusText", r.reason());
        response.put("httpVersion", "HTTP/1.1");
        response.putArray("cookies");
        headers(response.putArray("headers"), r.responseHeaders());
        ObjectNode content = response.putObject("content");
        content.put("size", r.responseBody().bytes());
        String type = r.responseHeader("Content-Type");
        content.put("mimeType", type == null ? "" : type);
        if (r.responseBody().text() != null && !r.responseBody().stream()) {
            content.put("text", r.responseBody().text());
        }
        if (r.responseBody().stream() || r.responseBody().binary() || r.responseBody().truncated()) {
            content.put("comment", r.responseBody().describe());
        }
        response.put("redirectURL", "");
        response.put("headersSize", -1);
        response.put("bodySize", r.responseBody().bytes());

        entry.putObject("cache");
        ObjectNode timings = entry.putObject("timings");
        double wait = r.latency() == null ? millis(r.duration()) : millis(r.latency());
        timings.put("send", 0);
        timings.put("wait", wait);
        timings.put("receive", Math.max(0, millis(r.duration()) - wait));
        entry.put("_source", r.source() == TrafficSource.APP ? "app" : "proxy");
        entry.put("_client", r.client());
        entry.put("_hijacked", r.upgraded());
        if (r.error() != null) {
            entry.put("_error", r.error());
        }
        return entry;
    }

    private static void headers(ArrayNode array, List<HeaderLine> headers) {
        for (HeaderLine h : headers) {
            ObjectNode node = array.addObject();
            node.put("name", h.name());
            node.put("value", h.value());
        }
    }

    private static double millis(Duration d) {
        return d == null ? -1 : d.toNanos() / 1_000_000.0;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a malformed escape is shown as sent
        }
    }
}
