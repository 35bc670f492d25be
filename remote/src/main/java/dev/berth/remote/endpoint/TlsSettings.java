package dev.berth.remote.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which TLS material to use for a TCP engine. Only paths: nothing is read here, so a missing or broken file
 * becomes an error when connecting, where the message can say what the connection needed it for.
 *
 * <p>{@code caCert == null} with {@code verifyServer} means "verify against the system trust store": that is
 * what the docker CLI does for a context whose TLS folder has no {@code ca.pem}, and for {@code https://}
 * hosts without TLS material. Settings derived from {@code DOCKER_CERT_PATH} always name {@code ca.pem}, even
 * when it does not exist, because the CLI insists on it there.
 *
 * @param verifyServer whether the engine's certificate is checked (chain and host name)
 * @param caCert       the CA bundle to trust, or {@code null}
 * @param clientCert   the client certificate (chain) for mutual TLS, or {@code null}
 * @param clientKey    the unencrypted private key of {@code clientCert}, or {@code null}
 */
public record TlsSettings(boolean verifyServer, Path caCert, Path clientCert, Path clientKey) {

    public static final String CA_FILE = "ca.pem";
    public static final String CERT_FILE = "cert.pem";
    public static final String KEY_FILE = "key.pem";

    /**
     * The fixed file names of a certificate folder ({@code DOCKER_CERT_PATH}, {@code ~/.docker}). Like the CLI,
     * a missing cert.pem or key.pem just means "no client certificate", while ca.pem is always named so that
     * verification fails loudly if it is missing.
     */
    public static TlsSettings fromCertDir(Path dir, boolean verifyServer) {
        Objects.requireNonNull(dir, "dir");
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        return new TlsSettings(verifyServer, dir.resolve(CA_FILE),
                Files.exists(cert) ? cert : null,
                Files.exists(key) ? key : null);
    }

    /** TLS that trusts whatever certificate the engine presents (docker {@code --tls} without {@code --tlsverify}). */
    public static TlsSettings withoutVerification() {
        return new TlsSettings(false, null, null, null);
    }

    /** TLS verified against the system trust store, without a client certificate. */
    public static TlsSettings systemTrust() {
        return new TlsSettings(true, null, null, null);
    }

    /** Both halves of a client certificate are named; whether the files are usable is checked when connecting. */
    public boolean hasClientCertificate() {
        return clientCert != null && clientKey != null;
    }
}
