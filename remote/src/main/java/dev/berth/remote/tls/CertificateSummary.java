package dev.berth.remote.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * What a user needs to know about a certificate: who it is for, who issued it, where it is valid and
 * until when.
 *
 * @param subject RFC 2253 form, e.g. {@code CN=client}
 * @param issuer RFC 2253 form
 * @param serialHex serial number in lower-case hex
 * @param dnsNames SAN DNS entries, in certificate order
 * @param ipAddresses SAN IP entries; IPv6 in compressed form ({@code ::1})
 * @param daysUntilExpiry whole days left, rounded up; zero or negative once expired
 * @param keyType e.g. {@code EC P-256}, {@code RSA 2048}, {@code Ed25519}
 * @param certificateAuthority whether basicConstraints says CA:TRUE
 * @param extendedKeyUsages {@code serverAuth}, {@code clientAuth}, or raw OIDs for others
 * @param sha256Fingerprint colon-separated upper-case hex, as {@code openssl x509 -fingerprint -sha256} shows it
 */
public record CertificateSummary(
        String subject,
        String issuer,
        String serialHex,
        List<String> dnsNames,
        List<String> ipAddresses,
        Instant notBefore,
        Instant notAfter,
        long daysUntilExpiry,
        String keyType,
        boolean certificateAuthority,
        List<String> extendedKeyUsages,
        String sha256Fingerprint) {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final long SECONDS_PER_DAY = 86_400;

    public CertificateSummary {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        extendedKeyUsages = List.copyOf(extendedKeyUsages);
    }

    public static CertificateSummary of(X509Certificate certificate) {
        return of(certificate, Clock.systemUTC());
    }

    public static CertificateSummary of(X509Certificate certificate, Clock clock) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == SAN_DNS) {
                        dns.add((String) name.get(1));
                    } else if (type == SAN_IP) {
                        ips.add(compressIpv6((String) name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A broken SAN extension shows up as "no names", which is what a TLS peer will see too.
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        long secondsLeft = Duration.between(clock.instant(), notAfter).getSeconds();
        return new CertificateSummary(
                certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
                certificate.getSerialNumber().toString(16),
                dns,
                ips,
                certificate.getNotBefore().toInstant(),
                notAfter,
                // Rounded up so a freshly issued 365-day certificate reports 365, not 364.
                Math.floorDiv(secondsLeft + SECONDS_PER_DAY - 1, SECONDS_PER_DAY),
                describeKey(certificate.getPublicKey()),
                certificate.getBasicConstraints() >= 0,
                extendedKeyUsages(certificate),
                fingerprint(certificate));
    }

    public boolean isExpired() {
        return daysUntilExpiry <= 0;
    }

    /** SAN entries, DNS names first, as a user would type them. */
    public List<String> subjectAlternativeNames() {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(ipAddresses);
        return List.copyOf(all);
    }

    /**
     * The JDK renders IPv6 SANs uncompressed ({@code 0:0:0:0:0:0:0:1}); users typed {@code ::1}. RFC 5952
     * form: the longest run of two or more zero groups becomes {@code ::}.
     */
    static String compressIpv6(String address) {
        String[] groups = address.toLowerCase(java.util.Locale.ROOT).split(":", -1);
        if (groups.length != 8) {
            return address;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
            int run = 0;
            while (i + run < groups.length && groups[i + run].replaceFirst("^0+(?=.)", "").equals("0")) {
                run++;
            }
            if (run > bestLength) {
                bestStart = i;
                bestLength = run;
            }
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    static String describeKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return switch (bits) {
                case 256, 384, 521 -> "EC P-" + bits;
                default -> "EC " + bits + "-bit";
            };
        }
        String algorithm = key.getAlgorithm();
        if ("EdDSA".equals(algorithm) && key.getEncoded() != null) {
            // The JDK names both Edwards curves "EdDSA"; the encoded length tells them apart.
            return key.getEncoded().length > 50 ? "Ed448" : "Ed25519";
        }
        return algorithm;
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate) {
        List<String> usages = new ArrayList<>();
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids != null) {
                for (String oid : oids) {
                    usages.add(switch (oid) {
                        case "1.3.6.1.5.5.7.3.1" -> "serverAuth";
                        case "1.3.6.1.5.5.7.3.2" -> "clientAuth";
                        case "1.3.6.1.5.5.7.3.3" -> "codeSigning";
                        case "1.3.6.1.5.5.7.3.4" -> "emailProtection";
                        case "2.5.29.37.0" -> "anyExtendedKeyUsage";
                        default -> oid;
                    });
                }
            }
        } catch (CertificateParsingException e) {
            // Treated like an absent extension.
        }
        return usages;
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "";
        }
    }
}
