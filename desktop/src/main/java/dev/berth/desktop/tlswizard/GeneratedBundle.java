package dev.berth.desktop.tlswizard;

import dev.berth.desktop.connect.CertificateExpiry;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.tls.BundleFile;
import dev.berth.remote.tls.CertificateSummary;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsUsageText;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What the certificate wizard shows after Finish: the files written (with their permissions and expiry) and the
 * texts to copy, all made from remote's {@link TlsUsageText} so that they match {@code berth tls generate}.
 *
 * @param clientOnly   only a client certificate was issued (no daemon-side texts then)
 * @param dockerHost   {@code tcp://HOST:PORT} clients use
 * @param dockerdFlags the dockerd command line
 * @param daemonJson   a daemon.json with the TLS settings and hosts, and its caveat below
 * @param systemdDropIn an ExecStart override for docker.service
 * @param clientEnvironment the DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH lines
 * @param warnings     things to know (validity shortened to the CA's, certificates expiring soon)
 */
public record GeneratedBundle(
        Path outDir,
        boolean clientOnly,
        String primaryHost,
        int port,
        String dockerHost,
        List<WrittenFile> files,
        String dockerdFlags,
        String daemonJson,
        String systemdDropIn,
        String clientEnvironment,
        List<String> warnings) {

    private static final Texts T = Texts.of(GeneratedBundle.class);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /**
     * One written file.
     *
     * @param mode    octal permissions read back from disk, e.g. {@code 0400}
     * @param expires the certificate's expiry date and days left, or "" for keys
     */
    public record WrittenFile(String name, String description, String mode, String expires, Path path) {
    }

    public GeneratedBundle {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    static GeneratedBundle of(TlsBundle bundle, boolean clientOnly, int port, String dockerd) {
        TlsUsageText usage = TlsUsageText.of(bundle, bundle.primaryHost(), port);
        List<WrittenFile> files = new ArrayList<>();
        for (BundleFile file : bundle.files()) {
            String description = file.encrypted() ? T.get("file.encrypted", describe(file.role())) : describe(file.role());
            CertificateSummary cert = file.certificate();
            String expires = cert == null ? "" : T.get("file.expires", DATE.format(cert.notAfter()), cert.daysUntilExpiry());
            files.add(new WrittenFile(file.role().fileName(), description, file.mode(), expires, file.path()));
        }
        List<String> warnings = new ArrayList<>(bundle.warnings());
        addExpiry(warnings, CertificateExpiry.Which.CA, bundle.ca());
        if (!clientOnly) {
            addExpiry(warnings, CertificateExpiry.Which.SERVER, bundle.server());
        }
        addExpiry(warnings, CertificateExpiry.Which.CLIENT, bundle.client());
        String host = bundle.primaryHost();
        String dockerHost = "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return new GeneratedBundle(bundle.outDir(), clientOnly, host, port, dockerHost, files,
                usage.dockerdCommand(), usage.daemonJson() + "\n\n" + usage.daemonJsonNote(),
                SystemdDropIn.of(usage, dockerd, port),
                String.join("\n", usage.clientEnvironment()), warnings);
    }

    /** What a file is, for people (the remote module's descriptions are English). */
    private static String describe(BundleFile.Role role) {
        return switch (role) {
            case CA_CERT -> T.get("role.ca-cert");
            case CA_KEY -> T.get("role.ca-key");
            case SERVER_CERT -> T.get("role.server-cert");
            case SERVER_KEY -> T.get("role.server-key");
            case CLIENT_CERT -> T.get("role.client-cert");
            case CLIENT_KEY -> T.get("role.client-key");
        };
    }

    private static void addExpiry(List<String> warnings, CertificateExpiry.Which what, CertificateSummary certificate) {
        String sentence = certificate == null ? null : CertificateExpiry.sentence(what, certificate);
        if (sentence != null) {
            warnings.add(sentence);
        }
    }
}
