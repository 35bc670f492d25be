package dev.berth.desktop.tlswizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.HostNames;
import dev.berth.remote.tls.PemFiles;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.tls.TlsMaterialException;
import dev.berth.remote.tls.TlsUsageText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate wizard's parts that need no window: texts, the output-folder check, client-only issuing. */
class TlsWizardPiecesTest {

    @TempDir
    Path temp;

    private TlsBundle bundle(Path dir, char[] passphrase) {
        TlsBundleRequest request = TlsBundleRequest.of(dir, List.of("docker.example.lan", "10.0.0.5"));
        return new TlsBundleGenerator().generate(passphrase == null ? request : request.withCaPassphrase(passphrase));
    }

    @Test
    void theSystemdDropInResetsExecStartAndUsesTheSameTlsFlagsAsTheDockerdLine() {
        TlsBundle bundle = bundle(temp.resolve("with space"), null);
        TlsUsageText usage = TlsUsageText.of(bundle, "docker.example.lan", 2376);
        String dropIn = SystemdDropIn.of(usage, "/usr/sbin/dockerd", 2376);
        String flags = SystemdDropIn.tlsFlags(usage, 2376);
        assertEquals(usage.dockerdCommand(), "dockerd " + flags + " -H=0.0.0.0:2376");
        assertTrue(flags.startsWith("--tlsverify --tlscacert='" + temp.resolve("with space/ca.pem") + "'"), flags);
        List<String> lines = dropIn.lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(List.of("[Service]", "ExecStart=", "ExecStart=/usr/sbin/dockerd -H fd:// -H tcp://0.0.0.0:2376 "
                + flags + " --containerd=/run/containerd/containerd.sock"), lines);
    }

    @Test
    void hostSuggestionsAreValidCertificateNamesEndingWithLoopback() {
        List<String> hosts = HostSuggestions.forThisMachine();
        assertTrue(hosts.stream().allMatch(HostNames::isValid), hosts.toString());
        assertEquals(List.of("localhost", "127.0.0.1"), hosts.subList(hosts.size() - 2, hosts.size()));
        assertFalse(hosts.stream().anyMatch(h -> h.startsWith("fe80")), "link-local addresses need zone ids");
    }

    @Test
    void ipv6SuggestionsAreWrittenTheShortWay() throws Exception {
        assertEquals("fd00::2", HostSuggestions.compressed((java.net.Inet6Address) java.net.InetAddress.getByName(
                "fd00:0:0:0:0:0:0:2")));
        assertEquals("2001:db8:0:1::1", HostSuggestions.compressed((java.net.Inet6Address) java.net.InetAddress
                .getByName("2001:db8:0:1:0:0:0:1")));
        assertEquals("::1", HostSuggestions.compressed((java.net.Inet6Address) java.net.InetAddress.getByName("::1")));
        assertEquals("2001:db8::", HostSuggestions.compressed((java.net.Inet6Address) java.net.InetAddress
                .getByName("2001:db8:0:0:0:0:0:0")));
        assertEquals("2001:db8:1:1:1:1:1:1", HostSuggestions.compressed((java.net.Inet6Address) java.net.InetAddress
                .getByName("2001:db8:1:1:1:1:1:1")));
    }

    @Test
    void theOutputFolderCheckNamesFilesItWouldReplaceAndRefusesOtherKeys() throws Exception {
        Path out = temp.resolve("out");
        assertEquals("", OutputFolder.problem(out, EnumSet.allOf(Role.class), false), "a new folder is fine");
        bundle(out, null);
        assertEquals("This folder already holds ca.pem, ca-key.pem, server-cert.pem, server-key.pem, cert.pem, key.pem."
                + " Tick \"Replace existing files\" or choose another folder.",
                OutputFolder.problem(out, EnumSet.allOf(Role.class), false));
        assertEquals("", OutputFolder.problem(out, EnumSet.allOf(Role.class), true));
        Files.writeString(out.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n");
        assertEquals("This folder holds other private keys (id_ed25519): choose a folder of its own for these"
                + " certificates.", OutputFolder.problem(out, EnumSet.allOf(Role.class), true));
        Path file = temp.resolve("file");
        Files.writeString(file, "x");
        assertEquals(file + " is a file, not a folder.", OutputFolder.problem(file, EnumSet.allOf(Role.class), false));
    }

    @Test
    void issuingIntoTheCasOwnFolderLeavesItsCaPemAlone() {
        Path ca = temp.resolve("ca");
        bundle(ca, null);
        assertEquals(EnumSet.of(Role.SERVER_CERT, Role.SERVER_KEY, Role.CLIENT_CERT, Role.CLIENT_KEY),
                OutputFolder.rolesWritten(ca, ca, false));
        assertEquals(EnumSet.of(Role.CLIENT_CERT, Role.CLIENT_KEY), OutputFolder.rolesWritten(ca, ca, true));
        assertEquals(EnumSet.of(Role.CA_CERT, Role.CLIENT_CERT, Role.CLIENT_KEY),
                OutputFolder.rolesWritten(temp.resolve("new"), ca, true));
    }

    @Test
    void aClientCertificateFromAnExistingCaComesAloneWithoutAServerKey() throws Exception {
        Path ca = temp.resolve("ca");
        TlsBundle authority = bundle(ca, "secret-pass".toCharArray());
        Path out = temp.resolve("bob");
        TlsBundle issued = ClientCertificateIssuer.issue(new TlsBundleGenerator(), TlsBundleRequest.of(out,
                List.of("docker.example.lan")).withExistingCa(ca).withCaPassphrase("secret-pass".toCharArray())
                .withClientName("bob"));

        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("ca.pem", "cert.pem", "key.pem"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem"))));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("cert.pem"))));
        assertEquals("CN=bob", issued.client().subject());
        X509Certificate cert = PemFiles.readCertificates(out.resolve("cert.pem")).get(0);
        X509Certificate caCert = PemFiles.readCertificates(ca.resolve("ca.pem")).get(0);
        cert.verify(caCert.getPublicKey());
        assertEquals(authority.ca().sha256Fingerprint(), issued.ca().sha256Fingerprint());
        assertEquals(List.of(Role.CA_CERT, Role.CLIENT_CERT, Role.CLIENT_KEY),
                issued.files().stream().map(f -> f.role()).toList());

        // once more into the same folder: refused without overwrite, and the refusal writes nothing
        TlsMaterialException refused = assertThrows(TlsMaterialException.class, () -> ClientCertificateIssuer.issue(
                new TlsBundleGenerator(), TlsBundleRequest.of(out, List.of("docker.example.lan")).withExistingCa(ca)
                        .withCaPassphrase("secret-pass".toCharArray()).withClientName("carol")));
        assertEquals(TlsMaterialException.Problem.TARGET_EXISTS, refused.problem());
        assertTrue(refused.getMessage().contains("cert.pem, key.pem"), refused.getMessage());
        assertFalse(refused.getMessage().contains("ca.pem,"), "the same ca.pem is no conflict: " + refused.getMessage());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count());
        }

        // a wrong passphrase fails before anything is written
        Path other = temp.resolve("carol");
        TlsMaterialException wrong = assertThrows(TlsMaterialException.class, () -> ClientCertificateIssuer.issue(
                new TlsBundleGenerator(), TlsBundleRequest.of(other, List.of("x.lan")).withExistingCa(ca)
                        .withCaPassphrase("nope".toCharArray())));
        assertEquals(TlsMaterialException.Problem.WRONG_PASSPHRASE, wrong.problem());
        assertFalse(Files.exists(other), "nothing is written, not even the folder");
    }
}
