package dev.berth.desktop.connect;

import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.system.VersionInfo;
import dev.berth.remote.tls.TlsMaterialException;
import dev.berth.remote.transport.EngineConnectionException;
import dev.berth.remote.transport.TransportOptions;
import java.time.Duration;
import java.util.Locale;

/**
 * The connect wizard's Test: connects the way the app will, asks for the version and the container counts, and turns
 * any failure into a headline that names the cause in plain words plus the client's full explanation.
 */
public final class ConnectionCheck {

    private static final Texts T = Texts.of(ConnectionCheck.class);

    /** Short enough that a silent host does not keep the user waiting long, long enough for a slow TLS handshake. */
    static final TransportOptions OPTIONS = TransportOptions.DEFAULT
            .withConnectTimeout(Duration.ofSeconds(5)).withReadTimeout(Duration.ofSeconds(15));

    /**
     * What the Test button found.
     *
     * @param ok       whether the engine answered
     * @param kind     the connection failure's kind, or {@code null} (success, or another failure)
     * @param headline one short sentence: "Connected to Docker 20.10.24" or the cause ("Connection refused")
     * @param detail   the version and counts, or the full explanation with the remedy
     */
    public record Outcome(boolean ok, EngineConnectionException.Kind kind, String headline, String detail) {
    }

    private ConnectionCheck() {
    }

    /** Blocking: connects, negotiates the API version and reads /version and /info. Never throws. */
    public static Outcome run(EngineEndpoint endpoint) {
        try (EngineClient client = EngineClient.connect(endpoint, OPTIONS)) {
            String api = client.apiVersion().toString();
            VersionInfo version = client.system().version();
            SystemInfo info = client.system().info();
            int running = info.containersRunning() == null ? 0 : info.containersRunning();
            int total = info.containers() == null ? 0 : info.containers();
            String product = version.platform() != null && version.platform().name() != null
                    && !version.platform().name().isBlank() ? version.platform().name() : T.get("check.engine");
            return new Outcome(true, null, T.get("check.connected", product, version.version()),
                    T.get("check.connected.detail", api, version.os(), version.arch(), running, total));
        } catch (RuntimeException e) {
            return failure(e);
        }
    }

    /** The headline and explanation for a failed connection attempt. */
    public static Outcome failure(Throwable failure) {
        if (failure instanceof EngineConnectionException e) {
            return new Outcome(false, e.kind(), headline(e.kind()), e.getMessage());
        }
        if (failure instanceof EngineApiException e && refusesOurVersion(e)) {
            return new Outcome(false, EngineConnectionException.Kind.API_VERSION_UNSUPPORTED,
                    headline(EngineConnectionException.Kind.API_VERSION_UNSUPPORTED),
                    T.get("check.api-refused", e.engineMessage()));
        }
        if (failure instanceof TlsMaterialException e) {
            return new Outcome(false, EngineConnectionException.Kind.TLS_CONFIGURATION,
                    headline(EngineConnectionException.Kind.TLS_CONFIGURATION), e.getMessage());
        }
        if (failure instanceof IllegalArgumentException e) {
            return new Outcome(false, null, T.get("check.bad-address"), e.getMessage());
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new Outcome(false, null, T.get("check.failed"), message);
    }

    /** One short sentence per cause, so that each failure is told apart at a glance. */
    public static String headline(EngineConnectionException.Kind kind) {
        return switch (kind) {
            case SOCKET_MISSING -> T.get("check.kind.socket-missing");
            case NOT_A_SOCKET -> T.get("check.kind.not-a-socket");
            case PERMISSION_DENIED -> T.get("check.kind.permission-denied");
            case CONNECTION_REFUSED -> T.get("check.kind.refused");
            case UNKNOWN_HOST -> T.get("check.kind.unknown-host");
            case CONNECT_TIMEOUT -> T.get("check.kind.connect-timeout");
            case READ_TIMEOUT -> T.get("check.kind.read-timeout");
            case SERVER_CERT_UNKNOWN_CA -> T.get("check.kind.unknown-ca");
            case SERVER_CERT_NAME_MISMATCH -> T.get("check.kind.name-mismatch");
            case SERVER_CERT_EXPIRED -> T.get("check.kind.server-expired");
            case CLIENT_CERT_REJECTED -> T.get("check.kind.client-rejected");
            case TLS_CONFIGURATION -> T.get("check.kind.tls-configuration");
            case TLS_HANDSHAKE -> T.get("check.kind.handshake");
            case HTTP_TO_TLS_PORT -> T.get("check.kind.http-to-tls");
            case TLS_TO_HTTP_PORT -> T.get("check.kind.tls-to-http");
            case API_VERSION_UNSUPPORTED -> T.get("check.kind.api-too-old");
            case IO -> T.get("check.kind.io");
        };
    }

    /** Docker's "client version 1.41 is too old. Minimum supported API version is 1.44" and its relatives. */
    private static boolean refusesOurVersion(EngineApiException e) {
        String message = e.engineMessage() == null ? "" : e.engineMessage().toLowerCase(Locale.ROOT);
        return message.contains("client version") && (message.contains("too old") || message.contains("too new"))
                || message.contains("minimum supported api version");
    }
}
