package dev.berth.desktop.connect;

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
        check("client certificate", tls.clientCert(), clock, sentences);
        check("CA certificate", tls.caCert(), clock, sentences);
        return sentences.isEmpty() ? null : String.join(" ", sentences);
    }

    /** "The client certificate expires in 12 days (2026-03-01)." or null when it has more than 30 days left. */
    public static String sentence(String what, CertificateSummary certificate) {
        long days = certificate.daysUntilExpiry();
        if (days > WARN_DAYS) {
            return null;
        }
        String date = DATE.format(certificate.notAfter());
        if (certificate.isExpired()) {
            return "The " + what + " expired on " + date + ".";
        }
        return "The " + what + " expires in " + days + (days == 1 ? " day" : " days") + " (" + date + ").";
    }

    private static void check(String what, Path file, Clock clock, List<String> sentences) {
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
