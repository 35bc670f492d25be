package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.remote.tls.BundleFile.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What we generate must satisfy OpenSSL the same way Docker's openssl-made bundle does. */
class OpenSslInteropTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireOpenSsl() {
        OpenSsl.assumeAvailable();
    }

    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void opensslAcceptsTheChainForTheRightPurposesOnly(KeyType keyType) throws Exception {
        Path out = tmp.resolve("bundle");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(out, List.of("docker.example.lan", "127.0.0.1", "::1"))
                .withKeyType(keyType));

        assertEquals("server-cert.pem: OK\n",
                OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "server-cert.pem"));
        assertEquals("cert.pem: OK\n", OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "cert.pem"));

        OpenSsl.Result serverAsClient = OpenSsl.run(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient",
                "server-cert.pem");
        assertFalse(serverAsClient.ok(), "the server certificate must not work as a client certificate");
        assertTrue(serverAsClient.output().contains("unsuitable certificate purpose"), serverAsClient.output());
        OpenSsl.Result clientAsServer = OpenSsl.run(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "cert.pem");
        assertFalse(clientAsServer.ok(), "the client certificate must not work as a server certificate");

        // SAN matching as a TLS client would do it.
        OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-verify_hostname", "docker.example.lan", "server-cert.pem");
        OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-verify_ip", "::1", "server-cert.pem");
        assertFalse(OpenSsl.run(out, "verify", "-CAfile", "ca.pem", "-verify_hostname", "other.example.lan",
                "server-cert.pem").ok());

        for (String key : List.of("ca-key.pem", "server-key.pem", "key.pem")) {
            OpenSsl.ok(out, "pkey", "-in", key, "-noout");
        }
        // openssl agrees that each key belongs to its certificate.
        assertEquals(OpenSsl.ok(out, "x509", "-in", "cert.pem", "-noout", "-pubkey"),
                OpenSsl.ok(out, "pkey", "-in", "key.pem", "-pubout"));
        assertEquals(OpenSsl.ok(out, "x509", "-in", "server-cert.pem", "-noout", "-pubkey"),
                OpenSsl.ok(out, "pkey", "-in", "server-key.pem", "-pubout"));

        String ca = OpenSsl.ok(out, "x509", "-in", "ca.pem", "-noout", "-text");
        assertTrue(ca.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"), ca);
        assertTrue(ca.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"), ca);
        String server = OpenSsl.ok(out, "x509", "-in", "server-cert.pem", "-noout", "-text");
        assertTrue(server.contains("DNS:docker.example.lan, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), server);
        assertTrue(server.contains("TLS Web Server Authentication"), server);
    }

    @Test
    void opensslDecryptsTheEncryptedCaKey() throws Exception {
        Path out = tmp.resolve("enc");
        new TlsBundleGenerator().generate(TlsBundleRequest.of(out, List.of("h")).withCaPassphrase("open sesame".toCharArray()));
        Files.writeString(tmp.resolve("pass.txt"), "open sesame\n");
        Files.writeString(tmp.resolve("wrong.txt"), "closed\n");

        String info = OpenSsl.ok(out, "asn1parse", "-in", "ca-key.pem");
        assertTrue(info.contains("PBES2") && info.contains("aes-256-cbc") && info.contains("hmacWithSHA256"), info);
        OpenSsl.ok(out, "pkey", "-in", "ca-key.pem", "-noout", "-passin", "file:" + tmp.resolve("pass.txt"));
        assertFalse(OpenSsl.run(out, "pkey", "-in", "ca-key.pem", "-noout", "-passin",
                "file:" + tmp.resolve("wrong.txt")).ok());
    }

    /** Users following Docker's guide first have an openssl-made CA; we must be able to issue from it. */
    @Test
    void issuesFromAnOpensslMadeCa() throws Exception {
        Path caDir = Files.createDirectories(tmp.resolve("guide-ca"));
        OpenSsl.ok(caDir, "req", "-x509", "-new", "-newkey", "rsa:2048", "-sha256", "-days", "30",
                "-keyout", "ca-key.pem", "-out", "ca.pem", "-subj", "/CN=Guide CA", "-passout", "pass:guide");

        Path out = tmp.resolve("from-guide");
        TlsBundle bundle = new TlsBundleGenerator().generate(TlsBundleRequest.of(out, List.of("docker.example.lan"))
                .withExistingCa(caDir).withCaPassphrase("guide".toCharArray()));

        assertEquals("CN=Guide CA", bundle.ca().subject());
        assertEquals(bundle.ca().notAfter(), bundle.server().notAfter(), "clamped to the 30-day CA");
        assertEquals(1, bundle.warnings().size());
        assertEquals("server-cert.pem: OK\n",
                OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslserver", "server-cert.pem"));
        assertEquals("cert.pem: OK\n", OpenSsl.ok(out, "verify", "-CAfile", "ca.pem", "-purpose", "sslclient", "cert.pem"));
        assertFalse(Files.exists(bundle.path(Role.CA_KEY)));
    }
}
