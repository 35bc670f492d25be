package dev.berth.engine.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine API over HTTP/1.1 on Unix sockets (mode 0660) and, when asked, TCP with TLS. Handlers run on a
 * cached worker pool because many of them block for as long as a client follows a stream.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final Router router;
    private final EventLoopGroup boss = new EpollEventLoopGroup(1, daemonThreads("berth-api-accept"));
    private final EventLoopGroup io = new EpollEventLoopGroup(2, daemonThreads("berth-api-io"));
    private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads("berth-api-worker"));
    private final List<Channel> listeners = new ArrayList<>();
    private final List<Path> sockets = new ArrayList<>();

    public ApiServer(List<Routes> routes) {
        this.router = new Router();
        routes.forEach(r -> r.register(router));
    }

    /** Listens on a Unix socket: replaces a stale socket file, then makes it 0660 root:{@code group}. */
    public void listenUnix(Path socket, String group) throws IOException, InterruptedException {
        Files.createDirectories(socket.toAbsolutePath().getParent());
        if (Files.exists(socket) && !Files.isDirectory(socket)) {
            Files.delete(socket);
        }
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(EpollServerDomainSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(initializer(null, false));
        Channel channel = bootstrap.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        listeners.add(channel);
        sockets.add(socket);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        if (group != null) {
            try {
                GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByGroupName(group);
                Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
            } catch (IOException e) {
                LOG.info("group {} not found; {} stays root-only", group, socket);
            }
        }
        LOG.info("API listening on unix://{}", socket);
    }

    /** Listens on TCP; with {@code tls} each connection does a TLS handshake first (client auth as configured). */
    public void listenTcp(InetSocketAddress address, Supplier<SSLEngine> tls) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, io)
                .channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(initializer(tls, tls == null && address.getAddress().isLoopbackAddress()));
        Channel channel = bootstrap.bind(address).sync().channel();
        listeners.add(channel);
        LOG.info("API listening on tcp://{}:{}{}", address.getHostString(),
                ((InetSocketAddress) channel.localAddress()).getPort(), tls == null ? "" : " (TLS)");
    }

    /** The port a TCP listener got (useful with port 0). */
    public int tcpPort(int index) {
        int seen = 0;
        for (Channel c : listeners) {
            if (c.localAddress() instanceof InetSocketAddress a) {
                if (seen++ == index) {
                    return a.getPort();
                }
            }
        }
        throw new IllegalStateException("no TCP listener #" + index);
    }

    /** A server-side SSLEngine factory for {@link #listenTcp}. */
    public static Supplier<SSLEngine> serverEngines(SSLContext context, boolean requireClientCert) {
        return () -> {
            SSLEngine engine = context.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setNeedClientAuth(requireClientCert);
            engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return engine;
        };
    }

    private ChannelInitializer<Channel> initializer(Supplier<SSLEngine> tls, boolean browserGuard) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", new SslHandler(tls.get()));
                }
                ch.pipeline().addLast(ApiConnectionHandler.DECODER, new HttpRequestDecoder(16384, 65536, 65536));
                ch.pipeline().addLast(ApiConnectionHandler.ENCODER, new HttpResponseEncoder());
                // Uploads (load, import, cp) come with "Expect: 100-continue" from some clients (OkHttp, curl):
                // without the interim answer they wait before sending the body, and the handler waits for it.
                ch.pipeline().addLast("expect-continue", new HttpServerExpectContinueHandler());
                ch.pipeline().addLast("api", new ApiConnectionHandler(router, workers, browserGuard));
            }
        };
    }

    @Override
    public void close() {
        for (Channel channel : listeners) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        for (Path socket : sockets) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.debug("cannot remove {}: {}", socket, e.toString());
            }
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
