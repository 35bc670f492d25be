package dev.berth.remote.transport;

import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.EngineConnectionException.Kind;
import dev.berth.remote.tls.ClientTls;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.text.SimpleDateFormat;
import java.util.Locale;
import java.util.TimeZone;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Maps the JDK's and OkHttp's exceptions to what actually went wrong. The JDK reports most TLS problems as one
 * exception type with different causes and alert names; users need to know which side refused which certificate.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    static EngineConnectionException translate(IOException failure, EngineEndpoint endpoint, ClientTls tls) {
        if (failure instanceof EngineConnectionIOException wrapped) {
            return wrapped.reason();
        }
        String where = endpoint.uri().toString();
        if (endpoint.isUnix()) {
            return unixFailure(failure, endpoint.unixSocketPath(), where);
        }
        String text = chainText(failure);
        if (text.contains(HTTP_TO_TLS_PORT_REPLY)) {
            return httpToTlsPort(endpoint);
        }
        if (failure instanceof SocketTimeoutException && duringTlsHandshake(failure)) {
            return new EngineConnectionException(Kind.TLS_TO_HTTP_PORT,
                    "TLS: " + where + " accepted the connection but never answered the TLS handshake: the port"
                            + " probably serves plain HTTP. Turn TLS off for this connection (usually port 2375), or"
                            + " use the engine's TLS port (usually 2376).", failure);
        }
        if (failure instanceof SSLPeerUnverifiedException || text.contains("not verified")) {
            return new EngineConnectionException(Kind.SERVER_CERT_NAME_MISMATCH,
                    "TLS: we rejected the engine's certificate: it is not valid for \"" + endpoint.host()
                            + "\" (that name or address is not in its subjectAltName). " + sanHint(failure)
                            + "Connect with a name the certificate lists, or reissue the server certificate"
                            + " with --host " + endpoint.host() + ".", failure);
        }
        if (has(failure, CertificateExpiredException.class) || has(failure, CertificateNotYetValidException.class)
                || text.contains("validity check failed")) {
            return new EngineConnectionException(Kind.SERVER_CERT_EXPIRED,
                    "TLS: we rejected the engine's certificate at " + where + ": it has expired or is not yet valid ("
                            + rootMessage(failure) + ").", failure);
        }
        if (text.contains("PKIX path") || text.contains("unable to find valid certification path")
                || has(failure, CertPathValidatorException.class)) {
            return new EngineConnectionException(Kind.SERVER_CERT_UNKNOWN_CA,
                    "TLS: we rejected the engine's certificate at " + where
                            + ": it is not signed by the CA we trust (" + caName(endpoint) + "). Use the ca.pem "
                            + "that issued the engine's server certificate.", failure);
        }
        if (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext connection")) {
            return new EngineConnectionException(Kind.TLS_TO_HTTP_PORT,
                    "TLS: " + where + " answered in plain HTTP, not TLS. The engine listens without TLS on that port:"
                            + " turn TLS off for this connection (usually port 2375), or use the engine's TLS port"
                            + " (usually 2376).", failure);
        }
        if (failure instanceof SSLException || text.contains("bad_certificate") || text.contains("certificate_required")
                || text.contains("unknown_ca") || text.contains("certificate_expired")
                || text.contains("certificate_unknown") || text.contains("access_denied")) {
            if (isAlertAboutOurCertificate(text) || isHandshakeCutOff(failure, text)) {
                return new EngineConnectionException(Kind.CLIENT_CERT_REJECTED,
                        "TLS: the engine at " + where + " rejected our client certificate: " + clientCertHint(endpoint, tls)
                                + " (" + rootMessage(failure) + ")", failure);
            }
            return new EngineConnectionException(Kind.TLS_HANDSHAKE,
                    "TLS handshake with " + where + " failed: " + rootMessage(failure), failure);
        }
        if (endpoint.isTls() && (text.contains("Broken pipe") || text.contains("Connection reset"))) {
            // TLS 1.3: the client finishes its side of the handshake before the server has judged our certificate,
            // so a refusal arrives as the connection dropping under our first request.
            return new EngineConnectionException(Kind.CLIENT_CERT_REJECTED,
                    "TLS: the engine at " + where + " closed the connection right after the handshake, which means it"
                            + " rejected our client certificate: " + clientCertHint(endpoint, tls)
                            + " (" + rootMessage(failure) + ")", failure);
        }
        if (failure instanceof UnknownHostException) {
            return new EngineConnectionException(Kind.UNKNOWN_HOST,
                    "cannot resolve host \"" + endpoint.host() + "\" of " + where, failure);
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            if (text.contains("timed out")) {
                return connectTimeout(where, failure);
            }
            return new EngineConnectionException(Kind.CONNECTION_REFUSED,
                    "connection refused by " + where + ": nothing listens on that address and port. Is the engine "
                            + "running, and listening on TCP?", failure);
        }
        if (failure instanceof SocketTimeoutException || failure instanceof InterruptedIOException) {
            if (text.toLowerCase(Locale.ROOT).contains("connect")) {
                return connectTimeout(where, failure);
            }
            return new EngineConnectionException(Kind.READ_TIMEOUT,
                    "the engine at " + where + " accepted the connection but did not answer in time", failure);
        }
        return new EngineConnectionException(Kind.IO,
                "connection to " + where + " failed: " + rootMessage(failure), failure);
    }

    /** What Go's HTTP server answers when plain HTTP arrives on its TLS port. */
    static final String HTTP_TO_TLS_PORT_REPLY = "Client sent an HTTP request to an HTTPS server";

    static EngineConnectionException httpToTlsPort(EngineEndpoint endpoint) {
        return new EngineConnectionException(Kind.HTTP_TO_TLS_PORT,
                "the engine at " + endpoint.uri() + " expects TLS on that port, but this connection speaks plain"
                        + " HTTP: turn TLS on (with its ca.pem, cert.pem and key.pem)", null);
    }

    private static boolean duringTlsHandshake(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            for (StackTraceElement frame : c.getStackTrace()) {
                if (frame.getMethodName().equals("startHandshake")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static EngineConnectionException connectTimeout(String where, IOException failure) {
        return new EngineConnectionException(Kind.CONNECT_TIMEOUT,
                "timed out connecting to " + where + ": the host does not answer (firewall, wrong address?)", failure);
    }

    private static EngineConnectionException unixFailure(IOException failure, Path socket, String where) {
        if (!Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.exists(socket)) {
            return new EngineConnectionException(Kind.SOCKET_MISSING,
                    "socket " + socket + " does not exist: no engine is running there (start it, or choose another"
                            + " engine)", failure);
        }
        String text = chainText(failure);
        if (text.contains("Permission denied") || text.contains("EACCES") || text.contains("Operation not permitted")) {
            return new EngineConnectionException(Kind.PERMISSION_DENIED,
                    "permission denied on " + socket + ": your user may not use this socket (add yourself to the"
                            + " group that owns it, e.g. docker, then log in again)", failure);
        }
        if (!isSocket(socket)) {
            return new EngineConnectionException(Kind.NOT_A_SOCKET,
                    socket + " exists but is not a Unix socket", failure);
        }
        if (failure instanceof ConnectException || text.contains("Connection refused") || failure instanceof FileNotFoundException) {
            return new EngineConnectionException(Kind.CONNECTION_REFUSED,
                    "connection refused on " + socket + ": the socket file is there but no engine is listening"
                            + " (it stopped or crashed)", failure);
        }
        if (failure instanceof SocketTimeoutException) {
            return new EngineConnectionException(Kind.READ_TIMEOUT,
                    "the engine at " + where + " accepted the connection but did not answer in time", failure);
        }
        return new EngineConnectionException(Kind.IO, "connection to " + where + " failed: " + rootMessage(failure), failure);
    }

    private static boolean isSocket(Path p) {
        try {
            Object mode = Files.getAttribute(p, "unix:mode");
            return mode instanceof Integer m && (m & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return true; // cannot tell: do not claim otherwise
        }
    }

    private static boolean isAlertAboutOurCertificate(String text) {
        return text.contains("Received fatal alert: bad_certificate")
                || text.contains("Received fatal alert: certificate_required")
                || text.contains("Received fatal alert: unknown_ca")
                || text.contains("Received fatal alert: certificate_expired")
                || text.contains("Received fatal alert: certificate_unknown")
                || text.contains("Received fatal alert: access_denied");
    }

    /** With TLS 1.2 a server that refuses our certificate often just closes: "Broken pipe" or "Connection reset". */
    private static boolean isHandshakeCutOff(IOException failure, String text) {
        return failure instanceof SSLHandshakeException
                && (text.contains("Broken pipe") || text.contains("Connection reset") || text.contains("Remote host terminated"));
    }

    private static String clientCertHint(EngineEndpoint endpoint, ClientTls tls) {
        X509Certificate cert = tls == null ? null : tls.clientCertificate();
        if (cert == null) {
            return "the engine requires a client certificate and none is configured (cert.pem and key.pem)";
        }
        SimpleDateFormat fmt = new SimpleDateFormat("yyyy-MM-dd", Locale.ROOT);
        fmt.setTimeZone(TimeZone.getTimeZone("UTC"));
        String subject = cert.getSubjectX500Principal().getName();
        String issuer = cert.getIssuerX500Principal().getName();
        long now = System.currentTimeMillis();
        if (cert.getNotAfter().getTime() < now) {
            return "our certificate " + subject + " expired on " + fmt.format(cert.getNotAfter());
        }
        String accepted = tls.acceptedIssuers().isEmpty() ? "" : "; the engine accepts certificates issued by "
                + String.join(" or ", tls.acceptedIssuers());
        return "our certificate " + subject + " (issued by " + issuer + ") is not signed by a CA the engine trusts"
                + accepted;
    }

    private static String caName(EngineEndpoint endpoint) {
        return endpoint.tls() != null && endpoint.tls().caCert() != null ? endpoint.tls().caCert().toString() : "ca.pem";
    }

    private static String sanHint(IOException failure) {
        String m = failure.getMessage();
        if (m != null) {
            int i = m.indexOf("subjectAltNames:");
            if (i >= 0) {
                return "The certificate lists " + m.substring(i + "subjectAltNames:".length()).trim() + ". ";
            }
        }
        return "";
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            for (Throwable s : c.getSuppressed()) {
                if (has(s, type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String chainText(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
            for (Throwable s : c.getSuppressed()) {
                sb.append(chainText(s));
            }
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }
}
