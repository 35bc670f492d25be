package dev.berth.desktop.connect;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.CertificateSummary;
import dev.berth.remote.tls.PemFiles;
import dev.berth.remote.tls.TlsMaterialException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the certificates a connection uses run out soon: reads the client certificate and the CA certificate
 * (blocking file I/O, so call it in the background) and words a warning for the engines list.
 */
public final class CertificateExpiry {

    private static final Texts T = Texts.of(CertificateExpiry.class);

    /** Certificates that expire within this many days are flagged. */
    public static final int WARN_DAYS = 30;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private CertificateExpiry() {
    }

    /**
     * @return one or two sentences, or {@code null} when nothing expires within {@value #WARN_DAYS} days (or the files
     *     cannot be read: connecting says what is wrong with them)
     */
    public static String warning(TlsSettings tls, Clock clock) {
        if (tls == null) {
            return null;
        }
        List<String> sentences = new ArrayList<>();
        check(Which.CLIENT, tls.clientCert(), clock, sentences);
        check(Which.CA, tls.caCert(), clock, sentences);
        return sentences.isEmpty() ? null : String.join(" ", sentences);
    }

    /** "The client certificate expires in 12 days (2026-03-01)." or null when it has more than 30 days left. */
    public static String sentence(Which what, CertificateSummary certificate) {
        long days = certificate.daysUntilExpiry();
        if (days > WARN_DAYS) {
            return null;
        }
        String date = DATE.format(certificate.notAfter());
        if (certificate.isExpired()) {
            return switch (what) {
                case CA -> T.get("expiry.ca.expired", date);
                case SERVER -> T.get("expiry.server.expired", date);
                case CLIENT -> T.get("expiry.client.expired", date);
            };
        }
        return switch (what) {
            case CA -> T.get("expiry.ca.expires", days, date);
            case SERVER -> T.get("expiry.server.expires", days, date);
            case CLIENT -> T.get("expiry.client.expires", days, date);
        };
    }

    /** Which certificate of a TLS set a sentence is about. */
    public enum Which { CA, SERVER, CLIENT }

    private static void check(Which what, Path file, Clock clock, List<String> sentences) {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            X509Certificate first = PemFiles.readCertificates(file).get(0);
            String sentence = sentence(what, CertificateSummary.of(first, clock));
            if (sentence != null) {
                sentences.add(sentence);
            }
        } catch (TlsMaterialException e) {
            // unreadable: the connection attempt reports it with the file's name
        }
    }
}
