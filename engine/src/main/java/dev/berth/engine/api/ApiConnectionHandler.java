package dev.berth.engine.api;

import dev.berth.engine.errors.EngineException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: decodes requests, runs their handlers on the worker pool, writes the answers, and turns
 * the connection into a raw byte pipe when a handler hijacks it (attach, exec start).
 */
final class ApiConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ApiConnectionHandler.class);
    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");

    static final String DECODER = "http-decoder";
    static final String ENCODER = "http-encoder";

    private final Router router;
    private final ExecutorService workers;
    private final boolean browserGuard;
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private BodyStream body;
    private volatile boolean hijacked;

    ApiConnectionHandler(Router router, ExecutorService workers, boolean browserGuard) {
        this.router = router;
        this.workers = workers;
        this.browserGuard = browserGuard;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (hijacked && msg instanceof ByteBuf buf) {
                body.push(ByteBufUtil.getBytes(buf));
                return;
            }
            if (msg instanceof HttpRequest request) {
                onRequest(ctx, request);
            }
            if (msg instanceof HttpContent content && body != null && !hijacked) {
                if (content.content().isReadable()) {
                    body.push(ByteBufUtil.getBytes(content.content()));
                }
                if (content instanceof LastHttpContent) {
                    body.end();
                }
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(ChannelHandlerContext ctx, HttpRequest http) {
        Channel channel = ctx.channel();
        body = new BodyStream(new BodyStream.Throttle() {
            @Override
            public void pause() {
                channel.config().setAutoRead(false);
            }

            @Override
            public void resume() {
                channel.config().setAutoRead(true);
            }
        });
        BodyStream requestBody = body;
        if (http.decoderResult().isFailure()) {
            requestBody.end();
            writeFull(channel, http, error(400, "bad request: " + http.decoderResult().cause().getMessage()), false);
            return;
        }
        if (browserGuard && fromBrowser(http)) {
            requestBody.end();
            writeFull(channel, http, error(403, "requests from web pages are refused on an unauthenticated TCP "
                    + "listener"), false);
            return;
        }
        workers.execute(() -> serve(channel, http, requestBody));
    }

    /**
     * A plain loopback TCP listener is reachable from any web page the user opens: refuse requests that carry an
     * Origin (browsers add it to cross-site requests) or name a host other than loopback (DNS rebinding).
     */
    private static boolean fromBrowser(HttpRequest http) {
        if (http.headers().contains(HttpHeaderNames.ORIGIN)) {
            return true;
        }
        String host = http.headers().get(HttpHeaderNames.HOST, "");
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
        return !(name.isEmpty() || name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]")
                || name.equals("docker") || name.equals("api.moby.localhost"));
    }

    private void serve(Channel channel, HttpRequest http, BodyStream requestBody) {
        long start = System.nanoTime();
        QueryStringDecoder uri = new QueryStringDecoder(http.uri());
        String path = uri.path();
        String method = http.method().name();
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        Response response;
        try {
            String version = ApiVersions.MAX;
            Matcher versioned = VERSIONED.matcher(path);
            if (versioned.matches()) {
                version = ApiVersions.accept(versioned.group(1));
                path = versioned.group(2);
            }
            Router.Match match = router.match(method, path);
            if (match.handler() == null) {
                response = match.pathKnown() ? error(405, "method not allowed") : error(404, "page not found");
            } else {
                Map<String, String> headers = new HashMap<>();
                http.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                boolean upgrade = "tcp".equalsIgnoreCase(http.headers().get(HttpHeaderNames.UPGRADE));
                Request request = new Request(method, path, version, match.params(), uri.parameters(), headers,
                        requestBody, upgrade, gone);
                response = match.handler().handle(request);
            }
        } catch (EngineException e) {
            if (e.status() >= 500) {
                LOG.warn("{} {}: {}", method, path, e.getMessage(), e.getCause());
            }
            response = e.status() == 304 ? Response.status(304) : error(e.status(), e.getMessage());
        } catch (Exception | LinkageError | AssertionError e) {
            // Every request gets an answer: a client must never hang on a handler that blew up.
            LOG.error("{} {} failed", method, path, e);
            response = error(500, e.getMessage() == null ? e.toString() : e.getMessage());
        }
        try {
            switch (response.kind()) {
                case FULL -> writeFull(channel, http, response, keepAlive);
                case STREAM -> writeStream(channel, http, response, keepAlive);
                case HIJACK -> hijack(channel, http, response);
            }
        } catch (Exception e) {
            LOG.debug("{} {}: client went away: {}", method, path, e.toString());
            channel.close();
        } finally {
            LOG.debug("{} {} -> {} in {} ms", method, http.uri(), response.status(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private static Response error(int status, String message) {
        return Response.json(status, Map.of("message", message == null ? "" : message));
    }

    private void writeFull(Channel channel, HttpRequest http, Response response, boolean keepAlive) {
        boolean head = http.method() == HttpMethod.HEAD;
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        commonHeaders(out, response);
        if (response.contentType() != null && response.body().length > 0) {
            out.headers().set("Content-Type", response.contentType());
        }
        if (!head || !out.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            out.headers().set("Content-Length", head ? 0 : response.body().length);
        }
        if (!keepAlive) {
            out.headers().set("Connection", HttpHeaderValues.CLOSE);
            channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.writeAndFlush(out);
        }
    }

    private void writeStream(Channel channel, HttpRequest http, Response response, boolean keepAlive)
            throws Exception {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(
                response.status()));
        commonHeaders(head, response);
        if (response.contentType() != null) {
            head.headers().set("Content-Type", response.contentType());
        }
        head.headers().set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
        channel.writeAndFlush(head);
        ChannelOutput out = new ChannelOutput(channel, true);
        try {
            response.writer().write(out);
        } finally {
            out.close();
            if (channel.isActive()) {
                var done = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    done.addListener(ChannelFutureListener.CLOSE);
                }
            }
        }
    }

    private void hijack(Channel channel, HttpRequest http, Response response) throws Exception {
        boolean upgrade = "tcp".equalsIgnoreCase(http.headers().get(HttpHeaderNames.UPGRADE));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, upgrade
                ? new HttpResponseStatus(101, "UPGRADED") : HttpResponseStatus.OK);
        commonHeaders(head, response);
        head.headers().set("Content-Type", response.contentType());
        if (upgrade) {
            head.headers().set("Connection", "Upgrade");
            head.headers().set("Upgrade", "tcp");
        }
        BodyStream in = new BodyStream(new BodyStream.Throttle() {
            @Override
            public void pause() {
                channel.config().setAutoRead(false);
            }

            @Override
            public void resume() {
                channel.config().setAutoRead(true);
            }
        });
        // Switch to raw bytes on the event loop, so nothing the client sends next is parsed as HTTP.
        channel.eventLoop().submit(() -> {
            body = in;
            hijacked = true;
            if (channel.pipeline().get(DECODER) != null) {
                channel.pipeline().remove(DECODER);
            }
        }).sync();
        channel.writeAndFlush(head).sync();
        channel.eventLoop().submit(() -> {
            if (channel.pipeline().get(ENCODER) != null) {
                channel.pipeline().remove(ENCODER);
            }
        }).sync();
        if (!channel.isActive()) {
            in.end();
        }
        ChannelOutput out = new ChannelOutput(channel, false);
        try {
            response.hijacker().run(in, out);
        } finally {
            out.close();
            channel.close();
        }
    }

    /** Go's http.TimeFormat: "Mon, 02 Jan 2006 15:04:05 GMT". */
    private static final java.time.format.DateTimeFormatter HTTP_DATE = java.time.format.DateTimeFormatter.ofPattern(
            "EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    /** dockerd's headers, in Go's canonical spelling (Netty's constants are lower case), with Go's Date. */
    private static void commonHeaders(HttpResponse out, Response response) {
        out.headers().set("Api-Version", ApiVersions.MAX);
        out.headers().set("Docker-Experimental", "false");
        out.headers().set("Ostype", "linux");
        out.headers().set("Server", "Berth/" + dev.berth.remote.client.BerthVersion.get() + " (linux)");
        out.headers().set("Date", HTTP_DATE.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        response.headers().forEach((k, v) -> out.headers().set(k, v));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            BodyStream current = body;
            if (current != null) {
                current.end();
            }
            if (!hijacked) {
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        BodyStream current = body;
        if (current != null) {
            current.fail(new IOException("the client closed the connection"));
        }
        gone.complete(null);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection error: {}", cause.toString());
        ctx.close();
    }
}
