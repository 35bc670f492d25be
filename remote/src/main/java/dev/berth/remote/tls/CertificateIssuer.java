package dev.berth.remote.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds CA, server and client certificates with the extensions Go's crypto/x509 (dockerd, docker CLI),
 * OpenSSL and JSSE check: CA:TRUE + keyCertSign on the CA, serverAuth/clientAuth EKU and SANs on leaves.
 */
final class CertificateIssuer {

    private static final int SERIAL_BITS = 159; // positive and at most 20 octets, as RFC 5280 asks

    private final SecureRandom random;

    CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    CertificateAuthority newAuthority(KeyPair keys, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        // Most significant RDN first (O, then CN), so it reads "CN=Berth CA ..,O=Berth" in RFC 2253 form.
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Berth")
                .addRDN(BCStyle.CN, "Berth CA " + HexFormat.of().formatHex(randomBytes(4)))
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                Date.from(notAfter), name, keys.getPublic());
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode CA extensions", e);
        }
        X509Certificate certificate = sign(builder, keys.getPrivate());
        return new CertificateAuthority(certificate, keys.getPrivate());
    }

    X509Certificate serverCertificate(CertificateAuthority ca, PublicKey key, List<HostNames.Host> hosts,
            Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hosts.get(0).value()).build();
        GeneralName[] names = hosts.stream()
                .map(h -> new GeneralName(h.kind() == HostNames.Kind.IP ? GeneralName.iPAddress : GeneralName.dNSName,
                        h.value()))
                .toArray(GeneralName[]::new);
        X509v3CertificateBuilder builder = leafBuilder(ca, subject, key, notBefore, notAfter);
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode server certificate extensions", e);
        }
        return sign(builder, ca.key());
    }

    X509Certificate clientCertificate(CertificateAuthority ca, PublicKey key, String clientName, Instant notBefore,
            Instant notAfter) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, clientName).build();
        X509v3CertificateBuilder builder = leafBuilder(ca, subject, key, notBefore, notAfter);
        try {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode client certificate extensions", e);
        }
        return sign(builder, ca.key());
    }

    private X509v3CertificateBuilder leafBuilder(CertificateAuthority ca, X500Name subject, PublicKey key,
            Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(notBefore), Date.from(notAfter), subject, key);
        // keyEncipherment only matters for RSA key exchange (TLS 1.2 RSA suites); for EC keys it is wrong.
        int usage = KeyUsage.digitalSignature | (key instanceof RSAKey ? KeyUsage.keyEncipherment : 0);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId(ca.certificate(), utils));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot encode certificate extensions", e);
        }
        return builder;
    }

    /**
     * Key-id-only AKI. Copies the CA's own SKI when it has one, because an imported CA may compute its
     * SKI differently from us and path builders match AKI against SKI byte for byte.
     */
    private static AuthorityKeyIdentifier authorityKeyId(X509Certificate caCertificate, JcaX509ExtensionUtils utils)
            throws IOException {
        byte[] extension = caCertificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            byte[] keyId = ASN1OctetString.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getOctets();
            return new AuthorityKeyIdentifier(keyId);
        }
        return utils.createAuthorityKeyIdentifier(caCertificate.getPublicKey());
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign certificate: " + e.getMessage(), e);
        }
    }

    static String signatureAlgorithm(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (key instanceof ECKey ec) {
            // Match the hash to the curve strength for imported P-384/P-521 CAs; never SHA-1.
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 384 ? "SHA512withECDSA" : bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        if ("EdDSA".equals(key.getAlgorithm()) || "Ed25519".equals(key.getAlgorithm())
                || "Ed448".equals(key.getAlgorithm())) {
            return key.getAlgorithm();
        }
        throw new GeneralSecurityException("cannot sign certificates with a " + key.getAlgorithm() + " key");
    }

    private BigInteger serial() {
        return new BigInteger(SERIAL_BITS, random).setBit(0); // never zero
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
