package dev.berth.desktop.tlswizard;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Job;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.endpoint.ContextDefinition;
import dev.berth.remote.endpoint.ContextTlsMaterial;
import dev.berth.remote.endpoint.DockerContexts;
import dev.berth.remote.tls.BundleFile.Role;
import dev.berth.remote.tls.CertificateAuthority;
import dev.berth.remote.tls.HostNames;
import dev.berth.remote.tls.KeyType;
import dev.berth.remote.tls.TlsBundle;
import dev.berth.remote.tls.TlsBundleGenerator;
import dev.berth.remote.tls.TlsBundleRequest;
import dev.berth.remote.tls.TlsMaterialException;
import dev.berth.remote.tls.TlsUsageText;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javafx.animation.PauseTransition;
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
import javafx.beans.value.WritableValue;
import javafx.util.Duration;

/**
 * The certificate wizard without its nodes: the answers, a problem per answer in plain words (checked as the user
 * types; what needs the disk — the CA folder and its passphrase, the output folder — is checked in the background a
 * moment after the last keystroke), generating on Finish, and creating a docker context for the result. FX thread
 * only, except inside the background jobs.
 */
public final class TlsWizardViewModel {

    private static final Texts T = Texts.of(TlsWizardViewModel.class);

    private static final Duration CHECK_DELAY = Duration.millis(250);
    private static final int MIN_PASSPHRASE = 4;

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final DockerContexts contexts;
    private final TlsBundleGenerator generator;
    private final Path certificatesRoot;
    private final WritableValue<Path> latestCertificates;

    // ---- answers
    private final BooleanProperty clientOnly = new SimpleBooleanProperty(this, "clientOnly", false);
    private final BooleanProperty newCa = new SimpleBooleanProperty(this, "newCa", true);
    private final StringProperty caFolder = new SimpleStringProperty(this, "caFolder", "");
    private final StringProperty passphrase = new SimpleStringProperty(this, "passphrase", "");
    private final StringProperty passphraseRepeat = new SimpleStringProperty(this, "passphraseRepeat", "");
    private final StringProperty hosts = new SimpleStringProperty(this, "hosts", "");
    private final StringProperty clientName = new SimpleStringProperty(this, "clientName",
            TlsBundleRequest.DEFAULT_CLIENT_NAME);
    private final ObjectProperty<KeyType> keyType = new SimpleObjectProperty<>(this, "keyType",
            TlsBundleRequest.DEFAULT_KEY_TYPE);
    private final StringProperty days = new SimpleStringProperty(this, "days",
            Integer.toString(TlsBundleRequest.DEFAULT_DAYS));
    private final StringProperty port = new SimpleStringProperty(this, "port", Integer.toString(TlsUsageText.DEFAULT_PORT));
    private final StringProperty outputFolder = new SimpleStringProperty(this, "outputFolder", "");
    private final BooleanProperty overwrite = new SimpleBooleanProperty(this, "overwrite", false);
    private final StringProperty contextName = new SimpleStringProperty(this, "contextName", "");

    // ---- problems ("" when fine)
    private final ReadOnlyStringWrapper caProblem = new ReadOnlyStringWrapper(this, "caProblem", "");
    private final ReadOnlyStringWrapper passphraseProblem = new ReadOnlyStringWrapper(this, "passphraseProblem", "");
    private final ReadOnlyStringWrapper hostsProblem = new ReadOnlyStringWrapper(this, "hostsProblem", "");
    private final ReadOnlyStringWrapper clientNameProblem = new ReadOnlyStringWrapper(this, "clientNameProblem", "");
    private final ReadOnlyStringWrapper daysProblem = new ReadOnlyStringWrapper(this, "daysProblem", "");
    private final ReadOnlyStringWrapper portProblem = new ReadOnlyStringWrapper(this, "portProblem", "");
    private final ReadOnlyStringWrapper outputProblem = new ReadOnlyStringWrapper(this, "outputProblem", "");
    private final ReadOnlyStringWrapper contextProblem = new ReadOnlyStringWrapper(this, "contextProblem", "");
    // the background checks' findings, kept apart from the instant ones so that each can be redone alone
    private String diskCaProblem = "";
    private String diskPassphraseProblem = "";
    private String diskOutputProblem = "";

    // ---- progress and result
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");
    private final ReadOnlyObjectWrapper<GeneratedBundle> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyStringWrapper contextStatus = new ReadOnlyStringWrapper(this, "contextStatus", "");
    private final ReadOnlyBooleanWrapper contextCreated = new ReadOnlyBooleanWrapper(this, "contextCreated", false);

    private final PauseTransition checkDelay = new PauseTransition(CHECK_DELAY);
    private final BooleanBinding canFinish;
    private int checkGeneration;
    private boolean fillingOutput;
    private boolean outputEdited;
    private Job<?> hostLookup;

    /**
     * @param contexts           where "Create docker context" writes (the docker CLI's config folder)
     * @param certificatesRoot   the default output folder's parent (a folder per host inside), or null for none
     * @param latestCertificates told the output folder after each successful run (the connect wizard offers it)
     */
    public TlsWizardViewModel(BackgroundExecutor background, Notifier notifier, DockerContexts contexts,
                              TlsBundleGenerator generator, Path certificatesRoot,
                              WritableValue<Path> latestCertificates) {
        this.background = background;
        this.notifier = notifier;
        this.contexts = contexts;
        this.generator = generator;
        this.certificatesRoot = certificatesRoot;
        this.latestCertificates = latestCertificates;

        clientOnly.addListener((obs, old, only) -> {
            if (only) {
                newCa.set(false);
            }
        });
        outputFolder.addListener((obs, old, now) -> outputEdited |= !fillingOutput);
        hosts.addListener((obs, old, now) -> suggestOutputFolder());
        Observable[] instant = {clientOnly, newCa, caFolder, passphrase, passphraseRepeat, hosts, clientName, days, port,
            outputFolder, overwrite};
        for (Observable input : instant) {
            input.addListener(o -> {
                validate();
                failure.set("");
            });
        }
        Observable[] onDisk = {clientOnly, newCa, caFolder, passphrase, outputFolder, overwrite};
        for (Observable input : onDisk) {
            input.addListener(o -> scheduleCheck());
        }
        checkDelay.setOnFinished(e -> checkOnDisk());
        contextName.addListener(o -> {
            contextProblem.set(contextNameProblem(contextName.get()));
            contextCreated.set(false); // another name, another context
        });
        canFinish = Bindings.createBooleanBinding(() -> !checking.get() && !busy.get() && problems().isEmpty(),
                checking, busy, caProblem, passphraseProblem, hostsProblem, clientNameProblem, daysProblem,
                portProblem, outputProblem);
        validate();
    }

    /** Prefills the hosts with this machine's names and addresses (looked up in the background). */
    public void activate() {
        scheduleCheck();
        if (!hosts.get().isBlank()) {
            return;
        }
        hostLookup = background.submit(T.get("job.host-names"), HostSuggestions::forThisMachine)
                .onSuccess(found -> {
                    if (hosts.get().isBlank()) {
                        hosts.set(String.join("\n", found));
                    }
                });
    }

    /** Stops pending checks; call when the window closes. */
    public void deactivate() {
        checkDelay.stop();
        if (hostLookup != null) {
            hostLookup.cancel();
        }
    }

    // ---- answers

    /** Issue only another client certificate from an existing CA (instead of CA, server and client). */
    public BooleanProperty clientOnlyProperty() {
        return clientOnly;
    }

    /** Create a new CA (else: use the one in {@link #caFolderProperty()}). */
    public BooleanProperty newCaProperty() {
        return newCa;
    }

    public StringProperty caFolderProperty() {
        return caFolder;
    }

    /** Encrypts a new CA's key, or decrypts an existing one's; empty for none. */
    public StringProperty passphraseProperty() {
        return passphrase;
    }

    /** The new CA's passphrase once more, against typos. */
    public StringProperty passphraseRepeatProperty() {
        return passphraseRepeat;
    }

    /** DNS names and IP addresses, separated by new lines, commas or spaces; the first is the primary one. */
    public StringProperty hostsProperty() {
        return hosts;
    }

    public StringProperty clientNameProperty() {
        return clientName;
    }

    public ObjectProperty<KeyType> keyTypeProperty() {
        return keyType;
    }

    public StringProperty daysProperty() {
        return days;
    }

    /** The daemon's TLS port, for the printed flags, the drop-in and DOCKER_HOST. */
    public StringProperty portProperty() {
        return port;
    }

    public StringProperty outputFolderProperty() {
        return outputFolder;
    }

    public BooleanProperty overwriteProperty() {
        return overwrite;
    }

    public StringProperty contextNameProperty() {
        return contextName;
    }

    // ---- state

    public ReadOnlyStringProperty caProblemProperty() {
        return caProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty passphraseProblemProperty() {
        return passphraseProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hostsProblemProperty() {
        return hostsProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty clientNameProblemProperty() {
        return clientNameProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty daysProblemProperty() {
        return daysProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portProblemProperty() {
        return portProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputProblemProperty() {
        return outputProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contextProblemProperty() {
        return contextProblem.getReadOnlyProperty();
    }

    /** Whether the folders are being checked (Finish waits for it). */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the last Finish failed, or "". */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** What was written, once Finish succeeded. */
    public ReadOnlyObjectProperty<GeneratedBundle> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty contextStatusProperty() {
        return contextStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty contextCreatedProperty() {
        return contextCreated.getReadOnlyProperty();
    }

    public BooleanBinding canFinishProperty() {
        return canFinish;
    }

    /** Every current problem, in form order. */
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        for (ReadOnlyStringWrapper p : List.of(caProblem, passphraseProblem, hostsProblem, clientNameProblem,
                daysProblem, portProblem, outputProblem)) {
            if (!p.get().isEmpty()) {
                all.add(p.get());
            }
        }
        return all;
    }

    // ---- validation

    private void validate() {
        boolean existing = !newCa.get();
        String caText = "";
        if (existing && caFolder.get().isBlank()) {
            caText = T.get("problem.ca.empty");
        } else if (existing && path(caFolder.get()) == null) {
            caText = T.get("problem.folder.invalid");
        }
        caProblem.set(!existing ? "" : caText.isEmpty() ? diskCaProblem : caText);

        String phraseText = "";
        if (newCa.get() && !passphrase.get().isEmpty()) {
            if (passphrase.get().length() < MIN_PASSPHRASE) {
                phraseText = T.get("problem.passphrase.short", MIN_PASSPHRASE);
            } else if (!passphrase.get().equals(passphraseRepeat.get())) {
                phraseText = T.get("problem.passphrase.differ");
            }
        }
        passphraseProblem.set(phraseText.isEmpty() && existing ? diskPassphraseProblem : phraseText);

        hostsProblem.set(hostsText());
        String nameText = "";
        try {
            TlsBundleRequest.checkClientName(clientName.get());
        } catch (IllegalArgumentException e) {
            nameText = sentence(e.getMessage());
        }
        clientNameProblem.set(nameText);
        daysProblem.set(daysText());
        portProblem.set(portText());

        String outText = "";
        if (outputFolder.get().isBlank()) {
            outText = T.get("problem.output.empty");
        } else if (path(outputFolder.get()) == null) {
            outText = T.get("problem.folder.invalid");
        }
        outputProblem.set(outText.isEmpty() ? diskOutputProblem : outText);
    }

    private String hostsText() {
        List<String> list = hostList();
        if (list.isEmpty()) {
            return clientOnly.get() ? T.get("problem.hosts.client")
                    : T.get("problem.hosts.empty");
        }
        for (String host : list) {
            try {
                HostNames.parse(host);
            } catch (IllegalArgumentException e) {
                return T.get("problem.hosts.invalid", e.getMessage());
            }
        }
        return "";
    }

    private String daysText() {
        long value;
        try {
            value = Long.parseLong(days.get().strip());
        } catch (NumberFormatException e) {
            return T.get("problem.days.number", TlsBundleRequest.MAX_DAYS);
        }
        if (value < 1 || value > TlsBundleRequest.MAX_DAYS) {
            return T.get("problem.days.range", TlsBundleRequest.MAX_DAYS, value);
        }
        return "";
    }

    private String portText() {
        try {
            int value = Integer.parseInt(port.get().strip());
            if (value >= 1 && value <= 65535) {
                return "";
            }
        } catch (NumberFormatException e) {
            // below
        }
        return T.get("problem.port");
    }

    private record DiskInput(boolean clientOnly, Path caDir, char[] passphrase, Path out, boolean overwrite) {
    }

    private record DiskFindings(String ca, String passphrase, String output) {
    }

    private void scheduleCheck() {
        checking.set(true);
        checkGeneration++;
        checkDelay.playFromStart();
    }

    private void checkOnDisk() {
        int generation = ++checkGeneration;
        Path caDir = newCa.get() ? null : path(caFolder.get());
        char[] phrase = passphrase.get().isEmpty() ? null : passphrase.get().toCharArray();
        DiskInput input = new DiskInput(clientOnly.get(), caDir, phrase, path(outputFolder.get()), overwrite.get());
        background.submit(T.get("job.check-folders"), () -> inspect(input))
                .onSuccess(found -> {
                    if (generation != checkGeneration) {
                        return; // the answers changed meanwhile; a newer check is on its way
                    }
                    diskCaProblem = found.ca();
                    diskPassphraseProblem = found.passphrase();
                    diskOutputProblem = found.output();
                    validate();
                    checking.set(false);
                })
                .onFailure(e -> {
                    if (generation == checkGeneration) {
                        diskOutputProblem = T.get("problem.folders.unchecked", Notifier.userMessage(e));
                        validate();
                        checking.set(false);
                    }
                });
    }

    /** Background: can the CA be used, and can the output folder take the files? */
    private static DiskFindings inspect(DiskInput input) {
        String ca = "";
        String phrase = "";
        if (input.caDir() != null) {
            try {
                if (!Files.isDirectory(input.caDir())) {
                    ca = T.get("problem.ca.no-folder", input.caDir());
                } else {
                    CertificateAuthority.load(input.caDir(), input.passphrase());
                }
            } catch (TlsMaterialException e) {
                switch (e.problem()) {
                    case PASSPHRASE_REQUIRED -> phrase = T.get("problem.passphrase.required");
                    case WRONG_PASSPHRASE -> phrase = T.get("problem.passphrase.wrong");
                    case FILE_NOT_FOUND -> ca = T.get("problem.ca.missing-file", e.file() == null ? "ca.pem, ca-key.pem"
                            : e.file().getFileName());
                    default -> ca = sentence(e.getMessage());
                }
            } finally {
                if (input.passphrase() != null) {
                    Arrays.fill(input.passphrase(), '\0');
                }
            }
        }
        String output = "";
        if (input.out() != null) {
            Set<Role> roles = OutputFolder.rolesWritten(input.out(), input.caDir(), input.clientOnly());
            output = OutputFolder.problem(input.out(), roles, input.overwrite());
        }
        return new DiskFindings(ca, phrase, output);
    }

    // ---- actions

    /**
     * Generates in the background. On success {@link #resultProperty()} is set and the folder becomes the latest
     * certificate folder; on failure {@link #failureProperty()} says why and nothing is written.
     */
    public void finish() {
        if (!canFinish.get()) {
            return;
        }
        boolean onlyClient = clientOnly.get();
        int tlsPort = Integer.parseInt(port.get().strip());
        TlsBundleRequest request = TlsBundleRequest.of(path(outputFolder.get()), hostList())
                .withClientName(clientName.get())
                .withKeyType(keyType.get())
                .withDays(Integer.parseInt(days.get().strip()))
                .withOverwrite(overwrite.get());
        if (!newCa.get()) {
            request = request.withExistingCa(path(caFolder.get()));
        }
        if (!passphrase.get().isEmpty()) {
            request = request.withCaPassphrase(passphrase.get().toCharArray());
        }
        TlsBundleRequest chosen = request;
        busy.set(true);
        failure.set("");
        background.submit(onlyClient ? T.get("job.issue") : T.get("job.generate"), () -> {
            try {
                TlsBundle bundle = onlyClient ? ClientCertificateIssuer.issue(generator, chosen)
                        : generator.generate(chosen);
                return GeneratedBundle.of(bundle, onlyClient, tlsPort, dockerdPath());
            } finally {
                if (chosen.caPassphrase() != null) {
                    Arrays.fill(chosen.caPassphrase(), '\0');
                }
            }
        }).onSuccess(bundle -> {
            contextName.set(defaultContextName(bundle.primaryHost()));
            result.set(bundle);
            latestCertificates.setValue(bundle.outDir());
            notifier.info(onlyClient ? T.get("done.issued", bundle.outDir()) : T.get("done.generated", bundle.outDir()));
        }).onFailure(e -> failure.set(sentence(Notifier.userMessage(e))))
                .andFinally(() -> busy.set(false));
    }

    /**
     * Writes a docker CLI context named {@link #contextNameProperty()} for the generated client files, the way
     * {@code docker context create NAME --docker host=…,ca=…,cert=…,key=…} does.
     */
    public void createContext() {
        GeneratedBundle bundle = result.get();
        String name = contextName.get() == null ? "" : contextName.get().strip();
        String problem = contextNameProblem(name);
        if (bundle == null || !problem.isEmpty()) {
            contextProblem.set(problem);
            return;
        }
        busy.set(true);
        contextStatus.set("");
        background.submit(T.get("job.context", name), () -> {
            Path dir = bundle.outDir();
            ContextTlsMaterial tls = ContextTlsMaterial.readFiles(dir.resolve(Role.CA_CERT.fileName()),
                    dir.resolve(Role.CLIENT_CERT.fileName()), dir.resolve(Role.CLIENT_KEY.fileName()));
            contexts.create(new ContextDefinition(name, "Mutual TLS to " + bundle.dockerHost() + " (made by Berth)",
                    bundle.dockerHost(), false, tls));
            return name;
        }).onSuccess(created -> {
            contextCreated.set(true);
            contextStatus.set(T.get("done.context", created));
        }).onFailure(e -> contextProblem.set(sentence(Notifier.userMessage(e))))
                .andFinally(() -> busy.set(false));
    }

    // ---- helpers

    List<String> hostList() {
        List<String> list = new ArrayList<>();
        for (String part : hosts.get().split("[\\s,;]+")) {
            if (!part.isBlank()) {
                list.add(part.strip());
            }
        }
        return list;
    }

    private void suggestOutputFolder() {
        if (outputEdited || certificatesRoot == null) {
            return;
        }
        List<String> list = hostList();
        String folder = list.isEmpty() || !HostNames.isValid(list.get(0)) ? "engine"
                : safeName(HostNames.parse(list.get(0)).value());
        fillingOutput = true;
        try {
            outputFolder.set(certificatesRoot.resolve(folder).toString());
        } finally {
            fillingOutput = false;
        }
    }

    static String defaultContextName(String host) {
        return "berth-" + safeName(host);
    }

    private static String safeName(String host) {
        String safe = host.replaceAll("[^a-zA-Z0-9_.+-]", "-");
        return safe.isEmpty() ? "engine" : safe;
    }

    private static String contextNameProblem(String name) {
        try {
            ContextDefinition.validateName(name == null ? "" : name.strip());
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static String dockerdPath() {
        return Files.isExecutable(Path.of("/usr/sbin/dockerd")) ? "/usr/sbin/dockerd" : "/usr/bin/dockerd";
    }

    private static Path path(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Path.of(text.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Messages from remote start in lower case for embedding; on their own they read as sentences. */
    private static String sentence(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
