package dev.berth.desktop.logs;

import dev.berth.desktop.containers.ContainerDetailModel;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Batcher;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.containers.ContainerInspect;
import dev.berth.remote.system.EventMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * State and commands of the Logs tab: the capped line buffer fed in batches from a {@link LogFollower}, the follow /
 * tail / timestamps / wrap settings, search matches, copy and save. FX thread only, except where noted.
 */
public final class LogsViewModel implements ContainerDetailModel {

    private static final Texts T = Texts.of(LogsViewModel.class);

    static final int CAPACITY = 50_000;
    static final int DEFAULT_TAIL = 500;
    private static final Duration BATCH_PERIOD = Duration.ofMillis(100);

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final LogBuffer buffer;
    private final BooleanProperty follow = new SimpleBooleanProperty(true);
    private final ObjectProperty<Integer> tail = new SimpleObjectProperty<>(DEFAULT_TAIL);
    private final BooleanProperty timestamps = new SimpleBooleanProperty(false);
    private final BooleanProperty wrap = new SimpleBooleanProperty(false);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper matchSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper currentMatch = new ReadOnlyLongWrapper(-1);
    private final ReadOnlyStringWrapper containerName = new ReadOnlyStringWrapper("");
    /** Absolute positions (see {@link LogBuffer}) of the lines matching the search, ascending. */
    private final List<Long> matches = new ArrayList<>();

    private EngineSession session;
    private String containerId;
    private boolean tty;
    private Runnable unsubscribe = () -> { };
    private LogFollower follower;
    private Batcher<LogLine> batcher;
    /** Where the last stopped follower got to, for resuming when the buffer has no timestamp to go by. */
    private Instant lastRead;
    /** Bumped when the buffer is reloaded, so batches of a replaced follower are dropped instead of mixed in. */
    private int generation;
    private boolean closed;

    public LogsViewModel(BackgroundExecutor background, Notifier notifier) {
        this(background, notifier, CAPACITY);
    }

    LogsViewModel(BackgroundExecutor background, Notifier notifier, int capacity) {
        this.background = background;
        this.notifier = notifier;
        this.buffer = new LogBuffer(capacity);
        follow.addListener((obs, was, on) -> {
            if (on) {
                resume();
            } else {
                pause();
            }
        });
        tail.addListener((obs, was, now) -> reload());
        search.addListener((obs, was, now) -> searchAgain());
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------------

    public void open(EngineSession session, String containerRef) {
        this.session = session;
        status.set(T.get("logs.status.loading"));
        background.submit(T.get("logs.task.open", containerRef), () -> session.client().containers().inspect(containerRef))
                .onSuccess(this::opened)
                .onFailure(e -> {
                    if (!closed) {
                        status.set(T.get("logs.status.openFailed", Notifier.userMessage(e)));
                        notifier.error(T.get("logs.error.title", containerRef), e);
                    }
                });
    }

    private void opened(ContainerInspect info) {
        if (closed) {
            return;
        }
        containerId = info.id();
        tty = info.hasTty();
        containerName.set(info.plainName());
        unsubscribe = session.events().subscribe(this::onEvents);
        startFollower(null);
    }

    /** Stops the stream and the event subscription. */
    public void close() {
        closed = true;
        unsubscribe.run();
        stopFollower();
    }

    // ---- settings -------------------------------------------------------------------------------------------------

    public BooleanProperty followProperty() {
        return follow;
    }

    /** Lines to show from before the tab opened; null for all. Changing it reloads. */
    public ObjectProperty<Integer> tailProperty() {
        return tail;
    }

    public BooleanProperty timestampsProperty() {
        return timestamps;
    }

    public BooleanProperty wrapProperty() {
        return wrap;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty containerNameProperty() {
        return containerName.getReadOnlyProperty();
    }

    public ObservableList<LogLine> lines() {
        return buffer.lines();
    }

    /** Reads the logs again from the start (with the current tail). */
    public void reload() {
        if (containerId != null && !closed) {
            generation++;
            stopFollower();
            lastRead = null;
            buffer.clear();
            searchAgain();
            startFollower(null);
        }
    }

    /** Empties the view; following goes on with new lines. */
    public void clear() {
        buffer.clear();
        matches.clear();
        currentMatch.set(-1);
        updateSummary();
    }

    private void pause() {
        stopFollower();
        if (containerId != null && !closed) {
            status.set(T.get("logs.status.paused"));
        }
    }

    private void resume() {
        if (containerId != null && !closed) {
            Instant after = resumePoint();
            startFollower(after);
        }
    }

    /** Just after the last line shown, so resuming neither repeats nor skips a line. */
    private Instant resumePoint() {
        List<LogLine> lines = buffer.lines();
        for (int i = lines.size() - 1; i >= Math.max(0, lines.size() - 100); i--) {
            Instant t = LogTimestamps.parse(lines.get(i).timestamp());
            if (t != null) {
                return t;
            }
        }
        return follower != null ? follower.lastTimestamp() : lastRead;
    }

    // ---- the stream -----------------------------------------------------------------------------------------------

    private void startFollower(Instant resumeAfter) {
        stopFollower();
        int mine = generation;
        Batcher<LogLine> lines = new Batcher<>(BATCH_PERIOD, batch -> {
            if (mine == generation) {
                append(batch);
            }
        });
        LogFollower reader = new LogFollower(session.client().containers(), containerId, tty, follow.get(),
                tail.get(), resumeAfter, new LogFollower.Sink() {
                    @Override
                    public void lines(List<LogLine> decoded) {
                        decoded.forEach(lines::add);
                    }

                    @Override
                    public void phase(LogFollower.Phase phase, Throwable failure) {
                        FxThread.run(() -> {
                            if (mine == generation && !closed) {
                                showPhase(phase, failure);
                            }
                        });
                    }
                });
        follower = reader;
        batcher = lines;
        lines.start();
        String shortId = containerId.substring(0, Math.min(12, containerId.length()));
        background.execute(() -> {
            Thread thread = Thread.currentThread();
            String name = thread.getName();
            thread.setName("berth-logs-" + shortId);
            try {
                reader.run();
            } finally {
                thread.setName(name);
            }
        });
    }

    private void stopFollower() {
        if (follower != null) {
            follower.stop();
            lastRead = follower.lastTimestamp();
            follower = null;
        }
        if (batcher != null) {
            batcher.stop(); // delivers what is queued: those lines belong to what is shown
            batcher = null;
        }
    }

    private void showPhase(LogFollower.Phase phase, Throwable failure) {
        switch (phase) {
            case LOADING -> status.set(T.get("logs.status.loading"));
            case FOLLOWING -> status.set(T.get("logs.status.following"));
            case WAITING_FOR_START -> status.set(T.get("logs.status.waiting"));
            case DONE -> status.set(follow.get() ? "" : T.get("logs.status.paused"));
            case REMOVED -> status.set(T.get("logs.status.removed"));
            case FAILED -> {
                status.set(T.get("logs.status.failed", Notifier.userMessage(failure)));
                notifier.error(T.get("logs.error.title", containerName.get()), failure);
            }
            default -> { }
        }
    }

    private void onEvents(List<EventMessage> events) {
        LogFollower reader = follower;
        if (reader == null || containerId == null) {
            return;
        }
        for (EventMessage e : events) {
            if ("container".equals(e.type()) && containerId.equals(e.actorId())) {
                if ("start".equals(e.action())) {
                    reader.containerStarted(e.instant());
                } else if ("destroy".equals(e.action())) {
                    reader.containerRemoved();
                }
            }
        }
    }

    private void append(List<LogLine> batch) {
        long start = buffer.endPosition();
        buffer.append(batch);
        String query = search.get();
        if (!query.isEmpty()) {
            for (int i = 0; i < batch.size(); i++) {
                if (LogSearch.contains(batch.get(i).text(), query)) {
                    matches.add(start + i);
                }
            }
        }
        pruneMatches();
        updateSummary();
    }

    // ---- search ---------------------------------------------------------------------------------------------------

    public StringProperty searchProperty() {
        return search;
    }

    /** "3 of 12", "No matches", or empty without a search. */
    public ReadOnlyStringProperty matchSummaryProperty() {
        return matchSummary.getReadOnlyProperty();
    }

    /** Index in {@link #lines()} of the current match, or -1. Changes with {@link #currentMatchPositionProperty()}. */
    public int currentMatchIndex() {
        long position = currentMatch.get();
        return position < 0 ? -1 : buffer.indexOf(position);
    }

    /** Moves whenever the current match changes; its value is an absolute line position (see {@link #currentMatchIndex()}). */
    public ReadOnlyLongProperty currentMatchPositionProperty() {
        return currentMatch.getReadOnlyProperty();
    }

    public void nextMatch() {
        if (matches.isEmpty()) {
            return;
        }
        int i = Collections.binarySearch(matches, currentMatch.get());
        int next = i >= 0 ? i + 1 : -i - 1;
        currentMatch.set(matches.get(next >= matches.size() ? 0 : next));
        updateSummary();
    }

    public void previousMatch() {
        if (matches.isEmpty()) {
            return;
        }
        int i = Collections.binarySearch(matches, currentMatch.get());
        int previous = i >= 0 ? i - 1 : -i - 2;
        currentMatch.set(matches.get(previous < 0 ? matches.size() - 1 : previous));
        updateSummary();
    }

    private void searchAgain() {
        matches.clear();
        String query = search.get();
        if (!query.isEmpty()) {
            List<LogLine> lines = buffer.lines();
            long first = buffer.firstPosition();
            for (int i = 0; i < lines.size(); i++) {
                if (LogSearch.contains(lines.get(i).text(), query)) {
                    matches.add(first + i);
                }
            }
        }
        // the newest match first: logs are read from the bottom up
        currentMatch.set(matches.isEmpty() ? -1 : matches.get(matches.size() - 1));
        updateSummary();
    }

    private void pruneMatches() {
        long first = buffer.firstPosition();
        int stale = 0;
        while (stale < matches.size() && matches.get(stale) < first) {
            stale++;
        }
        if (stale > 0) {
            matches.subList(0, stale).clear();
            if (currentMatch.get() >= 0 && currentMatch.get() < first) {
                currentMatch.set(-1);
            }
        }
    }

    private void updateSummary() {
        if (search.get().isEmpty()) {
            matchSummary.set("");
        } else if (matches.isEmpty()) {
            matchSummary.set(T.get("logs.matches.none"));
        } else {
            int i = Collections.binarySearch(matches, currentMatch.get());
            matchSummary.set(i >= 0 ? T.get("logs.matches.current", i + 1, matches.size())
                    : T.get("logs.matches.count", matches.size()));
        }
    }

    // ---- copy and save --------------------------------------------------------------------------------------------

    /** The lines as text, with timestamps if they are shown. */
    public String text(List<LogLine> lines) {
        boolean withTimestamps = timestamps.get();
        StringBuilder out = new StringBuilder();
        for (LogLine line : lines) {
            out.append(line.render(withTimestamps)).append('\n');
        }
        return out.toString();
    }

    /** Writes what is shown to a file, in the background; the user hears when it is done. */
    public void save(Path file) {
        List<LogLine> snapshot = List.copyOf(buffer.lines());
        boolean withTimestamps = timestamps.get();
        background.submit(T.get("logs.task.save", file.getFileName()), () -> write(snapshot, withTimestamps, file))
                .onSuccess(n -> notifier.info(T.get("logs.save.done", n, file)))
                .onFailure(e -> notifier.error(T.get("logs.save.failed", file), e));
    }

    private static int write(List<LogLine> lines, boolean withTimestamps, Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        // written next to the target and moved over it, so nobody ever sees half a file
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".part");
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            for (LogLine line : lines) {
                out.write(line.render(withTimestamps));
                out.write('\n');
            }
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return lines.size();
    }
}
