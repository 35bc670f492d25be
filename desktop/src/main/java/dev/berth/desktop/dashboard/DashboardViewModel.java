package dev.berth.desktop.dashboard;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.CoalescingLoader;
import dev.berth.desktop.resources.EngineChanges;
import dev.berth.desktop.resources.PageModel;
import dev.berth.remote.client.EngineClient;
import dev.berth.remote.stream.JsonStream;
import dev.berth.remote.system.DiskUsage;
import dev.berth.remote.system.EventMessage;
import dev.berth.remote.system.EventsOptions;
import dev.berth.remote.system.SystemInfo;
import dev.berth.remote.system.VersionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The engine at a glance: what it is, how many objects it holds, what takes space, and what just happened. Counts and
 * disk usage follow the shared event feed (one reload per batch at most); the event list starts with the last hour's
 * events, replayed once when the page opens, and then grows live, newest first.
 */
public final class DashboardViewModel implements PageModel {

    private static final Texts T = Texts.of(DashboardViewModel.class);

    /** Events kept in the list. */
    public static final int EVENT_CAP = 100;
    private static final Duration REPLAY = Duration.ofHours(1);

    /** What the info and counts cards show, loaded together. */
    record Overview(SystemInfo info, VersionInfo version, int volumes, int networks) {
    }

    private final BackgroundExecutor background;
    private final Notifier notifier;
    private final ObservableList<InfoItem> engineInfo = FXCollections.observableArrayList();
    private final ObservableList<DiskUsageLine> diskUsage = FXCollections.observableArrayList();
    private final ObservableList<EventRow> events = FXCollections.observableArrayList();
    private final Set<String> eventKeys = new HashSet<>();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper paused = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper stopped = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper images = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper volumes = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper networks = new ReadOnlyIntegerWrapper();
    private final CoalescingLoader<Overview> overview;
    private final CoalescingLoader<DiskUsage> df;
    private Runnable unsubscribe = () -> { };
    private int generation;

    public DashboardViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
        this.overview = new CoalescingLoader<>(background, T.get("job.read-info"), this::apply,
                e -> notifier.error(T.get("error.read-info"), e));
        this.df = new CoalescingLoader<>(background, T.get("job.read-df"),
                usage -> diskUsage.setAll(DiskUsageLine.of(usage)), e -> notifier.error(T.get("error.read-df"), e));
    }

    @Override
    public void show(EngineSession session) {
        unsubscribe.run();
        int started = ++generation;
        engineInfo.clear();
        diskUsage.clear();
        events.clear();
        eventKeys.clear();
        EngineClient client = session.client();
        unsubscribe = session.events().subscribe(this::onEvents);
        overview.load(() -> fetchOverview(client));
        df.load(() -> client.system().df());
        Instant now = Instant.now();
        background.submit(T.get("job.read-events"), () -> replay(client, now.minus(REPLAY), now))
                .onSuccess(past -> {
                    if (started == generation) {
                        addEvents(past);
                    }
                })
                .onFailure(e -> {
                    if (started == generation) {
                        notifier.error(T.get("error.read-events"), e);
                    }
                });
    }

    @Override
    public void hide() {
        unsubscribe.run();
        unsubscribe = () -> { };
        generation++;
        overview.stop();
        df.stop();
    }

    /** Reads everything again (the refresh button). */
    public void refresh() {
        overview.reload();
        df.reload();
    }

    private void onEvents(List<EventMessage> batch) {
        addEvents(batch.stream().map(EventRow::of).toList());
        if (EngineChanges.any(batch, "container", "image", "volume", "network")) {
            overview.reload();
        }
        if (EngineChanges.anyAction(batch, "container", Set.of("create", "destroy", "die", "start"))
                || EngineChanges.anyAction(batch, "image", Set.of("pull", "delete", "import", "load", "untag"))
                || EngineChanges.anyAction(batch, "volume", Set.of("create", "destroy", "mount", "unmount"))
                || EngineChanges.any(batch, "builder")) {
            df.reload();
        }
    }

    /** Merges rows into the list: newest first, each event once, at most {@link #EVENT_CAP}. */
    private void addEvents(List<EventRow> rows) {
        List<EventRow> fresh = new ArrayList<>();
        for (EventRow row : rows) {
            if (eventKeys.add(row.key())) {
                fresh.add(row);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<EventRow> all = new ArrayList<>(events);
        all.addAll(fresh);
        all.sort(Comparator.comparing(EventRow::time).reversed());
        if (all.size() > EVENT_CAP) {
            all.subList(EVENT_CAP, all.size()).forEach(r -> eventKeys.remove(r.key()));
            all = all.subList(0, EVENT_CAP);
        }
        events.setAll(all);
    }

    private void apply(Overview o) {
        SystemInfo info = o.info();
        VersionInfo v = o.version();
        List<InfoItem> items = new ArrayList<>();
        String product = v.platform() != null && v.platform().name() != null && !v.platform().name().isBlank()
                ? v.platform().name() : T.get("info.engine");
        items.add(new InfoItem("dashboard-version", T.get("info.version"),
                T.get("info.version.value", product, v.version(), v.apiVersion())));
        items.add(new InfoItem("dashboard-os", T.get("info.os"), join(info.operatingSystem(), info.osType(),
                info.architecture())));
        items.add(new InfoItem("dashboard-kernel", T.get("info.kernel"), nonNull(info.kernelVersion())));
        items.add(new InfoItem("dashboard-runtime", T.get("info.runtime"), runtimes(info)));
        items.add(new InfoItem("dashboard-storage", T.get("info.storage"), info.driverStatus("Backing Filesystem") == null
                ? nonNull(info.driver()) : T.get("info.storage.on", info.driver(), info.driverStatus("Backing Filesystem"))));
        items.add(new InfoItem("dashboard-root", T.get("info.root"), nonNull(info.dockerRootDir())));
        items.add(new InfoItem("dashboard-cpus", T.get("info.cpus"), info.ncpu() == null ? "" : String.valueOf(info.ncpu())));
        items.add(new InfoItem("dashboard-memory", T.get("info.memory"), memory(info.memTotal())));
        items.add(new InfoItem("dashboard-cgroup", T.get("info.cgroups"), join(info.cgroupDriver(),
                info.cgroupVersion() == null ? null : "v" + info.cgroupVersion(), null)));
        items.add(new InfoItem("dashboard-name", T.get("info.host-name"), nonNull(info.name())));
        engineInfo.setAll(items);
        running.set(orZero(info.containersRunning()));
        paused.set(orZero(info.containersPaused()));
        stopped.set(orZero(info.containersStopped()));
        images.set(orZero(info.images()));
        volumes.set(o.volumes());
        networks.set(o.networks());
    }

    static Overview fetchOverview(EngineClient client) {
        SystemInfo info = client.system().info();
        VersionInfo version = client.system().version();
        var volumeList = client.volumes().list().volumes();
        int volumeCount = volumeList == null ? 0 : volumeList.size();
        int networkCount = client.networks().list().size();
        return new Overview(info, version, volumeCount, networkCount);
    }

    /** The engine's past events in a window; the stream ends by itself at {@code until}. Keeps the newest. */
    static List<EventRow> replay(EngineClient client, Instant since, Instant until) throws java.io.IOException {
        ArrayDeque<EventRow> kept = new ArrayDeque<>();
        try (JsonStream<EventMessage> stream = client.system().events(EventsOptions.live().since(since).until(until))) {
            for (EventMessage e = stream.next(); e != null; e = stream.next()) {
                kept.addLast(EventRow.of(e));
                if (kept.size() > EVENT_CAP) {
                    kept.removeFirst();
                }
            }
        }
        return List.copyOf(kept);
    }

    private static String runtimes(SystemInfo info) {
        String def = nonNull(info.defaultRuntime());
        if (info.runtimes() == null || info.runtimes().size() <= 1) {
            return def;
        }
        List<String> others = info.runtimes().keySet().stream().filter(r -> !r.equals(def)).sorted().toList();
        return T.get("info.runtime.also", def, String.join(", ", others));
    }

    /** Binary units, as {@code docker info} prints total memory. */
    static String memory(Long bytes) {
        if (bytes == null || bytes <= 0) {
            return "";
        }
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1 ? String.format(java.util.Locale.ROOT, "%.1f GiB", gib)
                : String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (1024.0 * 1024));
    }

    private static String join(String a, String b, String c) {
        List<String> parts = new ArrayList<>();
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                parts.add(s);
            }
        }
        return String.join(" · ", parts);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    public ObservableList<InfoItem> engineInfo() {
        return engineInfo;
    }

    public ObservableList<DiskUsageLine> diskUsage() {
        return diskUsage;
    }

    /** Newest first, at most {@link #EVENT_CAP}. */
    public ObservableList<EventRow> events() {
        return events;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stoppedProperty() {
        return stopped.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty imagesProperty() {
        return images.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty volumesProperty() {
        return volumes.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty networksProperty() {
        return networks.getReadOnlyProperty();
    }
}
