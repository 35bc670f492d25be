package dev.berth.remote.transport;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import dev.berth.remote.tls.ClientTls;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the client TLS context for an endpoint, failing early with a message that names the missing file. */
final class TlsContexts {

    private TlsContexts() {
    }

    static ClientTls clientTls(EngineEndpoint endpoint, TlsSettings settings) {
        Path ca = settings.caCert();
        // No CA file means the system's trust store, as with the docker CLI; a named file that is missing is an error.
        if (settings.verifyServer() && ca != null && !Files.isRegularFile(ca)) {
            throw new EngineConnectionException(EngineConnectionException.Kind.TLS_CONFIGURATION,
                    "TLS verification is on for " + endpoint.uri() + " but the CA certificate " + ca
                            + " does not exist", null);
        }
        Path cert = present(settings.clientCert());
        Path key = present(settings.clientKey());
        if ((cert == null) != (key == null)) {
            throw new EngineConnectionException(EngineConnectionException.Kind.TLS_CONFIGURATION,
                    "a client certificate needs both cert.pem and key.pem; only "
                            + (cert != null ? cert : key) + " exists", null);
        }
        try {
            return ClientTls.fromFiles(settings.verifyServer() ? ca : null, cert, key, settings.verifyServer());
        } catch (RuntimeException e) {
            throw new EngineConnectionException(EngineConnectionException.Kind.TLS_CONFIGURATION,
                    "cannot load the TLS material for " + endpoint.uri() + ": " + e.getMessage(), e);
        }
    }

    private static Path present(Path p) {
        return p != null && Files.isRegularFile(p) ? p : null;
    }
}
