package dev.berth.remote.tls;

import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A CA certificate with its private key: what is needed to issue server and client certificates. */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key) {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    public static final String CERT_FILE = BundleFile.Role.CA_CERT.fileName();
    public static final String KEY_FILE = BundleFile.Role.CA_KEY.fileName();

    /** Loads {@code ca.pem} and {@code ca-key.pem} from {@code caDir}. */
    public static CertificateAuthority load(Path caDir, char[] passphrase) throws TlsMaterialException {
        return load(caDir.resolve(CERT_FILE), caDir.resolve(KEY_FILE), passphrase);
    }

    /**
     * Loads and checks a CA: the first certificate in {@code certPem} must be a CA allowed to sign
     * certificates, currently valid, and belong to the key in {@code keyPem}.
     */
    public static CertificateAuthority load(Path certPem, Path keyPem, char[] passphrase) throws TlsMaterialException {
        List<X509Certificate> certificates = PemFiles.readCertificates(certPem);
        X509Certificate certificate = certificates.get(0);
        if (certificates.size() > 1) {
            log.info("{} holds {} certificates; issuing with the first ({})", certPem, certificates.size(),
                    certificate.getSubjectX500Principal().getName());
        }
        String subject = certificate.getSubjectX500Principal().getName();
        if (certificate.getBasicConstraints() < 0) {
            throw new TlsMaterialException(Problem.INVALID_CERTIFICATE, certPem, certPem + " is not a CA certificate"
                    + " (subject " + subject + " lacks basicConstraints CA:TRUE)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length <= 5 || !usage[5])) {
            throw new TlsMaterialException(Problem.INVALID_CERTIFICATE, certPem, certPem
                    + " is a CA certificate whose keyUsage does not allow signing certificates (keyCertSign)");
        }
        if (Instant.now().isAfter(certificate.getNotAfter().toInstant())) {
            throw new TlsMaterialException(Problem.INVALID_CERTIFICATE, certPem, "the CA certificate " + certPem
                    + " expired on " + certificate.getNotAfter().toInstant() + "; create a new CA");
        }
        PrivateKey key = PemFiles.readPrivateKey(keyPem, passphrase);
        PemFiles.requireKeyMatches(key, keyPem, certificate, certPem);
        return new CertificateAuthority(certificate, key);
    }
}
