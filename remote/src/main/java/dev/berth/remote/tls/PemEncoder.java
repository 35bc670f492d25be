package dev.berth.remote.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * PEM text for certificates and keys. Keys are always PKCS#8: {@code JcaPEMWriter.writeObject(privateKey)}
 * would write SEC1 {@code EC PRIVATE KEY} without the curve OID for JDK-generated EC keys, which Go,
 * OpenSSL and BouncyCastle all fail to read.
 */
final class PemEncoder {

    /** PBKDF2 rounds for an encrypted CA key; OpenSSL's 2048 default is weak for a long-lived CA. */
    private static final int PBKDF2_ITERATIONS = 100_000;

    private PemEncoder() {
    }

    static String certificate(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    /** {@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED PRIVATE KEY} (PBES2, AES-256-CBC, HMAC-SHA256) with a passphrase. */
    static String privateKey(PrivateKey key, char[] passphrase, SecureRandom random)
            throws IOException, GeneralSecurityException {
        OutputEncryptor encryptor = null;
        if (passphrase != null) {
            try {
                encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                        .setProvider(BcProvider.get())
                        .setRandom(random)
                        .setPRF(PKCS8Generator.PRF_HMACSHA256)
                        .setIterationCount(PBKDF2_ITERATIONS)
                        .setPassword(passphrase)
                        .build();
            } catch (OperatorCreationException e) {
                throw new GeneralSecurityException("cannot set up key encryption: " + e.getMessage(), e);
            }
        }
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, encryptor));
        }
        return text.toString();
    }
}
