package dev.berth.desktop.settings;

import dev.berth.desktop.embedded.EmbeddedEngineControl;
import dev.berth.desktop.embedded.EmbeddedEngineControl.Availability;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.EngineEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings: the UI's language (from the next start) and remote access to the embedded engine over TLS. Fields are
 * checked in the background as they change; Apply saves them and restarts the engine with the listener flags, or
 * without them when it cannot listen, so the app keeps its engine. FX thread only.
 */
public final class SettingsViewModel {

    private static final Texts T = Texts.of(SettingsViewModel.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    /** What the remote-access section shows below its fields. */
    public enum ListenerState { LOADING, UNAVAILABLE, OFF, LISTENING, RESTARTING, REFUSED, FAILED }

    private final BackgroundExecutor background;
    private final SettingsStore store;
    private final EmbeddedEngineControl engine;
    private final Consumer<EngineEndpoint> engineRestarted;
    private final ObservableValue<Path> latestCertificates;
    private final Clock clock;

    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(Language.SYSTEM);
    private final StringProperty languageNote = new SimpleStringProperty("");
    private final BooleanProperty enabled = new SimpleBooleanProperty();
    private final StringProperty address = new SimpleStringProperty(RemoteAccess.DEFAULT_ADDRESS);
    private final StringProperty port = new SimpleStringProperty(Integer.toString(RemoteAccess.DEFAULT_PORT));
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty addressProblem = new SimpleStringProperty("");
    private final StringProperty portProblem = new SimpleStringProperty("");
    private final StringProperty folderProblem = new SimpleStringProperty("");
    private final StringProperty certificate = new SimpleStringProperty("");
    private final BooleanProperty available = new SimpleBooleanProperty();
    private final StringProperty unavailableReason = new SimpleStringProperty("");
    private final ObjectProperty<ListenerState> state = new SimpleObjectProperty<>(ListenerState.LOADING);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObservableList<String> clientSetup = FXCollections.observableArrayList();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanBinding canApply;

    private final ChangeListener<Object> onFieldChange = (obs, old, now) -> validate();
    private final ChangeListener<Path> onNewCertificates = (obs, old, now) -> {
        if (now != null) {
            folder.set(now.toString());
        }
    };
    private final ChangeListener<Language> onLanguage = (obs, old, now) -> saveLanguage(now);
    private int validations;
    private boolean active;

    /**
     * @param engine             the engine the app runs itself, or null when it runs none (other engines only)
     * @param engineRestarted    told (FX thread) after the engine restarted, so sessions to it reconnect
     * @param latestCertificates the certificate wizard's latest output folder, offered as the certificate folder
     */
    public SettingsViewModel(BackgroundExecutor background, SettingsStore store, EmbeddedEngineControl engine,
                             Consumer<EngineEndpoint> engineRestarted, ObservableValue<Path> latestCertificates,
                             Clock clock) {
        this.background = background;
        this.store = store;
        this.engine = engine;
        this.engineRestarted = engineRestarted;
        this.latestCertificates = latestCertificates;
        this.clock = clock;
        canApply = Bindings.createBooleanBinding(() -> available.get() && !checking.get()
                        && state.get() != ListenerState.RESTARTING && state.get() != ListenerState.LOADING
                        && (!enabled.get() || addressProblem.get().isEmpty() && portProblem.get().isEmpty()
                        && folderProblem.get().isEmpty()),
                available, checking, state, enabled, addressProblem, portProblem, folderProblem);
    }

    // ---- what the view binds to -------------------------------------------------------------------------------

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    /** Said once the language changed: it applies from the next start. */
    public StringProperty languageNoteProperty() {
        return languageNote;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty folderProperty() {
        return folder;
    }

    public StringProperty addressProblemProperty() {
        return addressProblem;
    }

    public StringProperty portProblemProperty() {
        return portProblem;
    }

    public StringProperty folderProblemProperty() {
        return folderProblem;
    }

    /** The server certificate's hosts and expiry, once the folder checks out. */
    public StringProperty certificateProperty() {
        return certificate;
    }

    /** Whether the app runs the embedded engine, so that its listener can be changed here. */
    public BooleanProperty availableProperty() {
        return available;
    }

    public StringProperty unavailableReasonProperty() {
        return unavailableReason;
    }

    public ObjectProperty<ListenerState> stateProperty() {
        return state;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The lines a docker CLI user sets to reach the engine, while it listens. */
    public ObservableList<String> clientSetup() {
        return clientSetup;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    /** Loads the saved settings and how the engine listens now; starts checking fields as they change. */
    public void activate() {
        active = true;
        state.set(ListenerState.LOADING);
        status.set(T.get("status.loading"));
        background.submit("Reading settings", this::loadInBackground).onSuccess(this::showLoaded)
                .onFailure(e -> status.set(T.get("status.loadFailed", message(e))));
    }

    /** The window closed: stop following fields and the certificate wizard. */
    public void deactivate() {
        active = false;
        language.removeListener(onLanguage);
        for (ObservableValue<?> field : List.of(enabled, address, port, folder)) {
            field.removeListener(onFieldChange);
        }
        latestCertificates.removeListener(onNewCertificates);
    }

    private record Loaded(Settings settings, Availability availability, List<String> listening, String dropped,
                          CertificateFolder.Result certificates) {
    }

    private Loaded loadInBackground() {
        Settings settings = store.load();
        if (engine == null) {
            return new Loaded(settings, null, List.of(), null, null);
        }
        Path folder = settings.remoteAccess().certificateFolder();
        return new Loaded(settings, engine.availability(), engine.listening(), engine.droppedFlagsProblem(),
                CertificateFolder.check(folder == null ? null : folder.toString(), clock));
    }

    private void showLoaded(Loaded loaded) {
        if (!active) {
            return;
        }
        RemoteAccess remote = loaded.settings().remoteAccess();
        language.set(loaded.settings().language());
        enabled.set(remote.enabled());
        address.set(remote.address());
        port.set(Integer.toString(remote.port()));
        Path latest = latestCertificates.getValue();
        Path chosen = remote.certificateFolder() != null ? remote.certificateFolder() : latest;
        folder.set(chosen == null ? "" : chosen.toString());
        language.addListener(onLanguage);
        for (ObservableValue<?> field : List.of(enabled, address, port, folder)) {
            field.addListener(onFieldChange);
        }
        latestCertificates.addListener(onNewCertificates);
        if (loaded.availability() != Availability.AVAILABLE) {
            available.set(false);
            unavailableReason.set(loaded.availability() == null ? T.get("unavailable.noEmbeddedEngine")
                    : switch (loaded.availability()) {
                        case NOT_ROOT -> T.get("unavailable.notRoot");
                        case STARTED_OUTSIDE_THE_APP -> T.get("unavailable.startedOutside");
                        case AVAILABLE -> "";
                    });
            state.set(ListenerState.UNAVAILABLE);
            status.set("");
            return;
        }
        available.set(true);
        unavailableReason.set("");
        validate();
        String tcp = tcpListener(loaded.listening());
        if (tcp != null) {
            showListening(tcp, remote, loaded.certificates().folder());
        } else if (remote.enabled() && loaded.dropped() != null) {
            state.set(ListenerState.FAILED);
            status.set(T.get("status.droppedAtStart", loaded.dropped()));
            clientSetup.clear();
        } else {
            showOff();
        }
    }

    // ---- language ---------------------------------------------------------------------------------------------

    private void saveLanguage(Language chosen) {
        background.submit("Saving the language", () -> store.update(s -> s.withLanguage(chosen))).onSuccess(s -> languageNote.set(T.get("language.restart")))
                .onFailure(e -> languageNote.set(T.get("save.failed", message(e))));
    }

    // ---- checking the fields ----------------------------------------------------------------------------------

    /** What the fields say, checked in the background. */
    private record Check(String addressProblem, String portProblem, CertificateFolder.Result folder) {

        boolean ok() {
            return addressProblem == null && portProblem == null && folder.ok();
        }
    }

    private record Form(boolean enabled, String address, String port, String folder) {
    }

    private Form form() {
        return new Form(enabled.get(), address.get(), port.get(), folder.get());
    }

    private Check check(Form form) {
        InetAddress ip = ListenerChecks.address(form.address());
        String addressIssue = ListenerChecks.addressProblem(form.address());
        Set<Integer> enginePorts = engine == null ? Set.of() : engine.listening().stream()
                .filter(h -> h.startsWith("tcp://")).map(h -> URI.create(h).getPort()).collect(Collectors.toSet());
        String portIssue = ListenerChecks.portProblem(form.port(), ip, enginePorts);
        return new Check(addressIssue, portIssue, CertificateFolder.check(form.folder(), clock));
    }

    private void validate() {
        if (!active || !available.get()) {
            return;
        }
        int generation = ++validations;
        Form form = form();
        checking.set(true);
        background.submit("Checking the remote access settings", () -> check(form)).onSuccess(c -> {
            if (generation == validations) {
                show(c);
            }
        }).andFinally(() -> {
            if (generation == validations) {
                checking.set(false);
            }
        });
    }

    private void show(Check c) {
        addressProblem.set(c.addressProblem() == null ? "" : c.addressProblem());
        portProblem.set(c.portProblem() == null ? "" : c.portProblem());
        folderProblem.set(c.folder().ok() ? "" : c.folder().problem());
        certificate.set(c.folder().ok() ? describe(c.folder().folder()) : "");
    }

    private static String describe(CertificateFolder f) {
        return T.get("certificate.summary", String.join(", ", f.hosts()), DATE.format(f.server().notAfter()),
                Long.toString(f.server().daysUntilExpiry()));
    }

    // ---- applying ---------------------------------------------------------------------------------------------

    private sealed interface Outcome {
    }

    private record Refused(Check check) implements Outcome {
    }

    private record Listening(String host, RemoteAccess remote, CertificateFolder certificates) implements Outcome {
    }

    /** @param down why the engine did not start again without the listener, or null */
    private record Off(boolean restarted, String down) implements Outcome {
    }

    /** The listener could not start; the engine runs again without it (or, with {@code down}, not at all). */
    private record Failed(String host, String why, String down) implements Outcome {
    }

    /** Saves the remote-access fields and restarts the engine to match them. */
    public void apply() {
        if (!canApply.get()) {
            return;
        }
        Form form = form();
        state.set(ListenerState.RESTARTING);
        status.set(T.get("status.restarting"));
        clientSetup.clear();
        background.submit("Restarting Berth's engine", () -> applyInBackground(form))
                .onSuccess(this::showOutcome)
                .onFailure(e -> {
                    state.set(ListenerState.FAILED);
                    status.set(T.get("save.failed", message(e)));
                });
    }

    private Outcome applyInBackground(Form form) {
        Check c = check(form);
        if (form.enabled() && !c.ok()) {
            return new Refused(c);
        }
        RemoteAccess before = store.load().remoteAccess();
        int portNumber = ListenerChecks.port(form.port());
        RemoteAccess remote = new RemoteAccess(form.enabled(),
                c.addressProblem() == null ? form.address().strip() : before.address(),
                portNumber > 0 ? portNumber : before.port(),
                c.folder().ok() ? c.folder().folder().folder() : before.certificateFolder());
        store.update(s -> s.withRemoteAccess(remote));
        if (!remote.enabled()) {
            if (tcpListener(engine.listening()) == null) {
                return new Off(false, null);
            }
            try {
                engine.restart(List.of());
                return new Off(true, null);
            } catch (EmbeddedEngineControl.StartFailure e) {
                return new Off(true, e.getMessage());
            }
        }
        try {
            List<String> listening = engine.restart(remote.startFlags());
            return new Listening(tcpListener(listening), remote, c.folder().folder());
        } catch (EmbeddedEngineControl.StartFailure failure) {
            store.update(s -> s.withRemoteAccess(remote.withEnabled(false))); // the next start must not fail again
            String down = null;
            try {
                engine.restart(List.of());
            } catch (EmbeddedEngineControl.StartFailure again) {
                down = again.getMessage();
            }
            return new Failed(remote.hostUri(), failure.getMessage(), down);
        }
    }

    private void showOutcome(Outcome outcome) {
        if (outcome instanceof Refused r) {
            show(r.check());
            state.set(ListenerState.REFUSED);
            status.set(T.get("status.refused"));
            return; // nothing restarted
        }
        if (outcome instanceof Listening l) {
            showListening(l.host(), l.remote(), l.certificates());
        } else if (outcome instanceof Off o) {
            if (o.down() != null) {
                state.set(ListenerState.FAILED);
                status.set(T.get("status.down", o.down()));
            } else {
                showOff();
            }
            if (!o.restarted()) {
                return;
            }
        } else if (outcome instanceof Failed f) {
            enabled.set(false);
            state.set(ListenerState.FAILED);
            status.set(f.down() == null ? T.get("status.failed", f.host(), f.why())
                    : T.get("status.failedAndDown", f.host(), f.why(), f.down()));
        }
        engineRestarted.accept(engine.endpoint());
    }

    private void showOff() {
        state.set(ListenerState.OFF);
        status.set(T.get("status.off", engine.endpoint().uri().toString()));
        clientSetup.clear();
    }

    private void showListening(String host, RemoteAccess remote, CertificateFolder certificates) {
        state.set(ListenerState.LISTENING);
        status.set(T.get("status.listening", host));
        String clientHost = certificates == null ? remote.address() : clientHost(remote.address(), certificates);
        List<String> lines = new ArrayList<>();
        lines.add("export DOCKER_HOST=tcp://" + (clientHost.contains(":") ? "[" + clientHost + "]" : clientHost)
                + ":" + remote.port());
        lines.add("export DOCKER_TLS_VERIFY=1");
        lines.add("export DOCKER_CERT_PATH=" + remote.certificateFolder());
        clientSetup.setAll(lines);
        if (certificates != null && !certificates.clientBundle()) {
            status.set(status.get() + " " + T.get("status.noClientCertificate"));
        }
    }

    /**
     * The name a client should use: the listen address when the certificate names it; for all addresses, the
     * certificate's first name that is not loopback (a client elsewhere cannot use localhost); else its first name.
     */
    static String clientHost(String listenAddress, CertificateFolder certificates) {
        List<String> hosts = certificates.hosts();
        if (hosts.contains(listenAddress)) {
            return listenAddress;
        }
        for (String h : hosts) {
            if (!h.equals("localhost") && !h.startsWith("127.") && !h.equals("::1")) {
                return h;
            }
        }
        return hosts.isEmpty() ? listenAddress : hosts.get(0);
    }

    private static String tcpListener(List<String> listening) {
        return listening.stream().filter(h -> h.startsWith("tcp://")).findFirst().orElse(null);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
