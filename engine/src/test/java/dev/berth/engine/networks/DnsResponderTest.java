package dev.berth.engine.networks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The network DNS server over real UDP and TCP on loopback addresses: container names are answered locally (A records,
 * empty AAAA), anything else is relayed to the upstream resolver and its answer returned unchanged.
 */
class DnsResponderTest {

    private static final String LISTEN = "127.0.3.9";
    private static final String UPSTREAM = "127.0.3.10";

    @Test
    void answersContainerNamesAndForwardsTheRest() throws Exception {
        Map<String, List<String>> names = Map.of("server", List.of("10.251.7.2"), "db", List.of("10.251.7.2"));
        try (DatagramSocket upstream = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(UPSTREAM), 53));
                DnsResponder dns = new DnsResponder(LISTEN, (n, client) -> names.getOrDefault(n, List.of()),
                        List.of(new InetSocketAddress(InetAddress.getByName(UPSTREAM), 53)));
                DatagramSocket client = new DatagramSocket()) {
            client.setSoTimeout(5000);
            upstream.setSoTimeout(5000);

            byte[] reply = ask(client, query(0x1234, "Server", 1));
            assertEquals(0x12, reply[0] & 0xff);
            assertEquals(0x34, reply[1] & 0xff);
            assertEquals(0, reply[3] & 0x0f, "NOERROR");
            assertEquals(1, reply[7], "one answer");
            assertArrayEquals(new byte[] {10, (byte) 251, 7, 2}, Arrays.copyOfRange(reply, reply.length - 4,
                    reply.length));

            byte[] aaaa = ask(client, query(0x2222, "db", 28));
            assertEquals(0, aaaa[3] & 0x0f);
            assertEquals(0, aaaa[7], "no IPv6 addresses, but the name exists");

            byte[] outside = query(0x3333, "example.org", 1);
            client.send(new DatagramPacket(outside, outside.length, new InetSocketAddress(LISTEN, 53)));
            DatagramPacket forwarded = new DatagramPacket(new byte[512], 512);
            upstream.receive(forwarded);
            assertArrayEquals(outside, Arrays.copyOf(forwarded.getData(), forwarded.getLength()));
            byte[] upstreamAnswer = outside.clone();
            upstreamAnswer[2] = (byte) 0x81;
            upstreamAnswer[3] = (byte) 0x83; // NXDOMAIN
            upstream.send(new DatagramPacket(upstreamAnswer, upstreamAnswer.length, forwarded.getSocketAddress()));
            DatagramPacket relayed = new DatagramPacket(new byte[512], 512);
            client.receive(relayed);
            assertArrayEquals(upstreamAnswer, Arrays.copyOf(relayed.getData(), relayed.getLength()));
        }
    }

    private static byte[] ask(DatagramSocket client, byte[] query) throws Exception {
        client.send(new DatagramPacket(query, query.length, new InetSocketAddress(LISTEN, 53)));
        DatagramPacket reply = new DatagramPacket(new byte[512], 512);
        client.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }

    private static byte[] query(int id, String name, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(id >> 8);
        out.write(id);
        out.write(1); // RD
        out.write(0);
        out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        out.writeBytes(new byte[] {0, (byte) type, 0, 1});
        return out.toByteArray();
    }

    /** What resolvers retry over TCP (truncated answers, dig +tcp): answered and forwarded the same way. */
    @Test
    void answersAndForwardsOverTcpToo() throws Exception {
        Map<String, List<String>> names = Map.of("server", List.of("10.251.7.2"));
        try (ServerSocket upstream = new ServerSocket(53, 4, InetAddress.getByName(UPSTREAM));
                DnsResponder dns = new DnsResponder(LISTEN, (n, client) -> names.getOrDefault(n, List.of()),
                        List.of(new InetSocketAddress(InetAddress.getByName(UPSTREAM), 53)));
                Socket client = new Socket(LISTEN, 53)) {
            client.setSoTimeout(5000);
            upstream.setSoTimeout(5000);
            DataOutputStream toDns = new DataOutputStream(client.getOutputStream());
            DataInputStream fromDns = new DataInputStream(client.getInputStream());

            byte[] local = query(0x4444, "server", 1);
            toDns.writeShort(local.length);
            toDns.write(local);
            byte[] reply = fromDns.readNBytes(fromDns.readUnsignedShort());
            assertEquals(0x44, reply[0] & 0xff);
            assertEquals(1, reply[7], "one answer");
            assertArrayEquals(new byte[] {10, (byte) 251, 7, 2}, Arrays.copyOfRange(reply, reply.length - 4,
                    reply.length));

            // a second question on the same connection, for a name that is not a container's
            byte[] outside = query(0x5555, "example.org", 1);
            toDns.writeShort(outside.length);
            toDns.write(outside);
            try (Socket relay = upstream.accept()) {
                DataInputStream asked = new DataInputStream(relay.getInputStream());
                assertArrayEquals(outside, asked.readNBytes(asked.readUnsignedShort()));
                byte[] upstreamAnswer = outside.clone();
                upstreamAnswer[2] = (byte) 0x81;
                upstreamAnswer[3] = (byte) 0x83; // NXDOMAIN
                DataOutputStream answer = new DataOutputStream(relay.getOutputStream());
                answer.writeShort(upstreamAnswer.length);
                answer.write(upstreamAnswer);
                answer.flush();
                assertArrayEquals(upstreamAnswer, fromDns.readNBytes(fromDns.readUnsignedShort()));
            }
        }
    }
}
