package dev.berth.engine.networks;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNS server of one user-defined network, aardvark-dns style: UDP and TCP on the network's gateway address in the
 * host's namespace. It answers A queries for the network's containers (name, aliases, short ID) and forwards every
 * other query unchanged to the host's resolvers, relaying the answer back. TCP is there for what resolvers retry over
 * it (a truncated answer, {@code dig +tcp}, {@code options use-vc}); a host service already holding TCP port 53 on
 * that address leaves this responder UDP only.
 */
final class DnsResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsResponder.class);
    private static final int TTL = 600;

    private final DatagramSocket socket;
    private final ServerSocket tcp;
    private final BiFunction<String, String, List<String>> lookup;
    private final List<InetSocketAddress> upstream;
    private final ExecutorService forwarders;
    private final Thread loop;

    /**
     * @param lookup a container name, alias or short ID on this network, and the address asking → the IPv4
     *               addresses (empty if unknown)
     */
    DnsResponder(String address, BiFunction<String, String, List<String>> lookup, List<InetSocketAddress> upstream)
            throws SocketException {
        this.socket = new DatagramSocket(null);
        try {
            socket.bind(new InetSocketAddress(InetAddressParse.of(address), 53));
        } catch (SocketException e) {
            socket.close();
            throw e;
        }
        this.lookup = lookup;
        this.upstream = upstream;
        this.forwarders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "berth-dns-forward-" + address);
            t.setDaemon(true);
            return t;
        });
        this.loop = new Thread(this::serve, "berth-dns-" + address);
        loop.setDaemon(true);
        loop.start();
        this.tcp = listenTcp(address);
        if (tcp != null) {
            Thread accepting = new Thread(this::acceptTcp, "berth-dns-tcp-" + address);
            accepting.setDaemon(true);
            accepting.start();
        }
    }

    private static ServerSocket listenTcp(String address) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddressParse.of(address), 53), 64);
            return server;
        } catch (IOException e) {
            LOG.info("DNS on {} answers over UDP only: TCP port 53 is not available ({})", address, e.getMessage());
            if (server != null) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // it never listened
                }
            }
            return null;
        }
    }

    private void acceptTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket connection = tcp.accept();
                forwarders.execute(() -> serveTcp(connection));
            } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
                if (!tcp.isClosed()) {
                    LOG.debug("dns accept: {}", e.toString());
                }
            }
        }
    }

    /** RFC 7766: length-prefixed messages, several per connection, until the client closes or goes quiet. */
    private void serveTcp(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException | SocketTimeoutException e) {
                    return;
                }
                byte[] query = in.readNBytes(length);
                if (query.length < length) {
                    return;
                }
                byte[] answer = answer(query, connection.getInetAddress().getHostAddress());
                if (answer == null) {
                    answer = forwardTcp(query);
                }
                if (answer == null) {
                    return; // no upstream answered: the client retries elsewhere
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("dns over tcp: {}", e.toString());
        }
    }

    private byte[] forwardTcp(byte[] query) {
        for (InetSocketAddress server : upstream) {
            try (Socket up = new Socket()) {
                up.connect(server, 4000);
                up.setSoTimeout(4000);
                DataOutputStream out = new DataOutputStream(up.getOutputStream());
                out.writeShort(query.length);
                out.write(query);
                out.flush();
                DataInputStream in = new DataInputStream(up.getInputStream());
                int length = in.readUnsignedShort();
                byte[] reply = in.readNBytes(length);
                if (reply.length == length) {
                    return reply;
                }
            } catch (IOException e) {
                LOG.debug("forwarding a dns query over tcp to {}: {}", server, e.toString());
            }
        }
        return null;
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.debug("dns receive: {}", e.toString());
                }
                continue;
            }
            byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            try {
                byte[] answer = answer(query, client.getAddress().getHostAddress());
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, client));
                } else {
                    forwarders.execute(() -> forward(query, client));
                }
            } catch (IOException | RuntimeException e) {
                LOG.debug("dns query from {}: {}", client, e.toString());
            }
        }
    }

    /** The local answer, or null when the name is not a container's (then the query is forwarded). */
    byte[] answer(byte[] q, String client) {
        if (q.length < 12 || (q[2] & 0x80) != 0 || ((q[4] & 0xff) << 8 | (q[5] & 0xff)) != 1) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        int i = 12;
        while (i < q.length && q[i] != 0) {
            int len = q[i] & 0xff;
            if (len > 63 || i + 1 + len > q.length) {
                return null;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, i + 1, len, StandardCharsets.US_ASCII));
            i += 1 + len;
        }
        int questionEnd = i + 5;
        if (questionEnd > q.length) {
            return null;
        }
        int type = (q[i + 1] & 0xff) << 8 | (q[i + 2] & 0xff);
        List<String> ips = lookup.apply(name.toString().toLowerCase(Locale.ROOT), client);
        if (ips.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x84 | (q[2] & 0x01)); // response, authoritative, keeps RD
        out.write(0x80); // recursion available, NOERROR
        List<String> answers = ips.stream().filter(ip -> type == 255 || (type == 1) == !ip.contains(":"))
                .filter(ip -> type == 1 || type == 28 || type == 255).toList();
        out.write(0);
        out.write(1);
        out.write(answers.size() >> 8);
        out.write(answers.size());
        out.write(new byte[4], 0, 4);
        out.write(q, 12, questionEnd - 12);
        for (String ip : answers) {
            boolean six = ip.contains(":");
            out.write(0xc0); // pointer to the name in the question
            out.write(12);
            out.write(new byte[] {0, (byte) (six ? 28 : 1), 0, 1}, 0, 4);
            out.write(new byte[] {0, 0, (byte) (TTL >> 8), (byte) TTL}, 0, 4);
            byte[] addr = six ? v6(ip) : InetAddressParse.of(ip).getAddress();
            out.write(0);
            out.write(addr.length);
            out.write(addr, 0, addr.length);
        }
        return out.toByteArray();
    }

    private static byte[] v6(String ip) {
        byte[] raw = Cidr6.address(ip).toByteArray();
        byte[] bytes = new byte[16];
        int copy = Math.min(raw.length, 16);
        System.arraycopy(raw, raw.length - copy, bytes, 16 - copy, copy);
        return bytes;
    }

    private void forward(byte[] query, InetSocketAddress client) {
        try (DatagramSocket up = new DatagramSocket()) {
            up.setSoTimeout(4000);
            for (InetSocketAddress server : upstream) {
                up.send(new DatagramPacket(query, query.length, server));
                byte[] buf = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                try {
                    up.receive(reply);
                    socket.send(new DatagramPacket(reply.getData(), reply.getLength(), client));
                    return;
                } catch (SocketTimeoutException e) {
                    // next upstream
                }
            }
        } catch (IOException e) {
            LOG.debug("forwarding a dns query: {}", e.toString());
        }
    }

    @Override
    public void close() {
        socket.close();
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException e) {
                LOG.debug("closing the dns tcp listener: {}", e.toString());
            }
        }
        forwarders.shutdownNow();
    }

    /** Literal IPv4 addresses only: never a resolver lookup. */
    static final class InetAddressParse {
        private InetAddressParse() {
        }

        static InetAddress of(String ip) {
            int v = Cidr.address(ip);
            try {
                return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8),
                        (byte) v});
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException(ip, e);
            }
        }
    }
}
