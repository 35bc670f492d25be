package dev.berth.desktop.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.fx.Notifier;
import dev.berth.remote.containers.ContainerSummary;
import dev.berth.remote.system.EventMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Filtering, grouping, live-update merging and enable rules, without the JavaFX toolkit. */
class ContainersViewModelTest {

    private static final String WEB = "a1b2c3d4e5f6" + "0".repeat(52);
    private static final String DB = "b2c3d4e5f6a1" + "0".repeat(52);
    private static final String CACHE = "c3d4e5f6a1b2" + "0".repeat(52);
    private static final String TOOL = "d4e5f6a1b2c3" + "0".repeat(52);

    private final BackgroundExecutor background = new BackgroundExecutor();
    private ContainersViewModel model;

    @BeforeEach
    void load() {
        model = new ContainersViewModel(background, new Notifier());
        model.applyFull(List.of(
                ContainerSummaries.of(WEB, "shop-web-1", "nginx:1.25", "running", 400, "shop"),
                ContainerSummaries.of(DB, "shop-db-1", "postgres:16", "exited", 300, "shop"),
                ContainerSummaries.of(CACHE, "blog-cache-1", "redis:7", "paused", 200, "blog"),
                ContainerSummaries.of(TOOL, "toolbox", "busybox", "created", 100, null)));
    }

    @AfterEach
    void close() {
        background.close();
    }

    private List<String> shown() {
        return model.items().stream().map(r -> r.isHeader() ? "[" + r.project() + "]" : r.name())
                .collect(Collectors.toList());
    }

    @Test
    void newestContainersComeFirst() {
        assertEquals(List.of("shop-web-1", "shop-db-1", "blog-cache-1", "toolbox"), shown());
    }

    @Test
    void searchMatchesNameImageIdPrefixAndStatus() {
        model.searchProperty().set("DB-1");
        assertEquals(List.of("shop-db-1"), shown());
        model.searchProperty().set("redis");
        assertEquals(List.of("blog-cache-1"), shown());
        model.searchProperty().set("d4e5f6a1");
        assertEquals(List.of("toolbox"), shown(), "id prefix, not any substring of the id");
        model.searchProperty().set("exited (0)");
        assertEquals(List.of("shop-db-1"), shown());
        model.searchProperty().set("  ");
        assertEquals(4, shown().size());
    }

    @Test
    void stateFilterAndSearchCombine() {
        model.stateFilterProperty().set(StateFilter.RUNNING);
        assertEquals(List.of("shop-web-1"), shown());
        model.stateFilterProperty().set(StateFilter.EXITED);
        model.searchProperty().set("shop");
        assertEquals(List.of("shop-db-1"), shown());
        model.searchProperty().set("web");
        assertEquals(List.of(), shown());
        assertEquals("No container matches \u201cweb\u201d.", model.emptyTextProperty().get());
        assertTrue(model.summaryTextProperty().get().endsWith("0 shown"), model.summaryTextProperty().get());
    }

    @Test
    void groupingPutsEachProjectUnderItsHeaderAndLoneContainersLast() {
        model.groupedProperty().set(true);
        assertEquals(List.of("[blog]", "blog-cache-1", "[shop]", "shop-web-1", "shop-db-1", "[]", "toolbox"), shown());
        ContainerRow shop = model.items().get(2);
        assertEquals("shop (2)", shop.name());
        assertEquals("1 running", shop.status());
        model.groupedProperty().set(false);
        assertEquals(List.of("shop-web-1", "shop-db-1", "blog-cache-1", "toolbox"), shown());
    }

    @Test
    void groupsWithoutMatchesDisappearAndCountsFollowTheFilter() {
        model.groupedProperty().set(true);
        model.searchProperty().set("shop-d");
        assertEquals(List.of("[shop]", "shop-db-1"), shown());
        assertEquals("shop (1)", model.items().get(0).name());
    }

    @Test
    void collapsingAGroupHidesItsContainersButNotItsHeader() {
        model.groupedProperty().set(true);
        ContainerRow shop = model.items().get(2);
        model.toggleGroup(shop);
        assertEquals(List.of("[blog]", "blog-cache-1", "[shop]", "[]", "toolbox"), shown());
        model.toggleGroup(shop);
        assertEquals(List.of("[blog]", "blog-cache-1", "[shop]", "shop-web-1", "shop-db-1", "[]", "toolbox"), shown());
    }

    @Test
    void aNewProjectGetsItsHeaderAndAnEmptiedProjectLosesIt() {
        model.groupedProperty().set(true);
        String api = "e5f6a1b2c3d4" + "0".repeat(52);
        model.applyPartial(Set.of(api, CACHE), List.of(ContainerSummaries.of(api, "api-1", "api", "running", 500, "api")));
        assertEquals(List.of("[api]", "api-1", "[shop]", "shop-web-1", "shop-db-1", "[]", "toolbox"), shown());
    }

    @Test
    void actionsAreEnabledByTheSelectedStates() {
        model.selection().setAll(model.row(WEB));
        assertEnabled(Set.of(ContainerAction.STOP, ContainerAction.RESTART, ContainerAction.PAUSE,
                ContainerAction.KILL, ContainerAction.REMOVE));
        model.selection().setAll(model.row(DB), model.row(CACHE));
        assertEnabled(Set.of(ContainerAction.START, ContainerAction.STOP, ContainerAction.RESTART,
                ContainerAction.UNPAUSE, ContainerAction.KILL, ContainerAction.REMOVE));
        model.selection().clear();
        assertEnabled(Set.of());
    }

    @Test
    void enabledActionsFollowALiveStateChangeOfTheSelection() {
        model.selection().setAll(model.row(DB));
        assertTrue(model.enabledProperty(ContainerAction.START).get());
        ContainerSummary started = ContainerSummaries.withState(model.row(DB).summary(), "running");
        model.applyPartial(Set.of(DB), List.of(started));
        assertFalse(model.enabledProperty(ContainerAction.START).get());
        assertTrue(model.enabledProperty(ContainerAction.STOP).get());
    }

    @Test
    void bulkActionsTargetOnlyTheContainersTheyApplyTo() {
        List<ContainerRow> all = List.of(model.row(WEB), model.row(DB), model.row(CACHE), model.row(TOOL));
        assertEquals(List.of(model.row(WEB), model.row(CACHE)), model.targets(ContainerAction.STOP, all));
        assertEquals(List.of(model.row(DB), model.row(TOOL)), model.targets(ContainerAction.START, all));
        assertEquals(List.of(model.row(CACHE)), model.targets(ContainerAction.UNPAUSE, all));
    }

    @Test
    void aFullListingUpdatesRowsInPlaceAddsAndRemoves() {
        ContainerRow web = model.row(WEB);
        String fresh = "f6a1b2c3d4e5" + "0".repeat(52);
        model.applyFull(List.of(
                ContainerSummaries.withState(web.summary(), "exited"),
                model.row(DB).summary(),
                ContainerSummaries.of(fresh, "new-one", "alpine", "created", 600, null)));
        assertSame(web, model.row(WEB), "the row object survives, so selection does too");
        assertEquals("exited", web.state());
        assertNull(model.row(CACHE));
        assertEquals(List.of("new-one", "shop-web-1", "shop-db-1"), shown());
        assertEquals("3 containers · 0 running", model.summaryTextProperty().get());
    }

    @Test
    void stoppedContainersLoseTheirUsageFigures() {
        ContainerRow web = model.row(WEB);
        web.usage(12.5, 1024L);
        model.applyPartial(Set.of(WEB), List.of(ContainerSummaries.withState(web.summary(), "exited")));
        assertNull(web.cpuPercentProperty().get());
        assertNull(web.memoryBytesProperty().get());
    }

    @Test
    void destroyEventsRemoveRowsWithoutAListing() {
        model.onEvents(List.of(event("destroy", CACHE), event("exec_start: sh", WEB)));
        assertNull(model.row(CACHE));
        assertEquals(3, shown().size());
    }

    @Test
    void eventBatchesNameTheContainersToListAgain() {
        ContainerEventBatch b = ContainerEventBatch.of(List.of(event("start", WEB), event("exec_die", DB),
                event("health_status: healthy", WEB), event("create", CACHE), event("destroy", CACHE),
                event("resize", TOOL), new EventMessage("image", "pull", null, null, null, null, null, "x", null)));
        assertEquals(Set.of(WEB), b.changed());
        assertEquals(Set.of(CACHE), b.destroyed());
    }

    private static EventMessage event(String action, String id) {
        return new EventMessage("container", action, new EventMessage.Actor(id, Map.of()), "local", 1L, null, null,
                null, null);
    }

    private void assertEnabled(Set<ContainerAction> expected) {
        for (ContainerAction a : ContainerAction.values()) {
            assertEquals(expected.contains(a), model.enabledProperty(a).get(), a.name());
        }
    }
}
