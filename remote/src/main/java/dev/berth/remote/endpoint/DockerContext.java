package dev.berth.remote.endpoint;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One docker CLI context as stored under {@code contexts/meta/<sha256(name)>/meta.json}, with its TLS folder.
 *
 * @param name          the context name
 * @param description   free text from {@code Metadata.Description}, or {@code null}
 * @param host          the docker endpoint's {@code Host} exactly as stored, or {@code null} if it has none
 * @param skipTlsVerify {@code SkipTLSVerify}: TLS without checking the engine's certificate
 * @param tlsDir        {@code contexts/tls/<sha256(name)>/docker} if that folder exists, else {@code null}
 */
public record DockerContext(String name, String description, String host, boolean skipTlsVerify, Path tlsDir) {

    /**
     * The endpoint the CLI would connect to for this context. For TCP hosts, the TLS folder's ca.pem, cert.pem and
     * key.pem are used when present (no ca.pem means the system trust store, as in the CLI) and
     * {@code SkipTLSVerify} turns verification off; sockets never use TLS.
     *
     * @throws IllegalArgumentException naming the context if its host is missing or not supported (ssh://, npipe://)
     */
    public EngineEndpoint toEndpoint() {
        String source = "context \"" + name + "\"";
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("The docker context \"" + name + "\" has no docker endpoint host.");
        }
        try {
            return EngineEndpoint.parse(host, tlsSettings(), source).withSource(source, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The docker context \"" + name + "\" cannot be used: " + e.getMessage(),
                    e);
        }
    }

    private TlsSettings tlsSettings() {
        if (tlsDir != null) {
            return new TlsSettings(!skipTlsVerify, existing(TlsSettings.CA_FILE), existing(TlsSettings.CERT_FILE),
                    existing(TlsSettings.KEY_FILE));
        }
        return skipTlsVerify ? TlsSettings.withoutVerification() : null;
    }

    private Path existing(String fileName) {
        Path file = tlsDir.resolve(fileName);
        return Files.isRegularFile(file) ? file : null;
    }
}
