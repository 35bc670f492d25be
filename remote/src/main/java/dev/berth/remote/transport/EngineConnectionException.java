package dev.berth.remote.transport;

import dev.berth.remote.client.EngineException;

/**
 * The engine could not be reached or the connection failed before an HTTP answer: each {@link Kind} is a
 * different cause with a different remedy, and the message says which in plain words.
 */
public class EngineConnectionException extends EngineException {

    public enum Kind {
        SOCKET_MISSING,
        NOT_A_SOCKET,
        PERMISSION_DENIED,
        CONNECTION_REFUSED,
        UNKNOWN_HOST,
        CONNECT_TIMEOUT,
        READ_TIMEOUT,
        /** We rejected the engine's certificate: it is not signed by the CA we trust. */
        SERVER_CERT_UNKNOWN_CA,
        /** We rejected the engine's certificate: the host we dialled is not among its subjectAltNames. */
        SERVER_CERT_NAME_MISMATCH,
        /** We rejected the engine's certificate: it has expired or is not valid yet. */
        SERVER_CERT_EXPIRED,
        /** The engine rejected our client certificate (or demanded one we did not have). */
        CLIENT_CERT_REJECTED,
        /** Our TLS material (ca.pem, cert.pem, key.pem) could not be loaded. */
        TLS_CONFIGURATION,
        /** Other TLS handshake failure (protocol versions, cipher suites). */
        TLS_HANDSHAKE,
        /** We spoke plain HTTP to a port that expects TLS. */
        HTTP_TO_TLS_PORT,
        /** We spoke TLS to a port that serves plain HTTP. */
        TLS_TO_HTTP_PORT,
        /** The engine does not speak an API version we support. */
        API_VERSION_UNSUPPORTED,
        /** The connection broke for another reason. */
        IO
    }

    private final Kind kind;

    public EngineConnectionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
