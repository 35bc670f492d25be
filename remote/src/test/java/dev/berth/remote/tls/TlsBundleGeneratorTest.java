package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsBundleGeneratorTest {

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SKI = "2.5.29.14";
    private static final String AKI = "2.5.29.35";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    @TempDir
    Path tmp;

    private final TlsBundleGenerator generator = new TlsBundleGenerator();

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void bundleLooksLikeDockersGuide(KeyType keyType) throws Exception {
        Path out = tmp.resolve("certs");
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(out,
                List.of("docker.example.lan", "localhost", "192.168.1.20", "::1")).withKeyType(keyType));

        assertEquals(Set.of("ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "cert.pem", "key.pem"),
                fileNames(out), "exactly the guide's files, no temp files left behind");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        for (BundleFile file : bundle.files()) {
            String expected = file.role().isKey() ? "r--------" : "r--r--r--";
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())), file.role().name());
            assertEquals(file.role().isKey() ? "0400" : "0444", file.mode());
            String pem = Files.readString(file.path(), StandardCharsets.US_ASCII);
            assertTrue(pem.startsWith(file.role().isKey() ? "-----BEGIN PRIVATE KEY-----\n" : "-----BEGIN CERTIFICATE-----\n"),
                    file.role() + " starts with " + pem.lines().findFirst().orElse(""));
            assertFalse(file.encrypted());
        }
        assertTrue(bundle.newCa());
        assertEquals(out.toAbsolutePath(), bundle.outDir());

        X509Certificate ca = cert(out, "ca.pem");
        X509Certificate server = cert(out, "server-cert.pem");
        X509Certificate client = cert(out, "cert.pem");
        String signatureAlgorithm = keyType == KeyType.EC_P256 ? "SHA256withECDSA" : "SHA256withRSA";

        // CA
        ca.verify(ca.getPublicKey());
        assertEquals(ca.getSubjectX500Principal(), ca.getIssuerX500Principal());
        assertTrue(ca.getSubjectX500Principal().getName().matches("CN=Berth CA [0-9a-f]{8},O=Berth"),
                ca.getSubjectX500Principal().getName());
        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "CA:TRUE without path length limit");
        assertTrue(ca.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
        assertEquals(Set.of(KEY_CERT_SIGN, CRL_SIGN), bits(ca.getKeyUsage()));
        assertArrayEquals(ski(ca), new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.getPublicKey()).getKeyIdentifier());
        assertEquals(signatureAlgorithm, ca.getSigAlgName());
        assertValidity(ca, 3650);

        // server
        server.verify(ca.getPublicKey());
        assertEquals("CN=docker.example.lan", server.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
        assertEquals(List.of("docker.example.lan", "localhost"), bundle.server().dnsNames());
        assertEquals(List.of("192.168.1.20", "::1"), bundle.server().ipAddresses());
        assertEquals(List.of("[2, docker.example.lan]", "[2, localhost]", "[7, 192.168.1.20]", "[7, 0:0:0:0:0:0:0:1]"),
                sans(server));
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
        assertLeafExtensions(server, ca, keyType);
        assertEquals(signatureAlgorithm, server.getSigAlgName());
        assertValidity(server, 365);

        // client
        client.verify(ca.getPublicKey());
        assertEquals("CN=client", client.getSubjectX500Principal().getName());
        assertNull(client.getSubjectAlternativeNames());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), client.getExtendedKeyUsage());
        assertLeafExtensions(client, ca, keyType);
        assertValidity(client, 365);

        // A certificate from this CA does not verify against some other key.
        assertThrows(SignatureException.class, () -> server.verify(client.getPublicKey()));
        assertPkixValid(server, ca);
        assertPkixValid(client, ca);

        // Keys belong to their certificates.
        assertTrue(PemFiles.keyMatches(PemFiles.readPrivateKey(out.resolve("server-key.pem"), null), server.getPublicKey()));
        assertTrue(PemFiles.keyMatches(PemFiles.readPrivateKey(out.resolve("key.pem"), null), client.getPublicKey()));
        assertTrue(PemFiles.keyMatches(PemFiles.readPrivateKey(out.resolve("ca-key.pem"), null), ca.getPublicKey()));

        // Summaries
        assertEquals(keyType.displayName(), bundle.server().keyType());
        assertEquals(365, bundle.server().daysUntilExpiry());
        assertEquals(List.of("serverAuth"), bundle.server().extendedKeyUsages());
        assertEquals(List.of("clientAuth"), bundle.client().extendedKeyUsages());
        assertTrue(bundle.ca().certificateAuthority());
        assertFalse(bundle.client().certificateAuthority());
        assertEquals(3650, bundle.ca().daysUntilExpiry());
        assertEquals(bundle.server(), bundle.file(Role.SERVER_CERT).orElseThrow().certificate());
        assertEquals(95, bundle.server().sha256Fingerprint().length());
        assertTrue(bundle.warnings().isEmpty());
    }

    @Test
    void serialsArePositiveAndAtMostTwentyOctets() throws Exception {
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("b"), List.of("localhost")));
        for (Role role : List.of(Role.CA_CERT, Role.SERVER_CERT, Role.CLIENT_CERT)) {
            BigInteger serial = cert(bundle.outDir(), role.fileName()).getSerialNumber();
            assertTrue(serial.signum() > 0, role + " serial " + serial);
            assertTrue(serial.toByteArray().length <= 20, role + " serial too long");
        }
    }

    @Test
    void passphraseEncryptsOnlyTheCaKey() throws Exception {
        char[] passphrase = "s3cret pass".toCharArray();
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("enc"), List.of("docker.lan"))
                .withCaPassphrase(passphrase));
        Path caKey = bundle.path(Role.CA_KEY);
        assertTrue(Files.readString(caKey).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
        assertTrue(bundle.file(Role.CA_KEY).orElseThrow().encrypted());
        assertTrue(Files.readString(bundle.path(Role.SERVER_KEY)).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(bundle.path(Role.CLIENT_KEY)).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(PemFiles.keyMatches(PemFiles.readPrivateKey(caKey, passphrase), cert(bundle.outDir(), "ca.pem").getPublicKey()));
        assertEquals(Problem.PASSPHRASE_REQUIRED,
                assertThrows(TlsMaterialException.class, () -> PemFiles.readPrivateKey(caKey, null)).problem());
    }

    @Test
    void clientNameAndDays() throws Exception {
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("n"), List.of("10.0.0.5"))
                .withClientName("alice@laptop").withDays(30));
        assertEquals("CN=alice@laptop", bundle.client().subject());
        assertEquals("CN=10.0.0.5", bundle.server().subject());
        assertEquals(List.of("10.0.0.5"), bundle.server().ipAddresses());
        assertEquals(List.of(), bundle.server().dnsNames());
        assertEquals(30, bundle.server().daysUntilExpiry());
        assertEquals(30, bundle.client().daysUntilExpiry());
        assertEquals(3650, bundle.ca().daysUntilExpiry(), "a new CA outlives its first leaves");
    }

    @Test
    void newCaIsValidAtLeastAsLongAsRequestedWhenThatExceedsTenYears() {
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("long"), List.of("h")).withDays(4000));
        assertEquals(4000, bundle.ca().daysUntilExpiry());
        assertEquals(4000, bundle.server().daysUntilExpiry());
    }

    @Test
    void refusesToOverwriteAndLeavesExistingFilesAlone() throws Exception {
        Path out = tmp.resolve("twice");
        generator.generate(TlsBundleRequest.of(out, List.of("localhost")));
        byte[] before = Files.readAllBytes(out.resolve("ca.pem"));

        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> generator.generate(TlsBundleRequest.of(out, List.of("localhost"))));
        assertEquals(Problem.TARGET_EXISTS, e.problem());
        assertTrue(e.getMessage().contains("already contains ca.pem, ca-key.pem, server-cert.pem, server-key.pem,"
                + " cert.pem, key.pem"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("ca.pem")));

        TlsBundle replaced = generator.generate(TlsBundleRequest.of(out, List.of("localhost")).withOverwrite(true));
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(out.resolve("ca.pem"))), "CA replaced");
        assertEquals(6, replaced.files().size());
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("key.pem"))));
        assertEquals(6, fileNames(out).size(), "no temp files left");
    }

    @Test
    void oneExistingFileIsEnoughToRefuseAndNothingElseIsWritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("partial"));
        Files.writeString(out.resolve("key.pem"), "mine");
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> generator.generate(TlsBundleRequest.of(out, List.of("localhost"))));
        assertEquals(out.resolve("key.pem"), e.file());
        assertTrue(e.getMessage().endsWith("already contains key.pem; choose another directory or overwrite (--force)"),
                e.getMessage());
        assertEquals(Set.of("key.pem"), fileNames(out));
    }

    @Test
    void outputPathThatIsAFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        TlsMaterialException e = assertThrows(TlsMaterialException.class,
                () -> generator.generate(TlsBundleRequest.of(file, List.of("localhost"))));
        assertEquals(Problem.WRITE_FAILED, e.problem());
        assertTrue(e.getMessage().endsWith("exists and is not a directory"), e.getMessage());
    }

    @Test
    void reusesAnEncryptedExistingCa() throws Exception {
        char[] passphrase = "ca pass".toCharArray();
        Path caDir = tmp.resolve("ca");
        TlsBundle first = generator.generate(TlsBundleRequest.of(caDir, List.of("one.lan")).withCaPassphrase(passphrase));

        Path out = tmp.resolve("second");
        TlsBundle second = generator.generate(TlsBundleRequest.of(out, List.of("two.lan")).withKeyType(KeyType.RSA_2048)
                .withExistingCa(caDir).withCaPassphrase(passphrase));

        assertFalse(second.newCa());
        assertEquals(Set.of("ca.pem", "server-cert.pem", "server-key.pem", "cert.pem", "key.pem"), fileNames(out));
        assertArrayEquals(Files.readAllBytes(caDir.resolve("ca.pem")), Files.readAllBytes(out.resolve("ca.pem")));
        assertEquals(first.ca(), second.ca());
        X509Certificate ca = cert(caDir, "ca.pem");
        X509Certificate server = cert(out, "server-cert.pem");
        server.verify(ca.getPublicKey());
        cert(out, "cert.pem").verify(ca.getPublicKey());
        assertPkixValid(server, ca);
        // The leaf is RSA although the CA is EC: the CA's key decides the signature algorithm.
        assertTrue(server.getPublicKey() instanceof RSAPublicKey);
        assertEquals("SHA256withECDSA", server.getSigAlgName());
        assertEquals(Set.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT), bits(server.getKeyUsage()));
        assertArrayEquals(ski(ca), aki(server));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("ca.pem"))));
    }

    @Test
    void existingCaWithWrongOrMissingPassphraseWritesNothing() {
        Path caDir = tmp.resolve("ca");
        generator.generate(TlsBundleRequest.of(caDir, List.of("one.lan")).withCaPassphrase("right".toCharArray()));
        Path out = tmp.resolve("never");

        TlsMaterialException wrong = assertThrows(TlsMaterialException.class, () -> generator.generate(
                TlsBundleRequest.of(out, List.of("two.lan")).withExistingCa(caDir).withCaPassphrase("wrong".toCharArray())));
        assertEquals(Problem.WRONG_PASSPHRASE, wrong.problem());
        assertEquals("wrong passphrase for the private key in " + caDir.resolve("ca-key.pem"), wrong.getMessage());

        TlsMaterialException missing = assertThrows(TlsMaterialException.class, () -> generator.generate(
                TlsBundleRequest.of(out, List.of("two.lan")).withExistingCa(caDir)));
        assertEquals(Problem.PASSPHRASE_REQUIRED, missing.problem());
        assertTrue(missing.getMessage().contains("is encrypted and no passphrase was given"), missing.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void reissuesInPlaceKeepingTheCa() throws Exception {
        Path dir = tmp.resolve("inplace");
        TlsBundle first = generator.generate(TlsBundleRequest.of(dir, List.of("old.lan")));
        byte[] caPem = Files.readAllBytes(dir.resolve("ca.pem"));

        TlsBundle second = generator.generate(TlsBundleRequest.of(dir, List.of("new.lan"))
                .withExistingCa(dir).withOverwrite(true));

        assertTrue(second.file(Role.CA_CERT).isEmpty(), "ca.pem left alone");
        assertArrayEquals(caPem, Files.readAllBytes(dir.resolve("ca.pem")));
        assertEquals(first.ca(), second.ca());
        assertEquals(List.of("new.lan"), second.server().dnsNames());
        cert(dir, "server-cert.pem").verify(cert(dir, "ca.pem").getPublicKey());
    }

    @Test
    void leavesDoNotOutliveAReusedCa() throws Exception {
        Path caDir = tmp.resolve("old-ca");
        Clock tenYearsAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(3640)), ZoneOffset.UTC);
        new TlsBundleGenerator(new SecureRandom(), tenYearsAgo).generate(TlsBundleRequest.of(caDir, List.of("h")));

        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("o"), List.of("h")).withExistingCa(caDir));

        assertEquals(bundle.ca().notAfter(), bundle.server().notAfter());
        assertEquals(bundle.ca().notAfter(), bundle.client().notAfter());
        assertEquals(10, bundle.server().daysUntilExpiry());
        assertEquals(1, bundle.warnings().size());
        assertTrue(bundle.warnings().get(0).contains("expire with the CA"), bundle.warnings().get(0));
    }

    @Test
    void refusesALeafCertificateAsCa() throws Exception {
        TlsBundle bundle = generator.generate(TlsBundleRequest.of(tmp.resolve("b"), List.of("h")));
        Path fakeCa = Files.createDirectories(tmp.resolve("fake-ca"));
        Files.copy(bundle.path(Role.SERVER_CERT), fakeCa.resolve("ca.pem"));
        Files.copy(bundle.path(Role.SERVER_KEY), fakeCa.resolve("ca-key.pem"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> generator.generate(
                TlsBundleRequest.of(tmp.resolve("o"), List.of("h")).withExistingCa(fakeCa)));
        assertEquals(Problem.INVALID_CERTIFICATE, e.problem());
        assertTrue(e.getMessage().contains("is not a CA certificate"), e.getMessage());
    }

    @Test
    void refusesACaWhoseKeyIsAnotherOne() throws Exception {
        TlsBundle a = generator.generate(TlsBundleRequest.of(tmp.resolve("a"), List.of("h")));
        TlsBundle b = generator.generate(TlsBundleRequest.of(tmp.resolve("b"), List.of("h")));
        Path mixed = Files.createDirectories(tmp.resolve("mixed"));
        Files.copy(a.path(Role.CA_CERT), mixed.resolve("ca.pem"));
        Files.copy(b.path(Role.CA_KEY), mixed.resolve("ca-key.pem"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> generator.generate(
                TlsBundleRequest.of(tmp.resolve("o"), List.of("h")).withExistingCa(mixed)));
        assertEquals(Problem.KEY_MISMATCH, e.problem());
    }

    @Test
    void missingCaFiles() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> generator.generate(
                TlsBundleRequest.of(tmp.resolve("o"), List.of("h")).withExistingCa(empty)));
        assertEquals(Problem.FILE_NOT_FOUND, e.problem());
        assertEquals("certificate file " + empty.resolve("ca.pem") + " does not exist", e.getMessage());
    }

    @Test
    void requestValidation() {
        Path out = tmp.resolve("x");
        assertEquals("at least one host (DNS name or IP address) is required",
                assertThrows(IllegalArgumentException.class, () -> TlsBundleRequest.of(out, List.of())).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TlsBundleRequest.of(out, List.of("ok", "bad_host")))
                .getMessage().startsWith("'bad_host'"));
        assertThrows(IllegalArgumentException.class, () -> TlsBundleRequest.of(out, List.of("h")).withDays(0));
        assertThrows(IllegalArgumentException.class, () -> TlsBundleRequest.of(out, List.of("h")).withDays(36_501));
        assertEquals(36_500, TlsBundleRequest.of(out, List.of("h")).withDays(36_500).days());
        assertEquals("client name must not be empty", assertThrows(IllegalArgumentException.class,
                () -> TlsBundleRequest.of(out, List.of("h")).withClientName("  ")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsBundleRequest.of(out, List.of("h")).withClientName("x".repeat(65)));

        TlsBundleRequest defaults = TlsBundleRequest.of(out, List.of("Docker.LAN", "docker.lan", "[::1]"));
        assertEquals(List.of("docker.lan", "::1"), defaults.hosts(), "normalised and de-duplicated");
        assertEquals("client", defaults.clientName());
        assertEquals(KeyType.EC_P256, defaults.keyType());
        assertEquals(365, defaults.days());
        assertFalse(TlsBundleRequest.of(out, List.of("h")).withCaPassphrase("hunter2".toCharArray()).toString()
                .contains("hunter2"));
    }

    @Test
    void rsa4096KeysHaveTheRequestedSize() throws GeneralSecurityException {
        // One key only: a whole RSA-4096 bundle takes seconds.
        RSAPublicKey key = (RSAPublicKey) KeyType.RSA_4096.generate(new SecureRandom()).getPublic();
        assertEquals(4096, key.getModulus().bitLength());
        assertEquals(KeyType.RSA_4096, KeyType.fromCliName("RSA4096"));
        assertEquals("ec, rsa2048, rsa4096", KeyType.cliNames());
        assertThrows(IllegalArgumentException.class, () -> KeyType.fromCliName("dsa"));
    }

    private static void assertLeafExtensions(X509Certificate leaf, X509Certificate ca, KeyType keyType) throws Exception {
        assertEquals(-1, leaf.getBasicConstraints(), "CA:FALSE");
        assertTrue(leaf.getCriticalExtensionOIDs().containsAll(Set.of(BASIC_CONSTRAINTS, KEY_USAGE)));
        assertTrue(leaf.getExtensionValue(BASIC_CONSTRAINTS) != null, "basicConstraints present");
        Set<Integer> expectedUsage = keyType == KeyType.EC_P256 ? Set.of(DIGITAL_SIGNATURE)
                : Set.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
        assertEquals(expectedUsage, bits(leaf.getKeyUsage()));
        assertArrayEquals(ski(ca), aki(leaf), "AKI points at the CA's SKI");
        assertTrue(leaf.getExtensionValue(SKI) != null);
        assertNotEquals(ca.getSerialNumber(), leaf.getSerialNumber());
    }

    private static void assertValidity(X509Certificate cert, int days) {
        Instant now = Instant.now();
        Instant notBefore = cert.getNotBefore().toInstant();
        assertTrue(notBefore.isBefore(now.minus(Duration.ofMinutes(4))) && notBefore.isAfter(now.minus(Duration.ofMinutes(6))),
                "notBefore backdated 5 minutes: " + notBefore);
        Duration left = Duration.between(now, cert.getNotAfter().toInstant());
        assertTrue(left.compareTo(Duration.ofDays(days).minusMinutes(1)) > 0 && left.compareTo(Duration.ofDays(days)) <= 0,
                "valid for " + days + " days: " + left);
    }

    private static void assertPkixValid(X509Certificate leaf, X509Certificate ca) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
        X509Certificate otherCa = PemFiles.readCertificates(new TlsBundleGenerator().generate(
                TlsBundleRequest.of(Files.createTempDirectory("other"), List.of("x"))).path(Role.CA_CERT)).get(0);
        PKIXParameters wrongAnchor = new PKIXParameters(Set.of(new TrustAnchor(otherCa, null)));
        wrongAnchor.setRevocationEnabled(false);
        assertThrows(CertPathValidatorException.class, () -> CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), wrongAnchor));
    }

    static X509Certificate cert(Path dir, String name) {
        return PemFiles.readCertificates(dir.resolve(name)).get(0);
    }

    static Set<String> fileNames(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<Integer> bits(boolean[] usage) {
        Set<Integer> set = new java.util.HashSet<>();
        for (int i = 0; usage != null && i < usage.length; i++) {
            if (usage[i]) {
                set.add(i);
            }
        }
        return set;
    }

    private static List<String> sans(X509Certificate cert) throws Exception {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        return names.stream().map(Object::toString).toList();
    }

    private static byte[] ski(X509Certificate cert) throws Exception {
        return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(cert.getExtensionValue(SKI)))
                .getKeyIdentifier();
    }

    private static byte[] aki(X509Certificate cert) throws Exception {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(cert.getExtensionValue(AKI)));
        assertNull(aki.getAuthorityCertIssuer(), "key-id-only AKI");
        return aki.getKeyIdentifierObject().getOctets();
    }
}
