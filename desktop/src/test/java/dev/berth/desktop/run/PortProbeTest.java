package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.ports.HostPortCheck;
import dev.berth.desktop.ports.PortAvailability;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the wizard reads a host port check: what the row's status says and whether it blocks the run. */
class PortProbeTest {

    private final HostPortCheck check = new HostPortCheck();

    @Test
    void aListeningPortIsTakenByThisProcessAndBlocksAndAFreedOneIsFree() throws Exception {
        long pid = ProcessHandle.current().pid();
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();
            PortProbe.Result taken = PortProbe.verdict(PortAvailability.check(check, List.of(), "127.0.0.1", port,
                    "tcp"), "k");
            assertEquals(PortProbe.Verdict.TAKEN, taken.verdict());
            assertTrue(taken.text().startsWith("taken by ") && taken.text().endsWith("(pid " + pid + ")"),
                    taken.text());
            assertTrue(taken.problem().startsWith("host port 127.0.0.1:" + port + "/tcp is taken by "),
                    taken.problem());
            assertEquals(PortProbe.Verdict.TAKEN, PortProbe.verdict(PortAvailability.check(check, List.of(), "", port,
                    "tcp"), "k").verdict(), "all interfaces include the one in use");
        }
        PortProbe.Result free = PortProbe.verdict(PortAvailability.check(check, List.of(), "127.0.0.1", port, "tcp"),
                "k");
        assertEquals(PortProbe.Verdict.FREE, free.verdict());
        assertEquals("free", free.text());
        assertEquals("", free.problem(), "a free port does not block");
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsReportedAndBlocks() {
        PortProbe.Result result = PortProbe.verdict(PortAvailability.check(check, List.of(), "192.0.2.1", 8080, "tcp"),
                "k");
        assertEquals(PortProbe.Verdict.NO_ADDRESS, result.verdict());
        assertEquals("this machine has no address 192.0.2.1", result.text());
        assertTrue(!result.problem().isEmpty());
    }
}
