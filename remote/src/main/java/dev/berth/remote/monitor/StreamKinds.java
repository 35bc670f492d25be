package dev.berth.remote.monitor;

import java.util.regex.Pattern;

/**
 * Which Engine API calls answer with a stream (logs, events, stats, pull/push/build progress, attach and exec) and
 * which may hijack the connection. Decided from the request, as the body of a stream may never end.
 */
final class StreamKinds {

    private static final Pattern VERSION = Pattern.compile("^/v\\d+\\.\\d+(?=/)");
    private static final Pattern STREAMS = Pattern.compile(
            "^/(events|build|images/create|images/load|images/[^?]+/push|containers/[^/?]+/(logs|stats|attach))$");
    private static final Pattern HIJACKS = Pattern.compile("^/(containers/[^/?]+/attach|exec/[^/?]+/start)$");
    private static final Pattern ONE_STATS = Pattern.compile("(^|&)stream=(0|false)(&|$)");

    private StreamKinds() {
    }

    /** The path without query and without the {@code /v1.NN} prefix. */
    static String apiPath(String target) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        return VERSION.matcher(path).replaceFirst("");
    }

    static String query(String target) {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    static boolean isStream(String method, String target) {
        String path = apiPath(target);
        if (HIJACKS.matcher(path).matches()) {
            return true;
        }
        if (!STREAMS.matcher(path).matches()) {
            return false;
        }
        return !(path.endsWith("/stats") && ONE_STATS.matcher(query(target)).find());
    }

    /** Attach and exec start: the engine may switch the connection to a raw duplex stream. */
    static boolean mayHijack(String method, String target) {
        return "POST".equalsIgnoreCase(method) && HIJACKS.matcher(apiPath(target)).matches();
    }
}
