package dev.berth.desktop.engines;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.transport.TransportOptions;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The engines sidebar: every engine found, its live status, and the selected one's session. Switching engines opens
 * the new session in the background; the window never waits for an engine.
 */
public final class EnginesViewModel implements AutoCloseable {

    private static final Texts T = Texts.of(EnginesViewModel.class);

    private static final TransportOptions STATUS_PROBE = TransportOptions.DEFAULT
            .withConnectTimeout(Duration.ofSeconds(3)).withReadTimeout(Duration.ofSeconds(10));

    private final EngineCatalog catalog;
    private final BackgroundExecutor background;
    private final TransportOptions sessionOptions;
    private final ObservableList<EngineEntry> engines = FXCollections.observableArrayList();
    private final ObjectProperty<EngineEntry> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<EngineSession> session = new ReadOnlyObjectWrapper<>();
    private final ObservableList<EngineAction> actions = FXCollections.observableArrayList();

    public EnginesViewModel(EngineCatalog catalog, BackgroundExecutor background) {
        this(catalog, background, TransportOptions.DEFAULT);
    }

    /** @param sessionOptions how the selected engine's client connects (and who watches its traffic) */
    public EnginesViewModel(EngineCatalog catalog, BackgroundExecutor background, TransportOptions sessionOptions) {
        this.catalog = catalog;
        this.background = background;
        this.sessionOptions = sessionOptions;
        selected.addListener((obs, old, now) -> open(now));
    }

    public ObservableList<EngineEntry> engines() {
        return engines;
    }

    public ObjectProperty<EngineEntry> selectedProperty() {
        return selected;
    }

    /** The selected engine's open session, or null while none is selected. */
    public ReadOnlyObjectProperty<EngineSession> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public List<String> placesLookedAt() {
        return catalog.placesLookedAt();
    }

    /** Finds engines (in the background) and checks each one's status; selects the first reachable one. */
    public void discover() {
        background.submit(T.get("job.discover"), catalog::discover).onSuccess(found -> {
            engines.setAll(found);
            found.forEach(this::checkStatus);
        });
    }

    /**
     * Lists an engine added while the app runs (a connection just saved) and checks it. It takes the place of the
     * entry with the same address, or of the same name and origin (a saved connection saved again).
     */
    public void add(EngineEntry entry) {
        String address = entry.endpoint().uri().toString();
        int at = -1;
        for (int i = 0; i < engines.size() && at < 0; i++) {
            EngineEntry e = engines.get(i);
            if (e.endpoint().uri().toString().equals(address)
                    || e.name().equals(entry.name()) && e.origin().equals(entry.origin())) {
                at = i;
            }
        }
        boolean wasSelected = at >= 0 && selected.get() == engines.get(at);
        if (at >= 0) {
            engines.set(at, entry);
        } else {
            engines.add(entry);
        }
        checkStatus(entry);
        if (wasSelected) {
            selected.set(entry);
        }
    }

    /** App-wide actions the engines sidebar offers as buttons beside its heading (connect, certificates). */
    public ObservableList<EngineAction> actions() {
        return actions;
    }

    public void refreshStatuses() {
        engines.forEach(this::checkStatus);
    }

    /** Re-reads one engine's status, e.g. after its containers changed. */
    public void refreshStatus(EngineEntry entry) {
        checkStatus(entry);
    }

    /**
     * The engine at this address restarted (Settings changed how it listens): its status is read again and, if it
     * is the selected one, its session is opened anew.
     */
    public void reconnect(dev.berth.remote.endpoint.EngineEndpoint endpoint) {
        String address = endpoint.uri().toString();
        for (EngineEntry e : engines) {
            if (e.endpoint().uri().toString().equals(address)) {
                checkStatus(e);
                if (selected.get() == e) {
                    open(e);
                }
            }
        }
    }

    private void checkStatus(EngineEntry entry) {
        background.submit(T.get("job.check", entry.name()), () -> probe(entry)).onSuccess(status -> {
            entry.setStatus(status);
            selectFirstReachable();
        });
    }

    /**
     * Opens on the first reachable engine in list order (the embedded engine leads the list), waiting for the ones
     * before it to answer rather than taking whichever answered first.
     */
    private void selectFirstReachable() {
        if (selected.get() != null) {
            return;
        }
        for (EngineEntry e : engines) {
            if (e.status().state() == EngineStatus.State.CHECKING) {
                return;
            }
            if (e.status().reachable()) {
                selected.set(e);
                return;
            }
        }
    }

    private static EngineStatus probe(EngineEntry entry) {
        String problem = entry.prepare();
        if (problem != null) {
            return EngineStatus.unreachable(problem);
        }
        try (EngineClient client = EngineClient.connect(entry.endpoint(), STATUS_PROBE)) {
            String api = client.apiVersion().toString();
            SystemInfo info = client.system().info();
            return new EngineStatus(EngineStatus.State.REACHABLE, info.serverVersion(), api,
                    nz(info.containersRunning()), nz(info.containers()), null);
        } catch (RuntimeException e) {
            return EngineStatus.unreachable(e.getMessage());
        }
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }

    private void open(EngineEntry entry) {
        EngineSession previous = session.get();
        session.set(null);
        if (previous != null) {
            background.execute(previous::close);
        }
        if (entry != null) {
            background.submit(T.get("job.connect", entry.name()),
                    () -> new EngineSession(entry.name(), entry.endpoint(), background, sessionOptions))
                    .onSuccess(opened -> {
                        if (selected.get() == entry) {
                            session.set(opened);
                        } else {
                            background.execute(opened::close);
                        }
                    });
        }
    }

    @Override
    public void close() {
        EngineSession s = session.get();
        if (s != null) {
            s.close();
        }
    }
}
