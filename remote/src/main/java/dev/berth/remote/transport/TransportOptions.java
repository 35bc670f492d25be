package dev.berth.remote.transport;

import java.time.Duration;
import java.util.List;
import okhttp3.Interceptor;

/**
 * How patient the client is and who watches its traffic. The read timeout bounds ordinary calls so that an engine
 * that accepts a request and never answers cannot hang the caller; streams (logs, events, attach) have none.
 */
public record TransportOptions(Duration connectTimeout, Duration readTimeout, List<Interceptor> interceptors) {

    public static final TransportOptions DEFAULT =
            new TransportOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), List.of());

    public TransportOptions {
        interceptors = List.copyOf(interceptors);
    }

    public TransportOptions withReadTimeout(Duration timeout) {
        return new TransportOptions(connectTimeout, timeout, interceptors);
    }

    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(timeout, readTimeout, interceptors);
    }

    public TransportOptions withInterceptor(Interceptor interceptor) {
        var all = new java.util.ArrayList<>(interceptors);
        all.add(interceptor);
        return new TransportOptions(connectTimeout, readTimeout, all);
    }
}
