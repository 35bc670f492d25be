package dev.berth.desktop.embedded;

import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.i18n.Texts;
import dev.berth.engine.Engine;
import dev.berth.engine.cli.EngineOptions;
import dev.berth.engine.cli.EngineOptionsParser;
import dev.berth.engine.host.LibC;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.transport.TransportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Berth's own engine, first in the engines list. The app uses a {@code berth engine} that already serves the default
 * socket, or starts one in its own process; either way the app talks to it through remote/ over that socket. Closing
 * the app stops serving but leaves containers running: the next start adopts them. Settings may add listener flags
 * (a TCP address with TLS) and restart it; the engine then starts as {@code berth engine} would with those flags.
 */
public final class EmbeddedEngine implements EmbeddedEngineControl, AutoCloseable {

    private static final Texts T = Texts.of(EmbeddedEngine.class);

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);
    private static final TransportOptions PING = TransportOptions.DEFAULT
            .withConnectTimeout(Duration.ofSeconds(2)).withReadTimeout(Duration.ofSeconds(5));

    private final EngineOptions options;
    private final EngineEndpoint endpoint;
    private Engine engine;
    private List<String> extraFlags = List.of();
    private String droppedFlagsProblem;

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
            engine = startWithFlagsOrWithout();
            LOG.info("embedded engine serving {}", engine.listening());
            return null;
        } catch (Engine.StartupException e) {
            LOG.warn("embedded engine did not start: {}", e.getMessage());
            return T.get("engine.failed", e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("embedded engine failed", e);
            return T.get("engine.failed", e.getMessage());
        }
    }

    /**
     * The listener flags the engine starts with from now on (the saved remote-access settings, at start-up); a
     * running engine keeps its flags until {@link #restart}.
     */
    public synchronized void useExtraFlags(List<String> flags) {
        extraFlags = List.copyOf(flags);
    }

    /** With the extra flags; if the engine refuses them, without them, so that the app keeps working. */
    private Engine startWithFlagsOrWithout() throws Engine.StartupException {
        droppedFlagsProblem = null;
        if (!extraFlags.isEmpty()) {
            try {
                return Engine.start(optionsWith(extraFlags));
            } catch (Engine.StartupException | EngineOptionsParser.UsageException e) {
                LOG.warn("embedded engine did not start with {}: {}; starting it without them", extraFlags,
                        e.getMessage());
                droppedFlagsProblem = e.getMessage();
            }
        }
        return Engine.start(options);
    }

    @Override
    public EngineEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public synchronized Availability availability() {
        if (engine != null) {
            return Availability.AVAILABLE;
        }
        if (answersPing()) {
            return Availability.STARTED_OUTSIDE_THE_APP;
        }
        return LibC.INSTANCE.geteuid() == 0 ? Availability.AVAILABLE : Availability.NOT_ROOT;
    }

    @Override
    public synchronized List<String> listening() {
        return engine == null ? List.of() : engine.listening();
    }

    @Override
    public synchronized String droppedFlagsProblem() {
        return droppedFlagsProblem;
    }

    @Override
    public synchronized List<String> restart(List<String> flags) throws StartFailure {
        if (availability() != Availability.AVAILABLE) {
            throw new StartFailure("Berth's engine is not run by this app", null);
        }
        if (engine != null) {
            engine.close(); // stops serving; containers keep running under conmon
            engine = null;
        }
        extraFlags = List.copyOf(flags);
        droppedFlagsProblem = null;
        try {
            engine = Engine.start(optionsWith(extraFlags));
        } catch (Engine.StartupException | EngineOptionsParser.UsageException e) {
            LOG.warn("embedded engine did not start with {}: {}", extraFlags, e.getMessage());
            throw new StartFailure(e.getMessage(), e);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("embedded engine failed", e);
            throw new StartFailure(String.valueOf(e.getMessage()), e);
        }
        LOG.info("embedded engine restarted, serving {}", engine.listening());
        return engine.listening();
    }

    /**
     * The engine's own options written as {@code berth engine} flags, then {@code extra}, read by the engine's own
     * parser: the listener flags mean exactly what they mean on the command line.
     */
    EngineOptions optionsWith(List<String> extra) throws EngineOptionsParser.UsageException {
        if (extra.isEmpty()) {
            return options;
        }
        List<String> args = new ArrayList<>();
        options.hosts().forEach(h -> args.addAll(List.of("-H", h)));
        args.addAll(List.of("--data-root", options.dataRoot().toString(), "--exec-root", options.execRoot().toString(),
                "--runtime", options.runtime(), "--log-level", options.logLevel(), "--bridge", options.bridge(),
                "--bip", options.bip(), "--default-address-pool",
                "base=" + options.addressPoolBase() + ",size=" + options.addressPoolSize()));
        if (options.group() != null) {
            args.addAll(List.of("--group", options.group()));
        }
        args.addAll(extra);
        EngineOptions parsed = EngineOptionsParser.parse(args);
        // a group the base options leave unset stays unset (the parser would default it)
        return options.group() != null ? parsed : new EngineOptions(parsed.hosts(), parsed.dataRoot(),
                parsed.execRoot(), parsed.runtime(), parsed.logLevel(), null, parsed.tls(), parsed.tlsVerify(),
                parsed.tlsCaCert(), parsed.tlsCert(), parsed.tlsKey(), parsed.allowInsecureTcp(), parsed.bridge(),
                parsed.bip(), parsed.addressPoolBase(), parsed.addressPoolSize());
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
