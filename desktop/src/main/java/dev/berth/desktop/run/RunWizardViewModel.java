package dev.berth.desktop.run;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Job;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.ports.HostPortCheck;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.containers.ContainerCreateRequest;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.endpoint.EngineEndpoint;
import dev.berth.remote.images.ImageInspect;
import dev.berth.remote.images.ProgressAggregator;
import dev.berth.remote.networks.NetworkSummary;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.volumes.Volume;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The wizard's dealings with the engine, all in the background: what the engine already has (names in use,
 * networks, volumes, images, CPUs), whether the chosen image is there, whether host ports are free on this machine,
 * reading an env file, and finally running the container.
 */
public final class RunWizardViewModel {

    private static final Texts T = Texts.of(RunWizardViewModel.class);

    /** How the image check came out, for the status line's colour. */
    public enum ImageState { UNKNOWN, PRESENT, WILL_PULL, MISSING, FAILED }

    private static final javafx.util.Duration IMAGE_CHECK_DELAY = javafx.util.Duration.millis(400);
    private static final javafx.util.Duration PORT_CHECK_DELAY = javafx.util.Duration.millis(300);

    private final EngineSession session;
    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final RunWizardModel model = new RunWizardModel();
    private final boolean engineLocal;

    private final ObservableList<String> imageSuggestions = FXCollections.observableArrayList();
    private final ObservableList<String> networkChoices = FXCollections.observableArrayList(
            RunWizardModel.DEFAULT_NETWORK, "host", "none");
    private final ObservableList<String> volumeSuggestions = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper imageStatus = new ReadOnlyStringWrapper(this, "imageStatus", "");
    private final ReadOnlyObjectWrapper<ImageState> imageState = new ReadOnlyObjectWrapper<>(this, "imageState", ImageState.UNKNOWN);
    private final StringProperty envFile = new SimpleStringProperty(this, "envFile", "");
    private final ReadOnlyStringWrapper envFileMessage = new ReadOnlyStringWrapper(this, "envFileMessage", "");
    private final ReadOnlyBooleanWrapper envFileFailed = new ReadOnlyBooleanWrapper(this, "envFileFailed", false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");

    private final PauseTransition imageCheckDelay = new PauseTransition(IMAGE_CHECK_DELAY);
    private final PauseTransition portCheckDelay = new PauseTransition(PORT_CHECK_DELAY);
    private final InvalidationListener imageChanged = o -> imageCheckDelay.playFromStart();
    private final InvalidationListener portsChanged = o -> portCheckDelay.playFromStart();
    private final List<Job<?>> jobs = new ArrayList<>();
    private final PortProbe portProbe;

    public RunWizardViewModel(EngineSession session, BackgroundExecutor background, Notifier notifier) {
        this.session = Objects.requireNonNull(session, "session");
        this.background = background;
        this.notifier = notifier;
        this.engineLocal = isOnThisMachine(session.client().endpoint());
        model.engineLocalProperty().set(engineLocal);
        portProbe = new PortProbe(session.client(), background, engineLocal, new HostPortCheck());
        imageCheckDelay.setOnFinished(e -> checkImage());
        portCheckDelay.setOnFinished(e -> checkPorts());
    }

    /** Unix sockets and loopback addresses are this machine; anything else may be anywhere. */
    static boolean isOnThisMachine(EngineEndpoint endpoint) {
        if (endpoint.isUnix()) {
            return true;
        }
        String host = endpoint.host();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    public RunWizardModel model() {
        return model;
    }

    public String engineName() {
        return session.name();
    }

    public boolean engineLocal() {
        return engineLocal;
    }

    /** Starts listening and asks the engine what it has; call when the wizard opens. */
    public void activate() {
        model.imageProperty().addListener(imageChanged);
        model.pullIfMissingProperty().addListener(imageChanged);
        model.ports().addListener(portsChanged);
        if (!model.imageReference().isEmpty()) {
            checkImage();
        }
        EngineClient client = session.client();
        track(background.submit(T.get("job.read-facts"), () -> EngineFacts.read(client))
                .onSuccess(this::apply)
                .onFailure(e -> notifier.error(T.get("error.read-facts"), e)));
    }

    /** Stops listening and checking; call when the wizard closes. A running launch still finishes and reports. */
    public void deactivate() {
        model.imageProperty().removeListener(imageChanged);
        model.pullIfMissingProperty().removeListener(imageChanged);
        model.ports().removeListener(portsChanged);
        imageCheckDelay.stop();
        portCheckDelay.stop();
        jobs.forEach(Job::cancel);
        jobs.clear();
    }

    private <T> Job<T> track(Job<T> job) {
        jobs.add(job);
        job.andFinally(() -> jobs.remove(job));
        return job;
    }

    // ---- what the engine has -------------------------------------------------------------------------------------

    record EngineFacts(Set<String> containerNames, List<String> networks, List<String> volumes, List<String> images,
                       int cpus) {

        static EngineFacts read(EngineClient client) {
            Set<String> names = new TreeSet<>();
            for (ContainerSummary c : client.containers().list(true, null, false, null)) {
                if (c.names() != null) {
                    c.names().forEach(n -> names.add(n.startsWith("/") ? n.substring(1) : n));
                }
            }
            List<String> networks = client.networks().list().stream().map(NetworkSummary::name).sorted()
                    .collect(Collectors.toList());
            List<Volume> vols = client.volumes().list().volumes();
            List<String> volumes = vols == null ? List.of()
                    : vols.stream().map(Volume::name).filter(RunWizardViewModel::isNamedVolume).sorted()
                    .collect(Collectors.toList());
            List<String> images = new ArrayList<>(new TreeSet<>(client.images().list().stream()
                    .filter(i -> !i.isDangling())
                    .flatMap(i -> i.repoTags().stream())
                    .collect(Collectors.toList())));
            SystemInfo info = client.system().info();
            int cpus = info.ncpu() == null ? 0 : info.ncpu();
            return new EngineFacts(names, networks, volumes, images, cpus);
        }
    }

    /** Anonymous volumes are named by 64 hex digits: nobody wants them offered by name. */
    private static boolean isNamedVolume(String name) {
        return !name.matches("[0-9a-f]{64}");
    }

    private void apply(EngineFacts facts) {
        model.takenNames().addAll(facts.containerNames());
        model.engineCpusProperty().set(facts.cpus());
        imageSuggestions.setAll(facts.images());
        volumeSuggestions.setAll(facts.volumes());
        List<String> choices = new ArrayList<>(List.of(RunWizardModel.DEFAULT_NETWORK));
        facts.networks().stream().filter(n -> !n.equals("host") && !n.equals("none")).forEach(choices::add);
        choices.add("host");
        choices.add("none");
        // the network box is bound to the model and may clear it while its items are replaced
        String chosen = model.networkProperty().get();
        networkChoices.setAll(choices);
        model.networkProperty().set(chosen == null ? RunWizardModel.DEFAULT_NETWORK : chosen);
    }

    public ObservableList<String> imageSuggestions() {
        return imageSuggestions;
    }

    /** The default, the engine's networks, host and none. */
    public ObservableList<String> networkChoices() {
        return networkChoices;
    }

    public ObservableList<String> volumeSuggestions() {
        return volumeSuggestions;
    }

    // ---- is the image there? ---------------------------------------------------------------------------------------

    public ReadOnlyStringProperty imageStatusProperty() {
        return imageStatus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImageState> imageStateProperty() {
        return imageState.getReadOnlyProperty();
    }

    private void checkImage() {
        String ref = model.imageReference();
        if (ref.isEmpty() || !model.problem(RunWizardModel.Field.IMAGE).isEmpty()) {
            showImage(ImageState.UNKNOWN, "");
            return;
        }
        EngineClient client = session.client();
        track(background.submit(T.get("job.look-up-image", ref), () -> client.images().inspect(ref)))
                .onSuccess(found -> {
                    if (ref.equals(model.imageReference())) {
                        showImage(ImageState.PRESENT, describe(found));
                    }
                })
                .onFailure(e -> {
                    if (!ref.equals(model.imageReference())) {
                        return;
                    }
                    if (e instanceof EngineApiException.NotFound) {
                        showImage(model.pullIfMissing() ? ImageState.WILL_PULL : ImageState.MISSING,
                                model.pullIfMissing() ? T.get("image.will-pull")
                                        : T.get("image.missing"));
                    } else {
                        showImage(ImageState.FAILED, T.get("image.failed", Notifier.userMessage(e)));
                    }
                });
    }

    private static String describe(ImageInspect image) {
        String id = image.id() == null ? "" : image.id().replace("sha256:", "");
        String shortId = id.length() >= 12 ? id.substring(0, 12) : "";
        return image.size() == null ? T.get("image.present", shortId)
                : T.get("image.present-size", shortId, MemorySize.human(image.size()));
    }

    private void showImage(ImageState state, String text) {
        imageState.set(state);
        imageStatus.set(text);
    }

    // ---- are the host ports free? ----------------------------------------------------------------------------------

    private void checkPorts() {
        portProbe.check(List.copyOf(model.ports())).forEach(this::track);
    }

    // ---- env file ---------------------------------------------------------------------------------------------------

    public StringProperty envFileProperty() {
        return envFile;
    }

    public ReadOnlyStringProperty envFileMessageProperty() {
        return envFileMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty envFileFailedProperty() {
        return envFileFailed.getReadOnlyProperty();
    }

    /** Reads the env file and merges it into the rows: a variable already listed gets the file's value. */
    public void loadEnvFile() {
        String text = envFile.get() == null ? "" : envFile.get().strip();
        if (text.isEmpty()) {
            envFileFailed.set(true);
            envFileMessage.set(T.get("env.file.none"));
            return;
        }
        Path file = Path.of(text);
        track(background.submit(T.get("job.read-env-file", file.getFileName()),
                () -> EnvFile.parse(Files.readString(file), System::getenv)))
                .onSuccess(entries -> {
                    merge(entries);
                    envFileFailed.set(false);
                    envFileMessage.set(T.get("env.file.loaded", entries.size(), file.getFileName()));
                })
                .onFailure(e -> {
                    envFileFailed.set(true);
                    envFileMessage.set(envFileProblem(file, e));
                });
    }

    private void merge(List<EnvFile.Entry> entries) {
        model.env().removeIf(WizardRow::isBlank);
        for (EnvFile.Entry entry : entries) {
            model.env().stream().filter(r -> r.key().equals(entry.key())).findFirst().ifPresentOrElse(
                    r -> r.valueProperty().set(entry.value()),
                    () -> model.env().add(new EnvVarRow(entry.key(), entry.value())));
        }
    }

    private static String envFileProblem(Path file, Throwable e) {
        if (e instanceof NoSuchFileException) {
            return T.get("env.file.no-such-file", file);
        }
        if (e instanceof AccessDeniedException) {
            return T.get("env.file.denied", file);
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return T.get("env.file.not-utf8", file.getFileName());
        }
        if (e instanceof IllegalArgumentException) {
            return T.get("env.file.bad-line", file.getFileName(), e.getMessage());
        }
        return T.get("env.file.unreadable", file, Notifier.userMessage(e));
    }

    // ---- run ----------------------------------------------------------------------------------------------------------

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0..1, or -1 while there is no measure. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** The engine's message when the last run failed, else "". */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /**
     * Pulls if needed, creates and starts the container; reports to the notifier either way. On success
     * {@code onStarted} runs (the wizard closes); on failure the answers stay so the user can fix them.
     */
    public void launch(Runnable onStarted) {
        if (busy.get() || !model.isValid()) {
            return;
        }
        ContainerCreateRequest request = model.toRequest();
        String image = model.imageReference();
        String name = model.containerName();
        boolean pull = model.pullIfMissing();
        String label = name == null ? T.get("run.label.from-image", image) : name;
        busy.set(true);
        failure.set("");
        progress.set(-1);
        ProgressAggregator pullProgress = new ProgressAggregator();
        Batcher<ProgressAggregator.Snapshot> snapshots = new Batcher<>(Duration.ofMillis(100),
                batch -> progress.set(batch.get(batch.size() - 1).percent() / 100));
        pullProgress.addListener(snapshots::add);
        snapshots.start();
        ContainerLauncher launcher = new ContainerLauncher(session.client());
        background.submit(T.get("job.run", label), () -> launcher.launch(image, pull, name, request,
                        phase -> FxThread.run(() -> {
                            progressText.set(describe(phase, image));
                            progress.set(phase == ContainerLauncher.Phase.PULLING ? 0 : -1);
                        }), pullProgress))
                .onSuccess(started -> {
                    notifier.info(started.warnings().isEmpty()
                            ? T.get("run.started", started.name(), shortId(started.id()))
                            : T.get("run.started-warnings", started.name(), shortId(started.id()),
                                    String.join("; ", started.warnings())));
                    onStarted.run();
                })
                .onFailure(e -> {
                    failure.set(Notifier.userMessage(e));
                    notifier.error(T.get("job.run", label), e);
                })
                .andFinally(() -> {
                    snapshots.stop();
                    busy.set(false);
                    progressText.set("");
                });
    }

    private static String describe(ContainerLauncher.Phase phase, String image) {
        return switch (phase) {
            case CHECKING_IMAGE -> T.get("run.phase.checking", image);
            case PULLING -> T.get("run.phase.pulling", image);
            case CREATING -> T.get("run.phase.creating");
            case STARTING -> T.get("run.phase.starting");
        };
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
