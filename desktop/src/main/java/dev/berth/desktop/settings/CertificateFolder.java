package dev.berth.desktop.settings;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.tls.CertificateSummary;
import dev.berth.remote.tls.PemFiles;
import dev.berth.remote.tls.TlsMaterialException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A folder of certificates the engine's TLS listener can use, checked as the engine will use it: ca.pem,
 * server-cert.pem and server-key.pem readable, the key unencrypted and matching the certificate, the certificate
 * issued by that CA for servers and valid now.
 *
 * @param folder       the folder
 * @param server       the server certificate: its hosts and expiry are what users need to know
 * @param clientBundle whether cert.pem and key.pem (a client certificate, as the wizard writes it) are there too
 */
record CertificateFolder(Path folder, CertificateSummary server, boolean clientBundle) {

    private static final Texts T = Texts.of(CertificateFolder.class);

    /** The folder's certificates, or a problem in words. Blocking file I/O. */
    static Result check(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return Result.problem(T.get("folder.empty"));
        }
        Path folder;
        try {
            folder = Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return Result.problem(T.get("folder.notFolder", text.strip()));
        }
        if (!Files.isDirectory(folder)) {
            return Result.problem(T.get("folder.notFolder", folder));
        }
        for (String name : List.of(RemoteAccess.CA, RemoteAccess.SERVER_CERT, RemoteAccess.SERVER_KEY)) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                return Result.problem(T.get("folder.missing", name, folder));
            }
            if (!Files.isReadable(file)) {
                return Result.problem(T.get("folder.unreadable", file));
            }
        }
        Path caFile = folder.resolve(RemoteAccess.CA);
        Path certFile = folder.resolve(RemoteAccess.SERVER_CERT);
        Path keyFile = folder.resolve(RemoteAccess.SERVER_KEY);
        try {
            X509Certificate ca = PemFiles.readCertificates(caFile).get(0);
            X509Certificate server = PemFiles.readCertificates(certFile).get(0);
            if (PemFiles.isEncryptedPrivateKey(keyFile)) {
                return Result.problem(T.get("key.encrypted", keyFile));
            }
            PrivateKey key = PemFiles.readPrivateKey(keyFile, null);
            PemFiles.requireKeyMatches(key, keyFile, server, certFile);
            if (!server.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || !signedBy(server, ca)) {
                return Result.problem(T.get("cert.notSignedByCa", RemoteAccess.SERVER_CERT, RemoteAccess.CA));
            }
            Instant now = clock.instant();
            CertificateSummary summary = CertificateSummary.of(server, clock);
            if (now.isAfter(server.getNotAfter().toInstant())) {
                return Result.problem(T.get("cert.expired", RemoteAccess.SERVER_CERT, summary.notAfter().toString()));
            }
            if (now.isBefore(server.getNotBefore().toInstant())) {
                return Result.problem(T.get("cert.notYetValid", RemoteAccess.SERVER_CERT,
                        summary.notBefore().toString()));
            }
            if (now.isAfter(ca.getNotAfter().toInstant())) {
                return Result.problem(T.get("cert.expired", RemoteAccess.CA, ca.getNotAfter().toInstant().toString()));
            }
            if (!summary.extendedKeyUsages().isEmpty() && !summary.extendedKeyUsages().contains("serverAuth")) {
                return Result.problem(T.get("cert.notServer", RemoteAccess.SERVER_CERT));
            }
            boolean client = Files.isReadable(folder.resolve("cert.pem")) && Files.isReadable(folder.resolve("key.pem"));
            return new Result(new CertificateFolder(folder, summary, client), null);
        } catch (TlsMaterialException e) {
            return Result.problem(e.getMessage()); // names the file and what is wrong with it
        }
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The hosts the certificate is valid for, as a client may address the engine. */
    List<String> hosts() {
        return server.subjectAlternativeNames();
    }

    /** The checked folder, or why it cannot be used. */
    record Result(CertificateFolder folder, String problem) {

        static Result problem(String problem) {
            return new Result(null, problem);
        }

        boolean ok() {
            return folder != null;
        }
    }
}
