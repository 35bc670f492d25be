package dev.berth.remote.tls;

import dev.berth.remote.tls.TlsMaterialException.Problem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files in the forms OpenSSL, Docker's guide and other tools
 * produce, with errors that tell the user which file is wrong and how.
 *
 * <p>Keys come back as JDK key objects (no BouncyCastle provider attached) so that JSSE and
 * {@code KeyStore} treat them like any other key.
 */
public final class PemFiles {

    /** Real PEM bundles are a few KiB; anything this large is not what the user meant to pick. */
    private static final long MAX_PEM_BYTES = 1024 * 1024;
    private static final String OPENSSH_KEY_HEADER = "-----BEGIN OPENSSH PRIVATE KEY-----";

    private PemFiles() {
    }

    /**
     * All certificates in the file, in file order (leaf first for a chain). Other PEM blocks, such as a
     * private key in a combined file, are ignored.
     */
    public static List<X509Certificate> readCertificates(Path file) throws TlsMaterialException {
        List<X509Certificate> certificates = new ArrayList<>();
        boolean sawPrivateKey = false;
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object block : parseBlocks(file, "certificate")) {
            X509CertificateHolder holder = null;
            if (block instanceof X509CertificateHolder h) {
                holder = h;
            } else if (block instanceof X509TrustedCertificateBlock trusted) {
                holder = trusted.getCertificateHolder();
            } else if (isPrivateKeyBlock(block)) {
                sawPrivateKey = true;
            }
            if (holder != null) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsMaterialException(Problem.INVALID_CERTIFICATE, file,
                            file + ": certificate #" + (certificates.size() + 1) + " cannot be decoded ("
                                    + e.getMessage() + ")", e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsMaterialException(Problem.NO_CERTIFICATE, file, file + " contains no certificate"
                    + (sawPrivateKey ? " (it holds a private key; were the certificate and key files swapped?)"
                            : " (expected a -----BEGIN CERTIFICATE----- block)"));
        }
        return List.copyOf(certificates);
    }

    /**
     * The first private key in the file: PKCS#1 {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY} (with
     * or without a preceding {@code EC PARAMETERS} block), PKCS#8 {@code PRIVATE KEY}, encrypted PKCS#8
     * {@code ENCRYPTED PRIVATE KEY} or legacy OpenSSL-encrypted PKCS#1/SEC1 ({@code Proc-Type: 4,ENCRYPTED}).
     *
     * @param passphrase used only when the key is encrypted; {@code null} means "none given"
     */
    public static PrivateKey readPrivateKey(Path file, char[] passphrase) throws TlsMaterialException {
        boolean sawCertificate = false;
        boolean sawPublicKey = false;
        for (Object block : parseBlocks(file, "private key")) {
            if (block instanceof PrivateKeyInfo info) {
                return toJdkKey(file, info);
            } else if (block instanceof PEMKeyPair pair) {
                return toJdkKey(file, pair.getPrivateKeyInfo());
            } else if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return toJdkKey(file, decrypt(file, encrypted, passphrase));
            } else if (block instanceof PEMEncryptedKeyPair encrypted) {
                return toJdkKey(file, decrypt(file, encrypted, passphrase).getPrivateKeyInfo());
            } else if (block instanceof X509CertificateHolder || block instanceof X509TrustedCertificateBlock) {
                sawCertificate = true;
            } else if (block instanceof SubjectPublicKeyInfo) {
                sawPublicKey = true;
            }
            // EC PARAMETERS (ASN1ObjectIdentifier / X9ECParameters) precede SEC1 keys from
            // `openssl ecparam -genkey`; the key block itself carries the curve, so skip them.
        }
        String hint = sawCertificate ? " (it holds a certificate; were the certificate and key files swapped?)"
                : sawPublicKey ? " (it holds only a public key)"
                : " (expected a -----BEGIN PRIVATE KEY----- or similar block)";
        throw new TlsMaterialException(Problem.NO_PRIVATE_KEY, file, file + " contains no private key" + hint);
    }

    /** Whether the first private key in the file is passphrase-protected, so a UI can ask before loading. */
    public static boolean isEncryptedPrivateKey(Path file) throws TlsMaterialException {
        for (Object block : parseBlocks(file, "private key")) {
            if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                return true;
            }
            if (block instanceof PrivateKeyInfo || block instanceof PEMKeyPair) {
                return false;
            }
        }
        return false;
    }

    /** Fails with {@link Problem#KEY_MISMATCH} unless {@code key} is the private half of the certificate's key. */
    public static void requireKeyMatches(PrivateKey key, Path keyFile, X509Certificate certificate, Path certFile)
            throws TlsMaterialException {
        if (!keyMatches(key, certificate.getPublicKey())) {
            throw new TlsMaterialException(Problem.KEY_MISMATCH, keyFile, "the private key in " + keyFile
                    + " does not belong to the certificate in " + certFile + " (subject "
                    + certificate.getSubjectX500Principal().getName() + ")");
        }
    }

    /** Whether the two keys form a pair; works for RSA, EC, EdDSA and DSA keys. */
    public static boolean keyMatches(PrivateKey privateKey, PublicKey publicKey) {
        if (privateKey instanceof RSAKey rsaPrivate) {
            return publicKey instanceof RSAKey rsaPublic && rsaPrivate.getModulus().equals(rsaPublic.getModulus());
        }
        // No portable way to derive the public point from an EC/EdDSA private key via the JCA, so prove
        // possession instead: a signature made with the private key must verify with the public one.
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA", "Ed25519", "Ed448" -> privateKey.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Different curves or key families end up here: not a pair.
            return false;
        }
    }

    private static boolean isPrivateKeyBlock(Object block) {
        return block instanceof PrivateKeyInfo || block instanceof PEMKeyPair
                || block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair;
    }

    private static List<Object> parseBlocks(Path file, String expected) throws TlsMaterialException {
        String text = readText(file, expected);
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            while (true) {
                Object block;
                try {
                    block = parser.readObject();
                } catch (IOException e) {
                    String message = String.valueOf(e.getMessage());
                    if (message.startsWith("unrecognised object")) {
                        // A block type BouncyCastle does not know (e.g. OPENSSH PRIVATE KEY) has been
                        // consumed; carry on so a usable block later in the file still counts.
                        continue;
                    }
                    if (text.contains(OPENSSH_KEY_HEADER)) {
                        throw opensshKey(file);
                    }
                    throw new TlsMaterialException(Problem.NOT_PEM, file,
                            file + " has a damaged PEM block (" + message + ")", e);
                }
                if (block == null) {
                    break;
                }
                if (!(block instanceof ASN1ObjectIdentifier) && !(block instanceof X9ECParameters)) {
                    blocks.add(block);
                }
            }
        } catch (IOException e) {
            throw new TlsMaterialException(Problem.UNREADABLE, file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (blocks.isEmpty() && text.contains(OPENSSH_KEY_HEADER)) {
            throw opensshKey(file);
        }
        return blocks;
    }

    private static TlsMaterialException opensshKey(Path file) {
        return new TlsMaterialException(Problem.UNSUPPORTED, file, file + " is an OpenSSH-format key, not PEM;"
                + " convert a copy with 'ssh-keygen -p -m PKCS8 -f <copy>'");
    }

    private static String readText(Path file, String expected) throws TlsMaterialException {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new TlsMaterialException(Problem.UNREADABLE, file, file + " is a directory, not a " + expected
                        + " file");
            }
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new TlsMaterialException(Problem.NOT_PEM, file, file + " is too large to be a PEM "
                        + expected + " file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsMaterialException(Problem.FILE_NOT_FOUND, file, expected + " file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new TlsMaterialException(Problem.UNREADABLE, file, "cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new TlsMaterialException(Problem.UNREADABLE, file, "cannot read " + file + ": " + e.getMessage(), e);
        }
        // Latin-1 never fails to decode, so binary files reach the "not PEM" check below.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN ")) {
            String hint = bytes.length > 0 && bytes[0] == 0x30
                    ? " (it looks like binary DER; convert it with 'openssl x509 -inform der' or 'openssl pkey -inform der')"
                    : " (no -----BEGIN ...----- line)";
            throw new TlsMaterialException(Problem.NOT_PEM, file, file + " is not a PEM " + expected + " file" + hint);
        }
        return text;
    }

    private static PrivateKeyInfo decrypt(Path file, PKCS8EncryptedPrivateKeyInfo encrypted, char[] passphrase)
            throws TlsMaterialException {
        requirePassphrase(file, passphrase);
        try {
            return encrypted.decryptPrivateKeyInfo(
                    new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BcProvider.get()).build(passphrase));
        } catch (Exception e) {
            throw decryptionFailure(file, e);
        }
    }

    private static PEMKeyPair decrypt(Path file, PEMEncryptedKeyPair encrypted, char[] passphrase)
            throws TlsMaterialException {
        requirePassphrase(file, passphrase);
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BcProvider.get())
                    .build(passphrase));
        } catch (Exception e) {
            throw decryptionFailure(file, e);
        }
    }

    private static void requirePassphrase(Path file, char[] passphrase) throws TlsMaterialException {
        if (passphrase == null) {
            throw new TlsMaterialException(Problem.PASSPHRASE_REQUIRED, file,
                    "the private key in " + file + " is encrypted and no passphrase was given");
        }
    }

    private static TlsMaterialException decryptionFailure(Path file, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NoSuchAlgorithmException) {
                return new TlsMaterialException(Problem.UNSUPPORTED, file, "the private key in " + file
                        + " is encrypted with an unsupported algorithm (" + t.getMessage() + ")", e);
            }
        }
        // Bad padding or garbage ASN.1 after decryption: both mean the passphrase did not fit.
        return new TlsMaterialException(Problem.WRONG_PASSPHRASE, file,
                "wrong passphrase for the private key in " + file, e);
    }

    private static PrivateKey toJdkKey(Path file, PrivateKeyInfo info) throws TlsMaterialException {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException(Problem.UNSUPPORTED, file,
                    "cannot use the private key in " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
