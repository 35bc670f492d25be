package dev.berth.remote.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CertificateSummaryTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
            "0:0:0:0:0:0:0:1, ::1",
            "0:0:0:0:0:0:0:0, ::",
            "2001:db8:0:0:0:0:0:42, 2001:db8::42",
            "fe80:0:0:1:0:0:0:2, fe80:0:0:1::2",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "192.168.1.1, 192.168.1.1",
    })
    void ipv6IsShownTheWayUsersWriteIt(String jdkForm, String expected) {
        assertEquals(expected, CertificateSummary.compressIpv6(jdkForm));
    }

    @Test
    void expiryCountsDownAndFlagsExpiredCertificates() {
        TlsBundle bundle = new TlsBundleGenerator().generate(TlsBundleRequest.of(tmp.resolve("b"),
                List.of("docker.lan", "fd00::5")).withDays(10).withKeyType(KeyType.EC_P256));
        X509Certificate server = PemFiles.readCertificates(bundle.path(BundleFile.Role.SERVER_CERT)).get(0);

        CertificateSummary now = CertificateSummary.of(server);
        assertEquals(10, now.daysUntilExpiry());
        assertFalse(now.isExpired());
        assertEquals(List.of("docker.lan", "fd00::5"), now.subjectAlternativeNames());
        assertEquals("EC P-256", now.keyType());
        assertEquals(now.serialHex(), server.getSerialNumber().toString(16));
        assertTrue(now.sha256Fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), now.sha256Fingerprint());
        assertEquals(bundle.ca().subject(), now.issuer());

        Clock later = Clock.fixed(server.getNotAfter().toInstant().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        CertificateSummary expired = CertificateSummary.of(server, later);
        assertEquals(-2, expired.daysUntilExpiry());
        assertTrue(expired.isExpired());
    }
}
