package dev.berth.remote.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PEM text to store with a new context, as {@code ca.pem}, {@code cert.pem} and {@code key.pem}. Each part is
 * optional, but a client certificate needs both its halves.
 *
 * @param caPem   CA certificate(s) the engine's certificate must chain to, or {@code null} for the system trust store
 * @param certPem client certificate (chain), or {@code null}
 * @param keyPem  unencrypted private key of {@code certPem}, or {@code null}
 */
public record ContextTlsMaterial(String caPem, String certPem, String keyPem) {

    public ContextTlsMaterial {
        if ((certPem == null) != (keyPem == null)) {
            throw new IllegalArgumentException("A client certificate needs both the certificate and its private key;"
                    + " only the " + (certPem == null ? "key" : "certificate") + " was given.");
        }
        if (caPem == null && certPem == null) {
            throw new IllegalArgumentException("TLS material needs at least a CA certificate or a client certificate.");
        }
    }

    /** Reads the files of a certificate folder or a wizard's output; {@code null} paths are skipped. */
    public static ContextTlsMaterial readFiles(Path ca, Path cert, Path key) {
        return new ContextTlsMaterial(read(ca), read(cert), read(key));
    }

    private static String read(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
