package dev.berth.desktop.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortProbeTest {

    @Test
    void aListeningPortIsInUseAndAFreedOneIsFree() throws Exception {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = listener.getLocalPort();
            PortProbe.Result taken = PortProbe.check("127.0.0.1", port, "tcp");
            assertEquals(PortProbe.Verdict.UNAVAILABLE, taken.verdict());
            assertEquals("in use on this machine", taken.text());
            assertEquals(PortProbe.Verdict.UNAVAILABLE, PortProbe.check("", port, "tcp").verdict(),
                    "all interfaces include the one in use");
        }
        assertEquals(PortProbe.Verdict.FREE, PortProbe.check("127.0.0.1", port, "tcp").verdict());
    }

    @Test
    void anAddressThisMachineDoesNotHaveIsReported() {
        PortProbe.Result result = PortProbe.check("192.0.2.1", 8080, "tcp");
        assertEquals(PortProbe.Verdict.UNAVAILABLE, result.verdict());
        assertEquals("this machine has no address 192.0.2.1", result.text());
    }
}
