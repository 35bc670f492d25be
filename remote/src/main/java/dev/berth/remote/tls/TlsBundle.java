package dev.berth.remote.tls;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link TlsBundleGenerator#generate(TlsBundleRequest)}.
 *
 * @param outDir absolute output directory
 * @param hosts the server certificate's SAN entries as requested (normalised)
 * @param newCa whether a CA was created (then {@code ca-key.pem} is among the files)
 * @param ca the issuing CA, also when its {@code ca.pem} was already in {@code outDir} and left alone
 * @param files the files written, in writing order
 * @param warnings things the user should know, e.g. validity shortened to the CA's
 */
public record TlsBundle(
        Path outDir,
        List<String> hosts,
        boolean newCa,
        CertificateSummary ca,
        CertificateSummary server,
        CertificateSummary client,
        List<BundleFile> files,
        List<String> warnings) {

    public TlsBundle {
        hosts = List.copyOf(hosts);
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** The written file with this role, if it was written in this run. */
    public Optional<BundleFile> file(BundleFile.Role role) {
        return files.stream().filter(f -> f.role() == role).findFirst();
    }

    /** Where the role's file lives in {@link #outDir()} (whether or not this run wrote it). */
    public Path path(BundleFile.Role role) {
        return outDir.resolve(role.fileName());
    }

    public String primaryHost() {
        return hosts.get(0);
    }
}
