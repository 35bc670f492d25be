package dev.berth.desktop.connect;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An engine the user added by hand: a name, the address and, for TLS, where its certificate files are. Only paths
 * are kept, never the PEM text, so no private key is ever copied into Berth's settings.
 *
 * @param name         how the engines list shows it
 * @param host         {@code tcp://host:port} or {@code unix:///path}, as {@link EngineEndpoint#parse} reads it
 * @param tls          whether to speak TLS (TCP only)
 * @param verifyServer whether the engine's certificate is checked against {@code caCert} (or the system store)
 * @param caCert       the CA bundle to trust, or {@code null}
 * @param clientCert   the client certificate for mutual TLS, or {@code null}
 * @param clientKey    its private key, or {@code null}
 */
public record SavedConnection(String name, String host, boolean tls, boolean verifyServer, Path caCert,
                              Path clientCert, Path clientKey) {

    private static final Texts T = Texts.of(SavedConnection.class);

    public SavedConnection {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(T.get("saved.no-name"));
        }
        name = name.strip();
        Objects.requireNonNull(host, "host");
        host = host.strip();
    }

    /** The TLS settings to connect with, or {@code null} without TLS. */
    public TlsSettings tlsSettings() {
        return tls ? new TlsSettings(verifyServer, caCert, clientCert, clientKey) : null;
    }

    /**
     * @throws IllegalArgumentException in plain words when the address cannot be used
     */
    public EngineEndpoint endpoint() {
        return EngineEndpoint.parse(host, tlsSettings(), "saved connection \"" + name + "\"");
    }
}
