package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys in every form OpenSSL writes, and the errors users hit with wrong files. */
class PemFilesTest {

    private static final char[] PASSPHRASE = "correct horse".toCharArray();

    @TempDir
    static Path dir;

    static TlsBundle bundle;

    @BeforeAll
    static void bundle() {
        bundle = new TlsBundleGenerator().generate(TlsBundleRequest.of(dir.resolve("bundle"), List.of("localhost")));
    }

    @Nested
    class OpenSslKeys {

        @BeforeAll
        static void generateKeys() throws Exception {
            OpenSsl.assumeAvailable();
            OpenSsl.ok(dir, "genrsa", "-traditional", "-out", "rsa-pkcs1.pem", "2048");
            OpenSsl.ok(dir, "genrsa", "-out", "rsa-pkcs8.pem", "2048");
            OpenSsl.ok(dir, "ecparam", "-name", "prime256v1", "-genkey", "-out", "ec-sec1.pem");
            OpenSsl.ok(dir, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec-sec1-noparams.pem");
            OpenSsl.ok(dir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "ec-sec1.pem", "-out", "ec-pkcs8-enc.pem",
                    "-passout", "pass:" + new String(PASSPHRASE));
            OpenSsl.ok(dir, "genrsa", "-traditional", "-aes256", "-out", "rsa-pkcs1-enc.pem",
                    "-passout", "pass:" + new String(PASSPHRASE), "2048");
            OpenSsl.ok(dir, "genpkey", "-algorithm", "ed25519", "-out", "ed25519.pem");
        }

        @Test
        void pkcs1Rsa() throws Exception {
            assertTrue(header("rsa-pkcs1.pem").contains("BEGIN RSA PRIVATE KEY"));
            PrivateKey key = PemFiles.readPrivateKey(dir.resolve("rsa-pkcs1.pem"), null);
            assertEquals(2048, ((RSAPrivateKey) key).getModulus().bitLength());
        }

        @Test
        void pkcs8Rsa() throws Exception {
            assertTrue(header("rsa-pkcs8.pem").contains("BEGIN PRIVATE KEY"));
            assertTrue(PemFiles.readPrivateKey(dir.resolve("rsa-pkcs8.pem"), null) instanceof RSAPrivateKey);
        }

        @Test
        void sec1EcWithAndWithoutParametersBlock() throws Exception {
            assertTrue(header("ec-sec1.pem").startsWith("-----BEGIN EC PARAMETERS-----"));
            assertTrue(header("ec-sec1-noparams.pem").startsWith("-----BEGIN EC PRIVATE KEY-----"));
            for (String name : List.of("ec-sec1.pem", "ec-sec1-noparams.pem")) {
                PrivateKey key = PemFiles.readPrivateKey(dir.resolve(name), null);
                assertEquals(256, ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize(), name);
            }
        }

        @Test
        void encryptedPkcs8() throws Exception {
            Path file = dir.resolve("ec-pkcs8-enc.pem");
            assertTrue(header("ec-pkcs8-enc.pem").contains("BEGIN ENCRYPTED PRIVATE KEY"));
            assertTrue(PemFiles.isEncryptedPrivateKey(file));
            ECPrivateKey key = (ECPrivateKey) PemFiles.readPrivateKey(file, PASSPHRASE);
            // Same key as the unencrypted source file (the encodings differ, the secret must not).
            assertEquals(((ECPrivateKey) PemFiles.readPrivateKey(dir.resolve("ec-sec1.pem"), null)).getS(), key.getS());
        }

        @Test
        void legacyEncryptedPkcs1() throws Exception {
            Path file = dir.resolve("rsa-pkcs1-enc.pem");
            assertTrue(Files.readString(file).contains("Proc-Type: 4,ENCRYPTED"));
            assertTrue(PemFiles.isEncryptedPrivateKey(file));
            assertTrue(PemFiles.readPrivateKey(file, PASSPHRASE) instanceof RSAPrivateKey);
        }

        @Test
        void ed25519() {
            PrivateKey key = PemFiles.readPrivateKey(dir.resolve("ed25519.pem"), null);
            assertEquals("EdDSA", key.getAlgorithm());
        }

        @Test
        void encryptedKeyWithoutPassphrase() {
            for (String name : List.of("ec-pkcs8-enc.pem", "rsa-pkcs1-enc.pem")) {
                Path file = dir.resolve(name);
                TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readPrivateKey(file, null));
                assertEquals(Problem.PASSPHRASE_REQUIRED, e.problem());
                assertEquals(file, e.file());
                assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("encrypted"), e.getMessage());
            }
        }

        @Test
        void encryptedKeyWithWrongPassphrase() {
            for (String name : List.of("ec-pkcs8-enc.pem", "rsa-pkcs1-enc.pem")) {
                Path file = dir.resolve(name);
                TlsMaterialException e = assertThrows(TlsMaterialException.class,
                        () -> PemFiles.readPrivateKey(file, "wrong".toCharArray()));
                assertEquals(Problem.WRONG_PASSPHRASE, e.problem(), e.getMessage());
                assertTrue(e.getMessage().startsWith("wrong passphrase for the private key in " + file), e.getMessage());
            }
        }

        @Test
        void opensslKeyDoesNotMatchOurCertificate() {
            PrivateKey key = PemFiles.readPrivateKey(dir.resolve("ec-sec1.pem"), null);
            Path certFile = bundle.path(BundleFile.Role.CLIENT_CERT);
            X509Certificate cert = PemFiles.readCertificates(certFile).get(0);
            TlsMaterialException e = assertThrows(TlsMaterialException.class,
                    () -> PemFiles.requireKeyMatches(key, dir.resolve("ec-sec1.pem"), cert, certFile));
            assertEquals(Problem.KEY_MISMATCH, e.problem());
            assertTrue(e.getMessage().contains("does not belong to the certificate in " + certFile), e.getMessage());
            // Different key families are a mismatch too, not an exception.
            assertFalse(PemFiles.keyMatches(PemFiles.readPrivateKey(dir.resolve("rsa-pkcs8.pem"), null), cert.getPublicKey()));
        }

        private String header(String name) throws Exception {
            return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void readsOurOwnKeysAndTheyMatchTheirCertificates() {
        PrivateKey key = PemFiles.readPrivateKey(bundle.path(BundleFile.Role.CLIENT_KEY), null);
        X509Certificate cert = PemFiles.readCertificates(bundle.path(BundleFile.Role.CLIENT_CERT)).get(0);
        assertTrue(PemFiles.keyMatches(key, cert.getPublicKey()));
        X509Certificate serverCert = PemFiles.readCertificates(bundle.path(BundleFile.Role.SERVER_CERT)).get(0);
        assertFalse(PemFiles.keyMatches(key, serverCert.getPublicKey()));
    }

    @Test
    void readsAChainInFileOrder() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(bundle.path(BundleFile.Role.SERVER_CERT))
                + "\n" + Files.readString(bundle.path(BundleFile.Role.CA_CERT)));
        List<X509Certificate> certs = PemFiles.readCertificates(chain);
        assertEquals(2, certs.size());
        assertEquals("CN=localhost", certs.get(0).getSubjectX500Principal().getName());
        assertTrue(certs.get(1).getBasicConstraints() >= 0);
        certs.get(0).verify(certs.get(1).getPublicKey());
    }

    @Test
    void readsKeyAndCertificateFromOneCombinedFile() throws Exception {
        Path combined = dir.resolve("combined.pem");
        Files.writeString(combined, Files.readString(bundle.path(BundleFile.Role.CLIENT_CERT))
                + Files.readString(bundle.path(BundleFile.Role.CLIENT_KEY)));
        X509Certificate cert = PemFiles.readCertificates(combined).get(0);
        assertTrue(PemFiles.keyMatches(PemFiles.readPrivateKey(combined, null), cert.getPublicKey()));
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.pem");
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(missing));
        assertEquals(Problem.FILE_NOT_FOUND, e.problem());
        assertEquals("certificate file " + missing + " does not exist", e.getMessage());
        e = assertThrows(TlsMaterialException.class, () -> PemFiles.readPrivateKey(missing, null));
        assertEquals("private key file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void notPem() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, this is not a certificate\n");
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(text));
        assertEquals(Problem.NOT_PEM, e.problem());
        assertTrue(e.getMessage().startsWith(text + " is not a PEM certificate file"), e.getMessage());

        Path der = dir.resolve("ca.der");
        Files.write(der, PemFiles.readCertificates(bundle.path(BundleFile.Role.CA_CERT)).get(0).getEncoded());
        e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(der));
        assertEquals(Problem.NOT_PEM, e.problem());
        assertTrue(e.getMessage().contains("binary DER"), e.getMessage());
    }

    @Test
    void damagedPem() throws Exception {
        Path broken = dir.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n");
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(broken));
        assertTrue(e.problem() == Problem.NOT_PEM || e.problem() == Problem.INVALID_CERTIFICATE, e.problem().name());
        assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
    }

    @Test
    void swappedCertificateAndKeyFiles() {
        Path cert = bundle.path(BundleFile.Role.CLIENT_CERT);
        Path key = bundle.path(BundleFile.Role.CLIENT_KEY);
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readPrivateKey(cert, null));
        assertEquals(Problem.NO_PRIVATE_KEY, e.problem());
        assertTrue(e.getMessage().contains("contains no private key") && e.getMessage().contains("swapped"), e.getMessage());
        e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(key));
        assertEquals(Problem.NO_CERTIFICATE, e.problem());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
    }

    @Test
    void opensshKeysGetAConversionHint() throws Exception {
        Path ssh = dir.resolve("id_ed25519");
        Files.writeString(ssh, "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                + "-----END OPENSSH PRIVATE KEY-----\n");
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readPrivateKey(ssh, null));
        assertEquals(Problem.UNSUPPORTED, e.problem());
        assertTrue(e.getMessage().contains("ssh-keygen"), e.getMessage());
    }

    @Test
    void directoryInsteadOfFile() {
        TlsMaterialException e = assertThrows(TlsMaterialException.class, () -> PemFiles.readCertificates(dir));
        assertEquals(Problem.UNREADABLE, e.problem());
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }
}
