package dev.berth.desktop.terminal;

import dev.berth.desktop.containers.ContainerDetailModel;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.EngineApiException;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.client.EngineException;
import dev.berth.remote.containers.AttachOptions;
import dev.berth.remote.containers.ContainerConfig;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.containers.ContainerState;
import dev.berth.remote.exec.ExecCreateRequest;
import dev.berth.remote.stream.HijackedConnection;
import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of a container's terminal: which shell to run, whether the container can take one, the live
 * session and how the last one ended. One session at a time; each new session is a new {@link EngineTtyConnector}
 * (the view makes a fresh emulator for it). FX thread only, except where noted.
 */
public final class TerminalViewModel implements ContainerDetailModel {

    private static final Texts T = Texts.of(TerminalViewModel.class);

    /** Where the terminal is in its life. */
    public enum Phase { IDLE, CONNECTING, CONNECTED, ENDED }

    private static final Set<String> STATE_ACTIONS = Set.of("start", "restart", "die", "stop", "kill", "pause",
            "unpause", "destroy");

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ObservableList<String> shells = FXCollections.observableArrayList("sh", "bash");
    private final StringProperty command = new SimpleStringProperty("sh");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper containerRunning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper attachable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper attachHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper offerSh = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<EngineTtyConnector> session = new ReadOnlyObjectWrapper<>();

    private EngineClient client;
    private String containerRef;
    private String containerId;
    private String containerName;
    private Runnable unsubscribe = () -> { };
    /** Bumped for every connect and on close, so the outcome of a superseded attempt is dropped. */
    private int generation;
    private boolean closed;

    public TerminalViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
    }

    /** Starts following the container's state (to say plainly when it cannot take a terminal). */
    public void open(EngineSession engine, String container) {
        this.client = engine.client();
        this.containerRef = container;
        this.containerId = container;
        this.containerName = container;
        status.set(T.get("terminal.status.checking"));
        unsubscribe = engine.events().subscribe(this::onEvents);
        refreshState();
    }

    private void onEvents(List<EventMessage> events) {
        for (EventMessage e : events) {
            if ("container".equals(e.type()) && containerId.equals(e.actorId()) && STATE_ACTIONS.contains(e.action())) {
                refreshState();
                return;
            }
        }
    }

    private void refreshState() {
        String ref = containerRef;
        EngineClient c = client;
        background.submit(T.get("terminal.task.inspect", containerName), () -> c.containers().inspect(ref))
                .onSuccess(this::applyState)
                .onFailure(e -> {
                    if (closed) {
                        return;
                    }
                    containerRunning.set(false);
                    attachable.set(false);
                    if (!inSession()) {
                        status.set(e instanceof EngineApiException.NotFound
                                ? T.get("terminal.status.gone")
                                : T.get("terminal.status.checkFailed", Notifier.userMessage(e)));
                    }
                });
    }

    private void applyState(ContainerInspect inspect) {
        if (closed) {
            return;
        }
        containerId = inspect.id();
        containerRef = inspect.id();
        containerName = inspect.plainName();
        ContainerState state = inspect.state();
        boolean running = state != null && Boolean.TRUE.equals(state.running()) && !Boolean.TRUE.equals(state.paused());
        containerRunning.set(running);
        ContainerConfig config = inspect.config();
        boolean interactive = config != null && Boolean.TRUE.equals(config.tty()) && Boolean.TRUE.equals(config.openStdin());
        attachable.set(running && interactive);
        attachHint.set(interactive ? "" : T.get("terminal.attach.hint"));
        if (!running) {
            if (!inSession()) {
                status.set(notRunningText(state));
            }
        } else if (phase.get() == Phase.IDLE) {
            status.set(T.get("terminal.status.idle"));
        }
    }

    private static String notRunningText(ContainerState state) {
        if (state != null && Boolean.TRUE.equals(state.paused())) {
            return T.get("terminal.status.paused");
        }
        // the engine's own state word ("created", "exited"), as docker ps shows it
        String what = state == null || state.status() == null ? T.get("terminal.state.stopped") : state.status();
        return T.get("terminal.status.notRunning", what);
    }

    private boolean inSession() {
        return phase.get() == Phase.CONNECTING || phase.get() == Phase.CONNECTED;
    }

    /** Runs the shell or command in the shell box with a TTY of the given size. */
    public void connectShell(int columns, int rows) {
        List<String> argv;
        try {
            argv = ShellCommand.parse(command.get());
        } catch (IllegalArgumentException e) {
            status.set(T.get("terminal.status.badCommand", e.getMessage()));
            return;
        }
        if (argv.isEmpty()) {
            status.set(T.get("terminal.status.noCommand"));
            return;
        }
        if (!shells.contains(command.get().strip())) {
            shells.add(command.get().strip()); // offered again next time, for this container
        }
        String name = String.join(" ", argv);
        EngineClient c = client;
        String id = containerId;
        connect(name, T.get("terminal.status.connected", name, containerName), argv, gen -> () -> {
            ExecCreateRequest request = ExecCreateRequest.builder(argv).interactiveTty().consoleSize(rows, columns)
                    .env("TERM", "xterm-256color").build();
            String execId = c.exec().create(id, request);
            HijackedConnection connection = c.exec().start(execId, true);
            ExecProcess process = new ExecProcess(c, execId, name);
            resizeQuietly(process, rows, columns); // engines before API 1.42 ignore the size given at create
            return new EngineTtyConnector(connection, process, end -> FxThread.run(() -> ended(gen, argv, end)));
        });
    }

    /** Attaches to the container's main process (only for containers created with a TTY and open stdin). */
    public void attach(int columns, int rows) {
        if (!attachable.get()) {
            status.set(attachHint.get().isEmpty() ? notRunningText(null) : attachHint.get());
            return;
        }
        EngineClient c = client;
        String id = containerId;
        String mainProcess = T.get("terminal.mainProcess");
        List<String> argv = List.of(mainProcess);
        connect(mainProcess, T.get("terminal.status.attached", containerName), argv, gen -> () -> {
                    HijackedConnection connection = c.containers().attach(id, AttachOptions.interactive(), true);
                    AttachedProcess process = new AttachedProcess(c, id);
                    resizeQuietly(process, rows, columns);
                    return new EngineTtyConnector(connection, process, end -> FxThread.run(() -> ended(gen, argv, end)));
                });
    }

    private interface Starter {
        Callable<EngineTtyConnector> forGeneration(int generation);
    }

    private void connect(String name, String connectedText, List<String> argv, Starter starter) {
        if (closed || inSession()) {
            return;
        }
        int gen = ++generation;
        phase.set(Phase.CONNECTING);
        offerSh.set(false);
        status.set(T.get("terminal.status.connecting", name));
        background.submit(T.get("terminal.task.open", name), starter.forGeneration(gen))
                .onSuccess(connector -> {
                    if (gen != generation || closed) {
                        background.execute(connector::hangUp);
                        return;
                    }
                    session.set(connector);
                    phase.set(Phase.CONNECTED);
                    status.set(connectedText);
                })
                .onFailure(e -> {
                    if (gen != generation || closed) {
                        return;
                    }
                    phase.set(Phase.ENDED);
                    status.set(T.get("terminal.status.startFailed", name, Notifier.userMessage(e)));
                    notifier.error(T.get("terminal.task.open", name), e);
                    refreshState();
                });
    }

    private static void resizeQuietly(TerminalProcess process, int rows, int columns) {
        try {
            process.resize(rows, columns);
        } catch (EngineException e) {
            // the emulator sends its real size once it is laid out
        }
    }

    private void ended(int gen, List<String> argv, EngineTtyConnector.Ended end) {
        if (gen != generation || closed) {
            return;
        }
        phase.set(Phase.ENDED);
        if (end.byUser()) {
            status.set(T.get("terminal.status.disconnected"));
        } else if (end.commandMissing()) {
            String program = argv.get(0);
            status.set(program.equals("bash") ? T.get("terminal.status.noBash") : T.get("terminal.status.notFound", program));
            offerSh.set(!program.equals("sh"));
        } else if (end.exitCode() != null) {
            status.set(T.get("terminal.exited", end.exitCode()));
        } else {
            status.set(T.get("terminal.status.detached"));
        }
        refreshState();
    }

    /** Ends the session: an exec'd shell is asked to exit, an attach is detached. */
    public void disconnect() {
        EngineTtyConnector current = session.get();
        if (current != null && phase.get() == Phase.CONNECTED) {
            background.execute(current::hangUp);
        }
    }

    /** After "bash is not installed": run sh instead. */
    public void useSh(int columns, int rows) {
        command.set("sh");
        connectShell(columns, rows);
    }

    /** Stops following the container and ends the session. */
    @Override
    public void close() {
        close(() -> { });
    }

    /**
     * Stops following the container and ends the session; {@code afterwards} runs (on a background thread) once the
     * session's process was asked to end, so the emulator can be closed without cutting that request short.
     */
    public void close(Runnable afterwards) {
        closed = true;
        generation++;
        unsubscribe.run();
        EngineTtyConnector current = session.get();
        background.execute(() -> {
            try {
                if (current != null) {
                    current.hangUp();
                }
            } finally {
                afterwards.run();
            }
        });
    }

    public ObservableList<String> shells() {
        return shells;
    }

    /** What the shell box holds: "sh", "bash" or any command line. */
    public StringProperty commandProperty() {
        return command;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** One plain sentence on what the terminal is doing or why it cannot. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty containerRunningProperty() {
        return containerRunning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty attachableProperty() {
        return attachable.getReadOnlyProperty();
    }

    /** Why attach is not offered, or "". */
    public ReadOnlyStringProperty attachHintProperty() {
        return attachHint.getReadOnlyProperty();
    }

    /** Whether to offer "Use sh" because the chosen shell is not installed. */
    public ReadOnlyBooleanProperty offerShProperty() {
        return offerSh.getReadOnlyProperty();
    }

    /** The live session's connector; a new value means a new session. */
    ReadOnlyObjectProperty<EngineTtyConnector> sessionProperty() {
        return session.getReadOnlyProperty();
    }
}
