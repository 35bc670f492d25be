package dev.berth.remote.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.EngineConnectionException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way of not reaching an engine gets its own kind and a message that says what to do. */
class TransportFailuresTest {

    @TempDir
    Path dir;

    private static EngineConnectionException failure(EngineEndpoint endpoint, TransportOptions options) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EngineClient client = EngineClient.connect(endpoint, options)) {
                return assertThrows(EngineConnectionException.class, client::ping);
            }
        });
    }

    private static EngineConnectionException failure(EngineEndpoint endpoint) {
        return failure(endpoint, TransportOptions.DEFAULT);
    }

    @Test
    void missingSocketSaysNoEngineRunsThere() {
        Path socket = dir.resolve("nothing.sock");
        EngineConnectionException e = failure(EngineEndpoint.parse("unix://" + socket, null, "test"));
        assertEquals(Kind.SOCKET_MISSING, e.kind());
        assertTrue(e.getMessage().contains(socket.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void staleSocketWithoutListenerIsRefused() throws IOException {
        Path socket = dir.resolve("stale.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "the JDK leaves the socket file behind, as a crashed engine does");
        EngineConnectionException e = failure(EngineEndpoint.parse("unix://" + socket, null, "test"));
        assertEquals(Kind.CONNECTION_REFUSED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("no engine is listening"), e.getMessage());
    }

    @Test
    void regularFileIsNotASocket() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.sock"), "not a socket");
        EngineConnectionException e = failure(EngineEndpoint.parse("unix://" + file, null, "test"));
        assertEquals(Kind.NOT_A_SOCKET, e.kind(), e.getMessage());
    }

    @Test
    void permissionDeniedNamesTheSocketAndTheRemedy() throws IOException {
        // Root (which runs this suite) is never denied a socket, so the OS error is produced by hand here.
        Path socket = dir.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            EngineConnectionException e = ConnectionFailures.translate(
                    new java.net.SocketException("Permission denied"),
                    EngineEndpoint.parse("unix://" + socket, null, "test"), null);
            assertEquals(Kind.PERMISSION_DENIED, e.kind());
            assertTrue(e.getMessage().contains("permission denied on " + socket), e.getMessage());
        }
    }

    @Test
    void closedTcpPortIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EngineConnectionException e = failure(EngineEndpoint.parse("tcp://127.0.0.1:" + port, null, "test"));
        assertEquals(Kind.CONNECTION_REFUSED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void engineThatNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    Thread.sleep(10_000);
                } catch (IOException | InterruptedException ignored) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            EngineConnectionException e = failure(
                    EngineEndpoint.parse("tcp://127.0.0.1:" + silent.getLocalPort(), null, "test"),
                    TransportOptions.DEFAULT.withReadTimeout(Duration.ofSeconds(1)));
            assertEquals(Kind.READ_TIMEOUT, e.kind(), e.getMessage());
            acceptor.interrupt();
        }
    }
}
