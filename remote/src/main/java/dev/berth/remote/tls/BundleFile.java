package dev.berth.remote.tls;

import java.nio.file.Path;

/**
 * One file of a generated bundle.
 *
 * @param mode POSIX mode as octal ({@code 0400}) read back from disk, or {@code n/a} where the file
 *     system has no POSIX permissions
 * @param certificate summary for certificate files; {@code null} for keys
 * @param encrypted whether a key file is passphrase-protected
 */
public record BundleFile(Role role, Path path, String mode, CertificateSummary certificate, boolean encrypted) {

    /** The fixed names Docker's guide and the docker CLI ({@code DOCKER_CERT_PATH}) expect. */
    public enum Role {
        CA_CERT("ca.pem", "CA certificate"),
        CA_KEY("ca-key.pem", "CA private key"),
        SERVER_CERT("server-cert.pem", "server certificate"),
        SERVER_KEY("server-key.pem", "server private key"),
        CLIENT_CERT("cert.pem", "client certificate"),
        CLIENT_KEY("key.pem", "client private key");

        private final String fileName;
        private final String description;

        Role(String fileName, String description) {
            this.fileName = fileName;
            this.description = description;
        }

        public String fileName() {
            return fileName;
        }

        public String description() {
            return description;
        }

        public boolean isKey() {
            return this == CA_KEY || this == SERVER_KEY || this == CLIENT_KEY;
        }
    }
}
