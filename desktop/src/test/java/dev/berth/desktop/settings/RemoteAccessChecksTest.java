package dev.berth.desktop.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks behind the remote-access fields, on real certificates from the wizard's generator and real sockets. */
class RemoteAccessChecksTest {

    @TempDir
    Path temp;

    @BeforeAll
    static void english() {
        Texts.useLocale(Locale.ENGLISH);
    }

    private Path bundle(String name) throws Exception {
        Path dir = temp.resolve(name);
        new TlsBundleGenerator().generate(TlsBundleRequest.of(dir, List.of("localhost", "127.0.0.1")));
        return dir;
    }

    @Test
    void theWizardsFolderChecksOutWithItsHostsAndExpiry() throws Exception {
        Path certs = bundle("certs");
        CertificateFolder.Result result = CertificateFolder.check(certs.toString(), Clock.systemUTC());
        assertNull(result.problem());
        assertEquals(List.of("localhost", "127.0.0.1"), result.folder().hosts());
        assertTrue(result.folder().server().daysUntilExpiry() > 300);
        assertTrue(result.folder().clientBundle());
        assertEquals("127.0.0.1", SettingsViewModel.clientHost("127.0.0.1", result.folder()));
        assertEquals("localhost", SettingsViewModel.clientHost("0.0.0.0", result.folder()));
    }

    @Test
    void aFolderMissingTheServerKeyIsRefusedByName() throws Exception {
        Path certs = bundle("certs");
        Files.delete(certs.resolve("server-key.pem"));
        String problem = CertificateFolder.check(certs.toString(), Clock.systemUTC()).problem();
        assertEquals("There is no server-key.pem in " + certs + ". Choose the folder the certificate wizard wrote, "
                + "or generate certificates.", problem);
    }

    @Test
    void aServerCertificateFromAnotherCaIsRefused() throws Exception {
        Path certs = bundle("certs");
        Path other = bundle("other");
        Files.copy(other.resolve("ca.pem"), certs.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String problem = CertificateFolder.check(certs.toString(), Clock.systemUTC()).problem();
        assertNotNull(problem);
        assertTrue(problem.startsWith("server-cert.pem was not issued by the CA in ca.pem"), problem);
    }

    @Test
    void anExpiredServerCertificateIsRefusedWithItsDate() throws Exception {
        Path certs = bundle("certs");
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
        String problem = CertificateFolder.check(certs.toString(), later).problem();
        assertNotNull(problem);
        assertTrue(problem.startsWith("server-cert.pem expired on "), problem);
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
        Path certs = bundle("certs");
        Files.copy(bundle("other").resolve("server-key.pem"), certs.resolve("server-key.pem"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        String problem = CertificateFolder.check(certs.toString(), Clock.systemUTC()).problem();
        assertNotNull(problem);
        assertTrue(problem.contains("server-key.pem"), problem);
    }

    @Test
    void theAddressMustBeThisMachines() {
        assertNull(ListenerChecks.addressProblem("0.0.0.0"));
        assertNull(ListenerChecks.addressProblem("::"));
        assertNull(ListenerChecks.addressProblem("127.0.0.1"));
        assertEquals("192.0.2.1 is not an IP address of this machine. Enter one of its addresses, or 0.0.0.0 (or ::)"
                + " for all.", ListenerChecks.addressProblem("192.0.2.1"));
        assertNotNull(ListenerChecks.addressProblem("localhost"), "a name is not looked up");
        assertNotNull(ListenerChecks.addressProblem(""));
    }

    @Test
    void thePortMustBeANumberInRangeAndFree() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (String bad : List.of("0", "65536", "http", "", "-1")) {
            assertEquals("Enter a port from 1 to 65535.", ListenerChecks.portProblem(bad, loopback, Set.of()), bad);
        }
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(loopback, 0));
            String port = Integer.toString(taken.getLocalPort());
            String problem = ListenerChecks.portProblem(port, loopback, Set.of());
            assertNotNull(problem);
            assertTrue(problem.startsWith("Port " + port + " is in use on this machine"), problem);
            assertNull(ListenerChecks.portProblem(port, loopback, Set.of(taken.getLocalPort())),
                    "the port the engine itself listens on is freed by the restart");
        }
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertNull(ListenerChecks.portProblem(Integer.toString(free), loopback, Set.of()));
        assertFalse(ListenerChecks.port("2376") < 0);
    }
}
