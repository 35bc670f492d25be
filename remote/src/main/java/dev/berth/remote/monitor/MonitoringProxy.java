package dev.berth.remote.monitor;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.Transport;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Docker API endpoint that forwards every connection unchanged to one engine and records each exchange: point
 * {@code DOCKER_HOST} (the docker CLI, compose, an SDK) at it and watch what the tool asks. Listens on a Unix socket
 * (mode 0660) or a loopback TCP port only. The engine is reached the way the app's own client reaches it (Unix
 * socket, TCP, or TCP with the endpoint's mutual TLS), so a tool without certificates can talk to a TLS engine
 * through it; that is why it never listens beyond this machine.
 */
public final class MonitoringProxy implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringProxy.class);
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final ProxyAddress address;
    private final EngineEndpoint engine;
    private final Transport transport;
    private final TrafficRecorder recorder;
    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<ProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private MonitoringProxy(ProxyAddress address, EngineEndpoint engine, Transport transport, TrafficRecorder recorder,
                            ServerSocket server) {
        this.address = address;
        this.engine = engine;
        this.transport = transport;
        this.recorder = recorder;
        this.server = server;
        AtomicInteger threadNumber = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "monitor-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(this::acceptLoop, "monitor-accept " + address);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts listening. For a Unix socket, an existing file at the path is replaced only if it is a socket nobody
     * listens on any more (left behind by a crash).
     *
     * @throws IOException with a sentence for the user when the address is taken or cannot be bound
     */
    public static MonitoringProxy start(ProxyAddress listen, EngineEndpoint engine, TrafficRecorder recorder)
            throws IOException {
        Transport transport = Transport.open(engine);
        try {
            if (listen.isUnix()) {
                Path socket = listen.unixSocket();
                removeStaleSocket(socket);
                AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
                server.setDeleteOnClose(true);
                server.bind(AFUNIXSocketAddress.of(socket), 64);
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
                return new MonitoringProxy(listen, engine, transport, recorder, server);
            }
            ServerSocket server = new ServerSocket();
            try {
                server.bind(new InetSocketAddress(listen.host(), listen.port()), 64);
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot listen on " + listen + ": " + e.getMessage(), e);
            }
            ProxyAddress bound = ProxyAddress.tcp(listen.host(), server.getLocalPort());
            return new MonitoringProxy(bound, engine, transport, recorder, server);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = socket.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new IOException("cannot create " + socket + ": the folder " + parent + " does not exist");
            }
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(socket + " already exists and is not a socket; choose another path");
        }
        boolean live;
        try (AFUNIXSocket probe = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(socket))) {
            live = true;
        } catch (IOException refused) {
            live = false;
        }
        if (live) {
            throw new IOException(socket + " is in use: another program listens on it; choose another path");
        }
        Files.deleteIfExists(socket); // nobody answers: a socket left behind by a process that ended
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("monitor on {} stopped accepting: {}", address, e.toString());
                }
                return;
            }
            String name = clientName(client, connectionCount.incrementAndGet());
            ProxyConnection[] self = new ProxyConnection[1];
            self[0] = new ProxyConnection(client, name, new ProxyConnection.Upstream() {
                @Override
                public Socket open() throws IOException {
                    return transport.openSocket();
                }

                @Override
                public String describe() {
                    return engine.uri().toString();
                }
            }, recorder, threads, () -> connections.remove(self[0]));
            connections.add(self[0]);
            if (closed) {
                self[0].close();
                return;
            }
            self[0].start();
        }
    }

    /** "docker (pid 4242)" for local processes on the Unix socket, "127.0.0.1:53412" for TCP clients. */
    private static String clientName(Socket client, int number) {
        if (client instanceof AFUNIXSocket unix) {
            try {
                long pid = unix.getPeerCredentials().getPid();
                if (pid > 0) {
                    String command = "";
                    try {
                        command = Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).strip();
                    } catch (IOException | RuntimeException e) {
                        // not Linux, or the process is gone already
                    }
                    return (command.isEmpty() ? "process" : command) + " (pid " + pid + ")";
                }
            } catch (IOException | RuntimeException e) {
                // credentials are a nicety
            }
            return "connection " + number;
        }
        if (client.getRemoteSocketAddress() instanceof InetSocketAddress remote) {
            return remote.getAddress().getHostAddress() + ":" + remote.getPort();
        }
        return "connection " + number;
    }

    /** Where it listens (with the real port when 0 was asked for). */
    public ProxyAddress address() {
        return address;
    }

    /** The DOCKER_HOST value clients use. */
    public String dockerHost() {
        return address.dockerHost();
    }

    public EngineEndpoint engine() {
        return engine;
    }

    public boolean isRunning() {
        return !closed;
    }

    /** Stops listening, drops open connections and removes the socket file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the monitor's listener: {}", e.toString());
        }
        connections.forEach(ProxyConnection::close);
        threads.shutdownNow();
        transport.close();
        if (address.isUnix()) {
            try {
                Files.deleteIfExists(address.unixSocket());
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", address.unixSocket(), e.toString());
            }
        }
    }
}
