package dev.berth.remote.transport;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.ClientTls;
import java.io.Closeable;
import java.io.IOException;
import java.net.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.newsclub.net.unix.AFUNIXSocketFactory;

/**
 * The HTTP/1.1 connection to one engine: a Unix socket, plain TCP or TCP with (mutual) TLS. Everything above it
 * speaks HTTP through {@link #http()} or, for endless streams and hijacked connections, {@link #streaming()}.
 */
public final class Transport implements Closeable {

    private final EngineEndpoint endpoint;
    private final ClientTls tls;
    private final HttpUrl base;
    private final OkHttpClient http;
    private final OkHttpClient streaming;
    private final java.time.Duration connectTimeout;

    private Transport(EngineEndpoint endpoint, ClientTls tls, HttpUrl base, OkHttpClient http,
                      java.time.Duration connectTimeout) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.tls = tls;
        this.base = base;
        this.http = http;
        // Streams can sit idle for hours (events, logs -f, an idle shell): no read or call timeout. Upgraded
        // sockets inherit the read timeout, so hijacks must come from this client too.
        // Their connections are never pooled: a stream abandoned half-read must not be handed to the next call.
        this.streaming = http.newBuilder().readTimeout(0, TimeUnit.MILLISECONDS).callTimeout(0, TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
                .build();
    }

    public static Transport open(EngineEndpoint endpoint) {
        return open(endpoint, TransportOptions.DEFAULT);
    }

    public static Transport open(EngineEndpoint endpoint, TransportOptions options) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.HTTP_1_1)) // hijacked attach/exec cannot work over HTTP/2
                .proxy(Proxy.NO_PROXY)
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .retryOnConnectionFailure(false)
                .connectionPool(new ConnectionPool(4, 30, TimeUnit.SECONDS));
        options.interceptors().forEach(builder::addInterceptor);
        // Every log follow, stats stream and terminal holds a call open: the default of 5 per host is far too few.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(256);
        dispatcher.setMaxRequests(256);
        builder.dispatcher(dispatcher);

        ClientTls tls = null;
        HttpUrl base;
        if (endpoint.isUnix()) {
            builder.socketFactory(new AFUNIXSocketFactory.FactoryArg(endpoint.unixSocketPath().toFile()));
            base = new HttpUrl.Builder().scheme("http").host("localhost").build();
        } else {
            TlsSettings settings = endpoint.tls();
            if (settings != null) {
                tls = TlsContexts.clientTls(endpoint, settings);
                builder.sslSocketFactory(tls.socketFactory(options.connectTimeout()), tls.trustManager());
                if (!settings.verifyServer()) {
                    builder.hostnameVerifier((host, session) -> true);
                }
            }
            base = new HttpUrl.Builder()
                    .scheme(settings != null ? "https" : "http")
                    .host(endpoint.host())
                    .port(endpoint.port())
                    .build();
        }
        String basePath = endpoint.basePath();
        if (basePath != null && !basePath.isEmpty() && !basePath.equals("/")) {
            base = base.newBuilder().addPathSegments(basePath.replaceAll("^/+|/+$", "")).build();
        }
        return new Transport(endpoint, tls, base, builder.build(), options.connectTimeout());
    }

    public EngineEndpoint endpoint() {
        return endpoint;
    }

    /** The client for ordinary request/response calls, with the read timeout from the options. */
    public OkHttpClient http() {
        return http;
    }

    /** The client for streams and hijacked connections, without read timeout. */
    public OkHttpClient streaming() {
        return streaming;
    }

    /** Scheme, host, port and base path every API path is appended to. */
    public HttpUrl base() {
        return base;
    }

    /**
     * A fresh connection to the engine, outside OkHttp: the same socket kind, TLS material and host name check as
     * the HTTP clients use, for code that speaks HTTP itself (the monitoring proxy). The caller owns the socket.
     */
    public java.net.Socket openSocket() throws IOException {
        if (endpoint.isUnix()) {
            return org.newsclub.net.unix.AFUNIXSocket.connectTo(
                    org.newsclub.net.unix.AFUNIXSocketAddress.of(endpoint.unixSocketPath()));
        }
        if (tls != null) {
            return tls.connect(endpoint.host(), endpoint.port(), connectTimeout);
        }
        java.net.Socket socket = new java.net.Socket();
        try {
            socket.connect(new java.net.InetSocketAddress(endpoint.host(), endpoint.port()),
                    Math.toIntExact(connectTimeout.toMillis()));
            socket.setKeepAlive(true);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Turns a low-level failure into the user-facing reason: which of the many things went wrong, and where. */
    public EngineConnectionException translate(IOException failure) {
        return ConnectionFailures.translate(failure, endpoint, tls);
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.connectionPool().evictAll();
        streaming.dispatcher().cancelAll();
        streaming.connectionPool().evictAll();
    }
}
