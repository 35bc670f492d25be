package dev.berth.desktop.containers;

import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.FxThread;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import dev.berth.remote.client.Filters;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.containers.ContainersApi;
import dev.berth.remote.containers.ListContainersParams;
import dev.berth.remote.containers.PruneReport;
import dev.berth.remote.system.EventMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and commands of the containers page. One full listing when the page is shown; after that, engine events
 * name the containers that changed and only those are listed again (one call per event batch, one call in flight
 * at a time, so a burst of events never becomes a burst of requests). Rows are updated in place, so selection and
 * scrolling survive. Filtering and grouping are a predicate and a comparator over the same rows: no relisting.
 */
public final class ContainersViewModel {

    private static final Texts T = Texts.of(ContainersViewModel.class);

    private static final Logger LOG = LoggerFactory.getLogger(ContainersViewModel.class);

    /** Above this many changed containers one full listing is cheaper than an id filter this long. */
    static final int FULL_RELIST_ABOVE = 100;
    /** Stats are sampled for the visible running rows only, and not at all when a huge window shows more. */
    static final int MAX_STATS_ROWS = 40;
    static final Duration STATS_PERIOD = Duration.millis(2500);
    /** Row updates beyond this are applied with sorting suspended, then sorted once. */
    private static final int BULK_UPDATE = 50;

    private static final Comparator<ContainerRow> NEWEST_FIRST = Comparator
            .comparing(ContainerRow::created, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ContainerRow::name, Comparator.nullsLast(Comparator.naturalOrder()));

    private final BackgroundExecutor background;
    private final Notifier notifier;

    private final ObservableList<ContainerRow> all = FXCollections.observableArrayList(ContainerRow::observables);
    private final FilteredList<ContainerRow> filtered = new FilteredList<>(all);
    private final SortedList<ContainerRow> sorted = new SortedList<>(filtered);
    private final ObjectBinding<Comparator<ContainerRow>> comparator;
    private final Map<String, ContainerRow> byId = new HashMap<>();
    private final Map<String, ContainerRow> headers = new HashMap<>();
    private final Set<String> collapsedProjects = new HashSet<>();

    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> stateFilter = new SimpleObjectProperty<>(StateFilter.ALL);
    private final BooleanProperty grouped = new SimpleBooleanProperty();
    private final BooleanProperty showSizes = new SimpleBooleanProperty();
    private final ObjectProperty<Comparator<ContainerRow>> columnComparator = new SimpleObjectProperty<>();
    private final ObservableList<ContainerRow> selection = FXCollections.observableArrayList();
    private final Map<ContainerAction, ReadOnlyBooleanWrapper> enabled = new EnumMap<>(ContainerAction.class);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("");
    private String loadError;

    private EngineSession session;
    /** Bumped on every engine switch: answers for the previous engine are dropped. */
    private int generation;
    private Runnable unsubscribe = () -> { };

    private final Set<String> pending = new LinkedHashSet<>();
    private boolean fullPending;
    private boolean sizesPending;
    private boolean fetching;
    private final Set<String> destroyedWhileFetching = new HashSet<>();

    private final StatsSampler sampler = new StatsSampler();
    private Timeline statsTicker;
    private boolean sampling;
    private Supplier<List<ContainerRow>> visibleRows = List::of;
    private Consumer<List<ContainerRow>> restoreSelection = rows -> { };

    public ContainersViewModel(BackgroundExecutor background, Notifier notifier) {
        this.background = background;
        this.notifier = notifier;
        for (ContainerAction a : ContainerAction.values()) {
            enabled.put(a, new ReadOnlyBooleanWrapper());
        }
        comparator = Bindings.createObjectBinding(this::comparator, columnComparator, grouped);
        sorted.comparatorProperty().bind(comparator);
        search.addListener(o -> applyFilter());
        stateFilter.addListener(o -> applyFilter());
        grouped.addListener(o -> regroup());
        showSizes.addListener((obs, was, now) -> {
            if (now) {
                sizesPending = true;
                fetch();
            }
        });
        selection.addListener((Observable o) -> updateEnabled());
        applyFilter();
    }

    // ---- what the view shows -------------------------------------------------------------------------------------

    /** Filtered and sorted rows, headers included when grouped: the table's items. */
    public ObservableList<ContainerRow> items() {
        return sorted;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<StateFilter> stateFilterProperty() {
        return stateFilter;
    }

    public BooleanProperty groupedProperty() {
        return grouped;
    }

    /** Turning it on lists once with sizes (slow on big engines, hence never by default). */
    public BooleanProperty showSizesProperty() {
        return showSizes;
    }

    /** The table's column sort; bind it to {@code TableView.comparatorProperty()}. */
    public ObjectProperty<Comparator<ContainerRow>> columnComparatorProperty() {
        return columnComparator;
    }

    /** The selected rows, kept in step by the view; headers are ignored. */
    public ObservableList<ContainerRow> selection() {
        return selection;
    }

    /** True when the action applies to at least one selected container. */
    public ReadOnlyBooleanProperty enabledProperty(ContainerAction action) {
        return enabled.get(action).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** "12 containers · 3 running · 5 shown". */
    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }

    /** What the table says when it shows nothing. */
    public ReadOnlyStringProperty emptyTextProperty() {
        return emptyText.getReadOnlyProperty();
    }

    /** Called after a filter change with the selected rows that are still shown, to select them again. */
    public void restoreSelection(Consumer<List<ContainerRow>> action) {
        this.restoreSelection = action;
    }

    /** The visible rows, for sampling stats of what the user can see. */
    public void visibleRows(Supplier<List<ContainerRow>> rows) {
        this.visibleRows = rows;
    }

    public ContainerRow row(String containerId) {
        return byId.get(containerId);
    }

    public EngineSession session() {
        return session;
    }

    // ---- lifecycle -----------------------------------------------------------------------------------------------

    /** The page is visible on this engine: listen to its events, list everything once, sample stats. */
    public void show(EngineSession engine) {
        if (engine != session) {
            reset();
            session = engine;
        }
        unsubscribe.run();
        unsubscribe = engine.events().subscribe(this::onEvents);
        fullPending = true;
        fetch();
        startStats();
    }

    /** Stops listening and sampling; the rows stay for a quick return and are brought up to date on the next show. */
    public void hide() {
        unsubscribe.run();
        unsubscribe = () -> { };
        stopStats();
    }

    /** Lists everything again now (F5), with sizes when they are shown. */
    public void refresh() {
        if (session == null) {
            return;
        }
        fullPending = true;
        sizesPending = showSizes.get();
        fetch();
    }

    private void reset() {
        generation++;
        all.clear();
        byId.clear();
        headers.clear();
        collapsedProjects.clear();
        pending.clear();
        destroyedWhileFetching.clear();
        fullPending = false;
        sizesPending = showSizes.get();
        fetching = false;
        loadError = null;
        sampler.forget();
        afterChange();
    }

    // ---- live updates --------------------------------------------------------------------------------------------

    void onEvents(List<EventMessage> batch) {
        ContainerEventBatch b = ContainerEventBatch.of(batch);
        if (b.isEmpty()) {
            return;
        }
        if (!b.destroyed().isEmpty()) {
            removeRows(b.destroyed());
            pending.removeAll(b.destroyed());
            if (fetching) {
                destroyedWhileFetching.addAll(b.destroyed());
            }
            afterChange();
        }
        pending.addAll(b.changed());
        fetch();
    }

    /** Starts the next listing unless one is in flight; what piles up meanwhile goes into the next one. */
    private void fetch() {
        if (fetching || session == null) {
            return;
        }
        boolean full = fullPending || sizesPending || pending.size() > FULL_RELIST_ABOVE;
        if (!full && pending.isEmpty()) {
            return;
        }
        EngineSession engine = session;
        int gen = generation;
        ListContainersParams params = ListContainersParams.includingStopped();
        Set<String> ids = null;
        String what;
        String failure;
        if (full) {
            params = params.withSize(sizesPending);
            what = sizesPending ? T.get("containers.task.sizes") : T.get("containers.task.list");
            failure = sizesPending ? T.get("containers.error.sizes", engine.name())
                    : T.get("containers.error.list", engine.name());
            fullPending = false;
            sizesPending = false;
            pending.clear();
            loading.set(byId.isEmpty());
        } else {
            ids = new LinkedHashSet<>(pending);
            pending.clear();
            Filters filters = Filters.none();
            ids.forEach(id -> filters.and("id", id));
            params = params.withFilters(filters);
            what = T.get("containers.task.update");
            failure = what;
        }
        fetching = true;
        ListContainersParams query = params;
        Set<String> only = ids;
        Consumer<List<ContainerSummary>> done = list -> {
            if (gen != generation) {
                return;
            }
            loadError = null;
            if (only == null) {
                applyFull(list);
            } else {
                applyPartial(only, list);
            }
        };
        Consumer<Throwable> failed = e -> {
            if (gen != generation) {
                return;
            }
            if (only == null) {
                loadError = Notifier.userMessage(e);
                notifier.error(failure, e);
            } else {
                LOG.debug("refreshing {} failed", only, e);
            }
        };
        Runnable after = () -> {
            if (gen != generation) {
                return;
            }
            fetching = false;
            loading.set(false);
            destroyedWhileFetching.clear();
            afterChange();
            fetch();
        };
        Callable<List<ContainerSummary>> call = () -> engine.client().containers().list(query);
        if (only == null) {
            background.submit(what, call).onSuccess(done).onFailure(failed).andFinally(after);
        } else {
            // event-driven refreshes are routine, not tasks the status bar should flash for
            executeQuietly(() -> {
                List<ContainerSummary> list = null;
                Throwable error = null;
                try {
                    list = call.call();
                } catch (Exception e) {
                    error = e;
                }
                List<ContainerSummary> result = list;
                Throwable problem = error;
                FxThread.run(() -> {
                    try {
                        if (problem == null) {
                            done.accept(result);
                        } else {
                            failed.accept(problem);
                        }
                    } finally {
                        after.run();
                    }
                });
            });
        }
    }

    /** A complete listing: update, add and remove so the rows match it. */
    void applyFull(List<ContainerSummary> list) {
        Set<String> seen = new HashSet<>();
        List<ContainerSummary> fresh = new ArrayList<>();
        for (ContainerSummary s : list) {
            if (s.id() != null && !destroyedWhileFetching.contains(s.id())) {
                seen.add(s.id());
                fresh.add(s);
            }
        }
        List<String> gone = new ArrayList<>();
        for (String id : byId.keySet()) {
            if (!seen.contains(id)) {
                gone.add(id);
            }
        }
        removeRows(gone);
        upsert(fresh);
        afterChange();
    }

    /** A listing filtered to {@code ids}: those missing from it no longer exist. */
    void applyPartial(Set<String> ids, List<ContainerSummary> list) {
        Set<String> gone = new HashSet<>(ids);
        List<ContainerSummary> fresh = new ArrayList<>();
        for (ContainerSummary s : list) {
            gone.remove(s.id());
            if (s.id() != null && !destroyedWhileFetching.contains(s.id())) {
                fresh.add(s);
            }
        }
        removeRows(gone);
        upsert(fresh);
        afterChange();
    }

    private void upsert(List<ContainerSummary> summaries) {
        List<ContainerRow> added = new ArrayList<>();
        List<Runnable> updates = new ArrayList<>();
        for (ContainerSummary s : summaries) {
            ContainerRow row = byId.get(s.id());
            if (row == null) {
                row = ContainerRow.of(s);
                byId.put(s.id(), row);
                added.add(row);
            } else if (!s.equals(row.summary())) {
                ContainerRow r = row;
                updates.add(() -> r.update(s));
            }
        }
        if (updates.size() > BULK_UPDATE) {
            // each update would re-sort everything; sort once instead (selection follows the permutations)
            sorted.comparatorProperty().unbind();
            sorted.setComparator(null);
            updates.forEach(Runnable::run);
            sorted.comparatorProperty().bind(comparator);
        } else {
            updates.forEach(Runnable::run);
        }
        if (!added.isEmpty()) {
            all.addAll(added);
        }
    }

    private void removeRows(Collection<String> ids) {
        Set<ContainerRow> rows = new HashSet<>();
        for (String id : ids) {
            ContainerRow row = byId.remove(id);
            if (row != null) {
                rows.add(row);
            }
        }
        if (!rows.isEmpty()) {
            all.removeAll(rows);
        }
    }

    /** After each batch of changes (not each row): groups, counts, enabled actions. */
    private void afterChange() {
        if (grouped.get()) {
            syncGroups();
        }
        updateSummary();
        updateEnabled();
    }

    // ---- filtering and grouping ----------------------------------------------------------------------------------

    private Predicate<ContainerRow> member = r -> true;

    private void applyFilter() {
        // the table drops its selection when its rows are replaced wholesale; the view puts back what still shows
        List<ContainerRow> selected = new ArrayList<>(selection);
        String query = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        StateFilter state = stateFilter.get() == null ? StateFilter.ALL : stateFilter.get();
        member = r -> state.accepts(r.state()) && r.matches(query);
        if (!grouped.get()) {
            filtered.setPredicate(query.isEmpty() && state == StateFilter.ALL ? null : member);
        } else {
            Predicate<ContainerRow> m = member;
            countGroups();
            filtered.setPredicate(r -> r.isHeader() ? r.matchCount() > 0
                    : m.test(r) && !collapsedProjects.contains(r.project()));
        }
        updateSummary();
        Predicate<? super ContainerRow> shown = filtered.getPredicate();
        selected.removeIf(r -> shown != null && !shown.test(r));
        if (!selected.isEmpty()) {
            restoreSelection.accept(selected);
        }
    }

    private void regroup() {
        if (grouped.get()) {
            syncGroups();
        } else {
            all.removeAll(new HashSet<>(headers.values()));
            headers.clear();
        }
        applyFilter();
    }

    /** One header per project that has containers; headers of emptied projects go. */
    private void syncGroups() {
        Set<String> projects = new HashSet<>();
        for (ContainerRow r : byId.values()) {
            projects.add(r.project());
        }
        List<ContainerRow> stale = new ArrayList<>();
        headers.entrySet().removeIf(e -> {
            if (!projects.contains(e.getKey())) {
                stale.add(e.getValue());
                return true;
            }
            return false;
        });
        List<ContainerRow> added = new ArrayList<>();
        for (String p : projects) {
            if (!headers.containsKey(p)) {
                ContainerRow h = ContainerRow.groupHeader(p);
                h.collapsed(collapsedProjects.contains(p));
                headers.put(p, h);
                added.add(h);
            }
        }
        collapsedProjects.retainAll(projects);
        countGroups();
        if (!stale.isEmpty()) {
            all.removeAll(new HashSet<>(stale));
        }
        if (!added.isEmpty()) {
            all.addAll(added);
        }
    }

    private void countGroups() {
        Map<String, int[]> counts = new HashMap<>();
        for (ContainerRow r : byId.values()) {
            if (member.test(r)) {
                int[] c = counts.computeIfAbsent(r.project(), k -> new int[2]);
                c[0]++;
                if ("running".equals(r.state())) {
                    c[1]++;
                }
            }
        }
        headers.forEach((p, h) -> {
            int[] c = counts.getOrDefault(p, new int[2]);
            h.groupCounts(c[0], c[1]);
        });
    }

    /** Collapses or expands a group header. */
    public void toggleGroup(ContainerRow header) {
        if (header == null || !header.isHeader()) {
            return;
        }
        boolean collapse = !header.isCollapsed();
        if (collapse) {
            collapsedProjects.add(header.project());
        } else {
            collapsedProjects.remove(header.project());
        }
        header.collapsed(collapse);
        for (ContainerRow r : byId.values()) {
            if (r.project().equals(header.project())) {
                r.touch();
            }
        }
        updateSummary();
    }

    private Comparator<ContainerRow> comparator() {
        Comparator<ContainerRow> column = columnComparator.get();
        Comparator<ContainerRow> base = column == null ? NEWEST_FIRST : column.thenComparing(NEWEST_FIRST);
        if (!grouped.get()) {
            return base;
        }
        // projects alphabetically, the containers outside any project last, each header above its group
        return Comparator.comparing((ContainerRow r) -> r.project().isEmpty() ? "\uffff"
                        : r.project().toLowerCase(Locale.ROOT))
                .thenComparing(r -> !r.isHeader())
                .thenComparing(base);
    }

    // ---- enable rules and counts ---------------------------------------------------------------------------------

    /** The selected containers the action applies to. */
    public List<ContainerRow> targets(ContainerAction action, List<ContainerRow> rows) {
        List<ContainerRow> out = new ArrayList<>();
        for (ContainerRow r : rows) {
            if (r != null && !r.isHeader() && action.appliesTo(r.state())) {
                out.add(r);
            }
        }
        return out;
    }

    private void updateEnabled() {
        enabled.forEach((action, flag) -> {
            boolean any = false;
            for (ContainerRow r : selection) {
                if (r != null && !r.isHeader() && action.appliesTo(r.state())) {
                    any = true;
                    break;
                }
            }
            flag.set(any);
        });
    }

    private void updateSummary() {
        int running = 0;
        for (ContainerRow r : byId.values()) {
            if ("running".equals(r.state())) {
                running++;
            }
        }
        int shown = 0;
        for (ContainerRow r : filtered) {
            if (!r.isHeader()) {
                shown++;
            }
        }
        int total = byId.size();
        summaryText.set(shown == total ? T.get("containers.summary", total, running)
                : T.get("containers.summary.filtered", total, running, shown));
        String query = search.get() == null ? "" : search.get().strip();
        if (loading.get() && total == 0) {
            emptyText.set(T.get("containers.empty.loading"));
        } else if (loadError != null && total == 0) {
            emptyText.set(T.get("containers.empty.error", loadError));
        } else if (total == 0) {
            emptyText.set(T.get("containers.empty.none"));
        } else {
            emptyText.set(query.isEmpty() ? stateFilter.get().emptyText() : T.get("containers.empty.search", query));
        }
    }

    // ---- commands ------------------------------------------------------------------------------------------------

    /** Runs the action on every given container it applies to, in parallel, in the background. */
    public void perform(ContainerAction action, List<ContainerRow> rows) {
        runEach(action, targets(action, rows), action::perform);
    }

    public void remove(List<ContainerRow> rows, boolean force, boolean volumes) {
        runEach(ContainerAction.REMOVE, targets(ContainerAction.REMOVE, rows),
                (api, id) -> api.remove(id, force, volumes));
    }

    /** Removes every stopped container. */
    public void prune() {
        EngineSession engine = session;
        if (engine == null) {
            return;
        }
        String what = T.get("containers.prune.title");
        background.submit(what, () -> engine.client().containers().prune(Filters.none()))
                .onSuccess(report -> notifier.info(pruneSummary(report)))
                .onFailure(e -> notifier.error(what, e));
    }

    static String pruneSummary(PruneReport report) {
        int n = report == null || report.containersDeleted() == null ? 0 : report.containersDeleted().size();
        long bytes = report == null || report.spaceReclaimed() == null ? 0 : report.spaceReclaimed();
        if (n == 0) {
            return T.get("containers.prune.none");
        }
        return T.get("containers.prune.done", n, ContainerFormat.bytes(bytes));
    }

    private interface ContainerOp {
        void run(ContainersApi api, String containerId);
    }

    private void runEach(ContainerAction action, List<ContainerRow> targets, ContainerOp op) {
        EngineSession engine = session;
        if (engine == null || targets.isEmpty()) {
            return;
        }
        int[] left = {targets.size()};
        int[] failed = {0};
        Set<String> ids = new LinkedHashSet<>();
        for (ContainerRow row : targets) {
            String id = row.id();
            String name = row.name();
            ids.add(id);
            String what = T.get("containers.task.action", action.label(), name);
            background.submit(what, () -> {
                op.run(engine.client().containers(), id);
                return null;
            }).onFailure(e -> {
                failed[0]++;
                notifier.error(what, e);
            }).andFinally(() -> {
                if (--left[0] > 0) {
                    return;
                }
                int ok = targets.size() - failed[0];
                if (targets.size() > 1 && ok > 0) {
                    notifier.info(failed[0] > 0 ? T.get("containers.done.withFailures", action.done(ok), failed[0])
                            : action.done(ok));
                }
                if (engine == session) {
                    // the events say the same; this covers a moment when the event stream is reconnecting
                    pending.addAll(ids);
                    fetch();
                }
            });
        }
    }

    /** Background work the status bar does not list (routine refreshes and stats samples). */
    private void executeQuietly(Runnable work) {
        background.execute(work);
    }

    // ---- stats ---------------------------------------------------------------------------------------------------

    private void startStats() {
        if (statsTicker == null) {
            statsTicker = new Timeline(new KeyFrame(STATS_PERIOD, e -> sampleStats()));
            statsTicker.setCycleCount(Timeline.INDEFINITE);
        }
        statsTicker.play();
    }

    private void stopStats() {
        if (statsTicker != null) {
            statsTicker.stop();
        }
    }

    /** One batch of one-shot samples for the visible running containers; skipped while the last is in flight. */
    void sampleStats() {
        if (sampling || session == null) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (ContainerRow r : visibleRows.get()) {
            if (r != null && !r.isHeader() && "running".equals(r.state())) {
                ids.add(r.id());
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_STATS_ROWS) {
            return;
        }
        sampling = true;
        EngineSession engine = session;
        int gen = generation;
        executeQuietly(() -> {
            Map<String, StatsSampler.Usage> usage = Map.of();
            try {
                usage = sampler.sample(engine.client().containers(), ids);
            } catch (RuntimeException e) {
                LOG.debug("stats sampling failed", e);
            } finally {
                Map<String, StatsSampler.Usage> result = usage;
                FxThread.run(() -> {
                    sampling = false;
                    if (gen == generation) {
                        result.forEach((id, u) -> {
                            ContainerRow row = byId.get(id);
                            if (row != null && "running".equals(row.state())) {
                                row.usage(u.cpuPercent(), u.memoryBytes());
                            }
                        });
                    }
                });
            }
        });
    }
}
