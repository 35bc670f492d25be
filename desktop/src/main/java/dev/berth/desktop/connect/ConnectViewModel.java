package dev.berth.desktop.connect;

import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.DockerContext;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.endpoint.TlsSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect wizard without its nodes: the address and TLS files being edited, their problems in plain words, the
 * docker contexts to start from, the Test outcome and saving. Engine calls and file I/O run in the background;
 * everything here is touched on the FX thread only.
 */
public final class ConnectViewModel {

    private static final Texts T = Texts.of(ConnectViewModel.class);

    /** A docker context offered as a starting point; {@code endpoint} is null when the context cannot be used. */
    public record ContextChoice(String name, EngineEndpoint endpoint, String problem) {
        @Override
        public String toString() {
            return endpoint == null ? name + " (" + problem + ")" : name + "  " + endpoint.uri();
        }
    }

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final SavedConnections store;
    private final DockerContexts contexts;
    private final ObservableValue<Path> latestCertificates;
    private final Consumer<EngineEntry> onSaved;
    private final Clock clock;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final BooleanProperty tls = new SimpleBooleanProperty(this, "tls", true);
    private final BooleanProperty verify = new SimpleBooleanProperty(this, "verify", true);
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final StringProperty certFile = new SimpleStringProperty(this, "certFile", "");
    private final StringProperty keyFile = new SimpleStringProperty(this, "keyFile", "");
    private final ObjectProperty<ContextChoice> context = new SimpleObjectProperty<>(this, "context");
    private final ObservableList<ContextChoice> contextChoices = FXCollections.observableArrayList();

    private final ReadOnlyStringWrapper nameProblem = new ReadOnlyStringWrapper(this, "nameProblem", "");
    private final ReadOnlyStringWrapper addressProblem = new ReadOnlyStringWrapper(this, "addressProblem", "");
    private final ReadOnlyStringWrapper tlsProblem = new ReadOnlyStringWrapper(this, "tlsProblem", "");
    private final ReadOnlyStringWrapper saveProblem = new ReadOnlyStringWrapper(this, "saveProblem", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyObjectWrapper<ConnectionCheck.Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final BooleanBinding valid;
    /** Set while the wizard fills in the name itself, so that only the user's own typing counts as an edit. */
    private boolean fillingName;
    private boolean nameEdited;

    /**
     * @param latestCertificates the folder the certificate wizard wrote last, or null inside
     * @param onSaved            gets the engines-list entry of a saved connection (FX thread)
     */
    public ConnectViewModel(BackgroundExecutor background, Notifier notifier, SavedConnections store,
                            DockerContexts contexts, ObservableValue<Path> latestCertificates,
                            Consumer<EngineEntry> onSaved, Clock clock) {
        this.background = background;
        this.notifier = notifier;
        this.store = store;
        this.contexts = contexts;
        this.latestCertificates = latestCertificates;
        this.onSaved = onSaved;
        this.clock = clock;
        Observable[] inputs = {name, address, tls, verify, caFile, certFile, keyFile};
        for (Observable input : inputs) {
            input.addListener(o -> {
                validate();
                outcome.set(null); // a result is only true for what was tested
                saveProblem.set("");
            });
        }
        name.addListener((obs, old, now) -> nameEdited |= !fillingName);
        address.addListener((obs, old, now) -> suggestName());
        context.addListener((obs, old, chosen) -> useContext(chosen));
        valid = Bindings.createBooleanBinding(
                () -> nameProblem.get().isEmpty() && addressProblem.get().isEmpty() && tlsProblem.get().isEmpty(),
                nameProblem, addressProblem, tlsProblem);
        validate();
    }

    /** Loads the docker contexts to offer; call when the window opens. */
    public void activate() {
        background.submit(T.get("job.read-contexts"), this::readContexts)
                .onSuccess(contextChoices::setAll)
                .onFailure(e -> notifier.error(T.get("error.read-contexts"), e));
    }

    private List<ContextChoice> readContexts() {
        List<ContextChoice> choices = new ArrayList<>();
        for (DockerContext c : contexts.list()) {
            try {
                choices.add(new ContextChoice(c.name(), c.toEndpoint(), null));
            } catch (IllegalArgumentException e) {
                choices.add(new ContextChoice(c.name(), null, e.getMessage()));
            }
        }
        return choices;
    }

    // ---- inputs

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public BooleanProperty tlsProperty() {
        return tls;
    }

    public BooleanProperty verifyProperty() {
        return verify;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public StringProperty certFileProperty() {
        return certFile;
    }

    public StringProperty keyFileProperty() {
        return keyFile;
    }

    /** Choosing a context copies its address and TLS files into the fields. */
    public ObjectProperty<ContextChoice> contextProperty() {
        return context;
    }

    public ObservableList<ContextChoice> contextChoices() {
        return contextChoices;
    }

    /** The certificate wizard's latest folder, or null. */
    public ObservableValue<Path> latestCertificates() {
        return latestCertificates;
    }

    // ---- state

    public ReadOnlyStringProperty nameProblemProperty() {
        return nameProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressProblemProperty() {
        return addressProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tlsProblemProperty() {
        return tlsProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveProblemProperty() {
        return saveProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last Test's outcome; null before the first Test and after any edit. */
    public ReadOnlyObjectProperty<ConnectionCheck.Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Whether the fields describe a connection that can be tested and saved. */
    public BooleanBinding validProperty() {
        return valid;
    }

    // ---- actions

    /** Fills ca.pem, cert.pem and key.pem from a certificate folder (the generate wizard's, DOCKER_CERT_PATH). */
    public void useFolder(Path folder) {
        if (folder == null) {
            return;
        }
        Path dir = folder.toAbsolutePath().normalize();
        tls.set(true);
        caFile.set(dir.resolve(TlsSettings.CA_FILE).toString());
        certFile.set(dir.resolve(TlsSettings.CERT_FILE).toString());
        keyFile.set(dir.resolve(TlsSettings.KEY_FILE).toString());
    }

    /** Starts from an address and a certificate folder (the generate wizard's "Connect with these certificates"). */
    public void prefill(String host, Path folder) {
        if (host != null) {
            address.set(host);
        }
        useFolder(folder);
    }

    private void useContext(ContextChoice chosen) {
        if (chosen == null || chosen.endpoint() == null) {
            return;
        }
        EngineEndpoint endpoint = chosen.endpoint();
        address.set(endpoint.uri().toString());
        TlsSettings settings = endpoint.tls();
        tls.set(settings != null);
        verify.set(settings == null || settings.verifyServer());
        caFile.set(text(settings == null ? null : settings.caCert()));
        certFile.set(text(settings == null ? null : settings.clientCert()));
        keyFile.set(text(settings == null ? null : settings.clientKey()));
        if (!nameEdited) {
            fillName(chosen.name());
        }
    }

    /** Tests the connection in the background; the outcome arrives in {@link #outcomeProperty()}. */
    public void test() {
        SavedConnection draft;
        try {
            draft = draft();
        } catch (IllegalArgumentException e) {
            outcome.set(ConnectionCheck.failure(e));
            return;
        }
        busy.set(true);
        outcome.set(null);
        background.submit(T.get("job.test", draft.host()), () -> ConnectionCheck.run(draft.endpoint()))
                .onSuccess(outcome::set)
                .onFailure(e -> outcome.set(ConnectionCheck.failure(e)))
                .andFinally(() -> busy.set(false));
    }

    /**
     * Saves the connection in the background (paths only) and hands its engines-list entry to the app; then runs
     * {@code done}. A failure is shown in {@link #saveProblemProperty()}.
     */
    public void save(Runnable done) {
        SavedConnection draft;
        try {
            draft = draft();
        } catch (IllegalArgumentException e) {
            saveProblem.set(e.getMessage());
            return;
        }
        busy.set(true);
        background.submit(T.get("job.save", draft.name()), () -> {
            store.save(draft);
            return SavedConnections.entry(draft, clock);
        }).onSuccess(entry -> {
            onSaved.accept(entry);
            notifier.info(T.get("save.done", draft.name()));
            done.run();
        }).onFailure(e -> saveProblem.set(T.get("save.failed", Notifier.userMessage(e))))
                .andFinally(() -> busy.set(false));
    }

    /** What the fields describe. @throws IllegalArgumentException in plain words */
    SavedConnection draft() {
        boolean useTls = tls.get();
        SavedConnection draft = new SavedConnection(name.get(), address.get(), useTls, verify.get(),
                useTls ? path(caFile.get(), T.get("path.ca")) : null,
                useTls ? path(certFile.get(), T.get("path.cert")) : null,
                useTls ? path(keyFile.get(), T.get("path.key")) : null);
        draft.endpoint(); // parses the address
        return draft;
    }

    private void validate() {
        nameProblem.set(name.get() == null || name.get().isBlank() ? T.get("problem.name")
                : "");
        String host = address.get() == null ? "" : address.get().strip();
        String addressText = "";
        String tlsText = "";
        EngineEndpoint endpoint = null;
        if (host.isEmpty()) {
            addressText = T.get("problem.address");
        } else {
            try {
                endpoint = EngineEndpoint.parse(host, null, "connect wizard");
            } catch (IllegalArgumentException e) {
                addressText = e.getMessage();
            }
        }
        if (tls.get()) {
            if (endpoint != null && endpoint.isUnix()) {
                tlsText = T.get("problem.tls-unix");
            } else if (blank(certFile.get()) != blank(keyFile.get())) {
                tlsText = T.get("problem.cert-pair");
            } else {
                tlsText = java.util.stream.Stream.of(pathProblem(caFile.get(), T.get("path.ca")),
                        pathProblem(certFile.get(), T.get("path.cert")), pathProblem(keyFile.get(), T.get("path.key")))
                        .filter(p -> !p.isEmpty()).collect(java.util.stream.Collectors.joining(" "));
            }
        }
        addressProblem.set(addressText);
        tlsProblem.set(tlsText);
    }

    private void suggestName() {
        if (nameEdited) {
            return;
        }
        try {
            EngineEndpoint endpoint = EngineEndpoint.parse(address.get(), null, "connect wizard");
            fillName(endpoint.isUnix() ? endpoint.unixSocketPath().getFileName().toString() : endpoint.host());
        } catch (RuntimeException e) {
            // not an address yet
        }
    }

    private void fillName(String value) {
        fillingName = true;
        try {
            name.set(value);
        } finally {
            fillingName = false;
        }
    }

    private static String pathProblem(String text, String what) {
        if (blank(text)) {
            return "";
        }
        try {
            Path.of(text.strip());
            return "";
        } catch (InvalidPathException e) {
            return T.get("problem.path", what);
        }
    }

    private static Path path(String text, String what) {
        if (blank(text)) {
            return null;
        }
        try {
            return Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(T.get("problem.path-detail", what, text), e);
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String text(Path path) {
        return path == null ? "" : path.toString();
    }
}
