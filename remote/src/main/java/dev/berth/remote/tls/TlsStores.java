package dev.berth.remote.tls;

import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds JSSE trust and key managers from PEM material via in-memory PKCS12 key stores. */
final class TlsStores {

    private static final Logger log = LoggerFactory.getLogger(TlsStores.class);

    static final String IDENTITY_ALIAS = "berth-identity";

    // The store never leaves memory, so this password protects nothing; PKCS12 just insists on one.
    private static final char[] STORE_PASSWORD = "berth-in-memory".toCharArray();

    private TlsStores() {
    }

    /** A certificate chain (leaf first) and the leaf's private key. */
    record Identity(List<X509Certificate> chain, PrivateKey key) {
        X509Certificate leaf() {
            return chain.get(0);
        }
    }

    static Identity loadIdentity(Path certPem, Path keyPem, char[] keyPassphrase) throws TlsMaterialException {
        List<X509Certificate> chain = PemFiles.readCertificates(certPem);
        PrivateKey key = PemFiles.readPrivateKey(keyPem, keyPassphrase);
        PemFiles.requireKeyMatches(key, keyPem, chain.get(0), certPem);
        warnIfOutsideValidity(chain.get(0), certPem);
        return new Identity(chain, key);
    }

    static X509TrustManager trustManagerFor(List<X509Certificate> authorities, Path source)
            throws TlsMaterialException {
        try {
            KeyStore store = emptyStore();
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return onlyX509(factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(Problem.CRYPTO_FAILURE, source,
                    "cannot use the certificates in " + source + " as trust anchors (" + e.getMessage() + ")", e);
        }
    }

    static X509TrustManager systemTrustManager() throws TlsMaterialException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            return onlyX509(factory.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(Problem.CRYPTO_FAILURE, null,
                    "cannot load the system's trusted certificates (" + e.getMessage() + ")", e);
        }
    }

    static X509KeyManager keyManagerFor(Identity identity, Path source) throws TlsMaterialException {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry(IDENTITY_ALIAS, identity.key(), STORE_PASSWORD,
                    identity.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, STORE_PASSWORD);
            for (KeyManager manager : factory.getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return new SingleIdentityKeyManager(x509, IDENTITY_ALIAS, identity.key().getAlgorithm());
                }
            }
            throw new GeneralSecurityException("no X.509 key manager available");
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException(Problem.CRYPTO_FAILURE, source,
                    "cannot use the certificate and key from " + source + " (" + e.getMessage() + ")", e);
        }
    }

    static SSLContext context(X509KeyManager keyManager, X509TrustManager trustManager) throws TlsMaterialException {
        try {
            // "TLS" gets 1.3 and 1.2; older versions are switched off per socket (TlsProtocols).
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManager == null ? null : new KeyManager[] {keyManager},
                    new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsMaterialException(Problem.CRYPTO_FAILURE, null,
                    "cannot set up TLS (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static X509TrustManager onlyX509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static void warnIfOutsideValidity(X509Certificate certificate, Path file) {
        Instant now = Instant.now();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            log.warn("Certificate {} expired on {}; the peer will reject it", file, certificate.getNotAfter().toInstant());
        } else if (now.isBefore(certificate.getNotBefore().toInstant())) {
            log.warn("Certificate {} is not valid before {}; check the clock", file, certificate.getNotBefore().toInstant());
        }
    }
}
