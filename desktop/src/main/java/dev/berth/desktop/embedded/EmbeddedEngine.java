package dev.berth.desktop.embedded;

import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.i18n.Texts;
import dev.berth.engine.Engine;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.host.LibC;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.TransportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's own engine, first in the engines list. The app uses a {@code berth engine} that already serves the default
 * socket, or starts one in its own process; either way the app talks to it through remote/ over that socket. Closing
 * the app stops serving but leaves containers running: the next start adopts them.
 */
public final class EmbeddedEngine implements AutoCloseable {

    private static final Texts T = Texts.of(EmbeddedEngine.class);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
    private static final TransportOptions PING = TransportOptions.DEFAULT
            .withConnectTimeout(Duration.ofSeconds(2)).withReadTimeout(Duration.ofSeconds(5));

    private final EngineOptions options;
    private final EngineEndpoint endpoint;
    private Engine engine;

    public EmbeddedEngine(EngineOptions options) {
        this.options = options;
        this.endpoint = EngineEndpoint.parse(options.hosts().get(0), null, "embedded");
    }

    /** The engine as users run it: /run/berth/berth.sock, /var/lib/berth. */
    public static EmbeddedEngine standard() {
        return new EmbeddedEngine(EngineOptions.defaults());
    }

    public EngineEntry entry() {
        return new EngineEntry("Berth", "embedded engine", endpoint, this::ensureRunning);
    }

    /** Makes sure the engine serves its socket; null when it does, else why not. Blocking, idempotent. */
    public synchronized String ensureRunning() {
        if (engine != null) {
            return null;
        }
        if (answersPing()) {
            return null;
        }
        if (LibC.INSTANCE.geteuid() != 0) {
            return T.get("engine.needs-root", socket());
        }
        try {
            engine = Engine.start(options);
            LOG.info("embedded engine serving {}", endpoint.uri());
            return null;
        } catch (Engine.StartupException e) {
            LOG.warn("embedded engine did not start: {}", e.getMessage());
            return T.get("engine.failed", e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("embedded engine failed", e);
            return T.get("engine.failed", e.getMessage());
        }
    }

    private boolean answersPing() {
        if (!Files.exists(socket())) {
            return false;
        }
        try (EngineClient client = EngineClient.connect(endpoint, PING)) {
            client.system().ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Path socket() {
        return endpoint.unixSocketPath();
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
