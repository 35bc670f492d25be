package dev.berth.desktop.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host side of the port check on real sockets held by this test: taken (and by this very JVM, found through
 * /proc) while held, free once closed; TCP and UDP, IPv4 and IPv6 loopback.
 */
class HostPortCheckTest {

    private static final long ME = ProcessHandle.current().pid();
    private final HostPortCheck check = new HostPortCheck();

    @Test
    void aTcpListenerOnIpv4LoopbackIsTakenByThisProcessAndFreeOnceClosed() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();
            HostPortCheck.Result taken = check.check("127.0.0.1", port, "tcp");
            assertEquals(HostPortCheck.Status.TAKEN, taken.status());
            PortHolder holder = onlyHolderIsMe(taken.holders());
            assertEquals("127.0.0.1", holder.address());
            assertEquals(port, holder.port());
            assertEquals("tcp", holder.protocol());
            assertTrue(holder.commandLine().contains("java") || holder.command().contains("java"), holder.toString());

            HostPortCheck.Result everyAddress = check.check("", port, "tcp");
            assertEquals(HostPortCheck.Status.TAKEN, everyAddress.status(), "0.0.0.0 includes 127.0.0.1");
            onlyHolderIsMe(everyAddress.holders());
        }
        assertEquals(HostPortCheck.Status.FREE, check.check("127.0.0.1", port, "tcp").status());
    }

    @Test
    void aTcpListenerOnIpv6LoopbackIsTakenByThisProcess() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            port = listener.getLocalPort();
            HostPortCheck.Result taken = check.check("[::1]", port, "tcp");
            assertEquals(HostPortCheck.Status.TAKEN, taken.status());
            assertEquals("[::1]", onlyHolderIsMe(taken.holders()).address());
            assertEquals(HostPortCheck.Status.TAKEN, check.check("::", port, "tcp").status(),
                    ":: includes ::1");
        }
        assertEquals(HostPortCheck.Status.FREE, check.check("::1", port, "tcp").status());
    }

    @Test
    void aUdpSocketOnIpv4LoopbackIsTakenByThisProcessAndFreeOnceClosed() throws Exception {
        int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = socket.getLocalPort();
            HostPortCheck.Result taken = check.check("127.0.0.1", port, "udp");
            assertEquals(HostPortCheck.Status.TAKEN, taken.status());
            PortHolder holder = onlyHolderIsMe(taken.holders());
            assertEquals("udp", holder.protocol());
            assertEquals("127.0.0.1", holder.address());
        }
        assertEquals(HostPortCheck.Status.FREE, check.check("127.0.0.1", port, "udp").status());
    }

    @Test
    void aUdpSocketOnIpv6LoopbackIsTakenByThisProcess() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no ::1");
        int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            port = socket.getLocalPort();
            HostPortCheck.Result taken = check.check("::1", port, "udp");
            assertEquals(HostPortCheck.Status.TAKEN, taken.status());
            assertEquals("[::1]", onlyHolderIsMe(taken.holders()).address());
        }
        assertEquals(HostPortCheck.Status.FREE, check.check("::1", port, "udp").status());
    }

    @Test
    void aUdpSocketDoesNotTakeTheTcpPortOfTheSameNumber() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            HostPortCheck.Result tcp = check.check("127.0.0.1", socket.getLocalPort(), "tcp");
            assertTrue(tcp.holders().stream().noneMatch(h -> h.pid() == ME), tcp.toString());
        }
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsSaidSo() {
        // 192.0.2.0/24 is reserved for documentation: no machine has it
        assertEquals(HostPortCheck.Status.NO_SUCH_ADDRESS, check.check("192.0.2.1", 8080, "tcp").status());
    }

    @Test
    void onlyIpLiteralsAndRealPortsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> check.check("localhost", 8080, "tcp"));
        assertThrows(IllegalArgumentException.class, () -> check.check("300.1.1.1", 8080, "tcp"));
        assertThrows(IllegalArgumentException.class, () -> check.check("127.0.0.1", 70000, "tcp"));
        assertEquals("0.0.0.0", HostPortCheck.parseAddress(" ").getHostAddress());
    }

    @Test
    void kernelAddressesAndOverlaps() throws Exception {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "the samples are in x86 byte order");
        assertEquals(InetAddress.getByName("127.0.0.1"), HostPortCheck.kernelAddress("0100007F"));
        assertEquals(InetAddress.getByName("::1"), HostPortCheck.kernelAddress("00000000000000000000000001000000"));
        assertEquals(InetAddress.getByName("127.0.0.1"), HostPortCheck.kernelAddress("0000000000000000FFFF00000100007F"),
                "an IPv4-mapped IPv6 socket is an IPv4 one");

        InetAddress any4 = InetAddress.getByName("0.0.0.0");
        InetAddress any6 = InetAddress.getByName("::");
        InetAddress lo4 = InetAddress.getByName("127.0.0.1");
        InetAddress lo6 = InetAddress.getByName("::1");
        assertTrue(HostPortCheck.overlaps(lo4, any4));
        assertTrue(HostPortCheck.overlaps(any4, lo4));
        assertTrue(HostPortCheck.overlaps(lo4, any6), "the IPv6 wildcard is dual-stack");
        assertFalse(HostPortCheck.overlaps(lo6, any4));
        assertFalse(HostPortCheck.overlaps(lo4, InetAddress.getByName("127.0.0.2")));

        assertEquals("::1", HostPortCheck.compact(lo6));
        assertEquals("::", HostPortCheck.compact(any6));
        assertEquals("fd00:1::2", HostPortCheck.compact(InetAddress.getByName("fd00:1:0:0:0:0:0:2")));
    }

    private static PortHolder onlyHolderIsMe(List<PortHolder> holders) {
        assertEquals(1, holders.size(), holders.toString());
        PortHolder holder = holders.get(0);
        assertEquals(ME, holder.pid(), holder.toString());
        assertFalse(holder.isDockerProxy());
        return holder;
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
