package dev.berth.desktop.containers;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.engines.EngineSession;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opened container: a title bar and the detail tabs. Tabs are made fresh for each container and each is opened
 * when first selected, so a Terminal or Stats tab nobody looks at starts nothing; all are closed with the pane.
 */
final class ContainerDetailsPane extends VBox {

    private static final Texts T = Texts.of(ContainerDetailsPane.class);

    private static final Logger LOG = LoggerFactory.getLogger(ContainerDetailsPane.class);

    private final ContainerDetailTabs tabSupplier;
    private final Label title = new Label();
    private final Label state = new Label();
    private final TabPane tabPane = new TabPane();
    private final List<ContainerDetailTab> tabs = new ArrayList<>();
    private final Set<ContainerDetailTab> opened = new HashSet<>();
    private Runnable onClose = () -> { };
    private EngineSession session;
    private String containerId;
    private ContainerRow row;
    /** While tabs are being added: the TabPane selects as it goes, and only the final choice should open. */
    private boolean building;

    ContainerDetailsPane(ContainerDetailTabs tabSupplier) {
        this.tabSupplier = tabSupplier;
        setId("container-details");
        getStyleClass().add("container-details");
        title.setId("container-details-title");
        title.getStyleClass().add(Styles.TITLE_4);
        state.setId("container-details-state");
        Button close = new Button(null, AppIcon.CLOSE.node(16));
        close.setId("container-details-close");
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        close.setTooltip(new Tooltip(T.get("containers.details.close")));
        close.setOnAction(e -> close());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, title, state, grow, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 4, 4, 8));
        tabPane.setId("container-detail-tabs");
        tabPane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabPane.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> openSelected());
        VBox.setVgrow(tabPane, Priority.ALWAYS);
        getChildren().addAll(bar, tabPane);
    }

    /** Runs after the pane closed itself (close button, Escape), so the view can take it away. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    boolean isOpen() {
        return containerId != null;
    }

    String containerId() {
        return containerId;
    }

    /** Shows {@code container}; the tab that was selected stays selected when switching containers. */
    void open(EngineSession engine, ContainerRow container) {
        if (engine == session && container.id().equals(containerId)) {
            return;
        }
        String selectedTab = selectedTabId();
        closeTabs();
        session = engine;
        containerId = container.id();
        watch(container);
        building = true;
        for (ContainerDetailTab t : tabSupplier.get()) {
            tabs.add(t);
            Tab tab = new Tab(t.title(), t.view());
            tab.setId("detail-tab-" + t.id());
            tab.setUserData(t);
            t.view().setId("detail-" + t.id());
            tabPane.getTabs().add(tab);
        }
        if (tabs.isEmpty()) {
            Label none = new Label(T.get("containers.details.none"));
            none.getStyleClass().add(Styles.TEXT_MUTED);
            tabPane.getTabs().add(new Tab(T.get("containers.details.tab"), none));
        }
        tabPane.getTabs().stream().filter(t -> t.getId() != null && t.getId().equals(selectedTab)).findFirst()
                .ifPresentOrElse(t -> tabPane.getSelectionModel().select(t), () -> tabPane.getSelectionModel().select(0));
        building = false;
        openSelected();
    }

    /** Closes every tab (stopping their streams) and tells the view. */
    void close() {
        if (!isOpen()) {
            return;
        }
        closeTabs();
        onClose.run();
    }

    private final javafx.beans.InvalidationListener rowChanged = o -> paintTitle();

    private void watch(ContainerRow container) {
        if (row != null) {
            row.summaryProperty().removeListener(rowChanged);
        }
        row = container;
        if (row != null) {
            row.summaryProperty().addListener(rowChanged);
        }
        paintTitle();
    }

    private void paintTitle() {
        title.setText(row == null ? "" : row.name());
        state.setText(row == null ? "" : row.state());
        state.getStyleClass().setAll("label", "state-" + (row == null ? "none" : row.state()));
    }

    private String selectedTabId() {
        Tab t = tabPane.getSelectionModel().getSelectedItem();
        return t == null ? null : t.getId();
    }

    private void openSelected() {
        Tab tab = tabPane.getSelectionModel().getSelectedItem();
        if (building || tab == null || !(tab.getUserData() instanceof ContainerDetailTab) || session == null) {
            return;
        }
        ContainerDetailTab t = (ContainerDetailTab) tab.getUserData();
        if (opened.add(t)) {
            try {
                t.open(session, containerId);
            } catch (RuntimeException e) {
                LOG.warn("detail tab {} failed to open", t.id(), e);
            }
        }
    }

    private void closeTabs() {
        for (ContainerDetailTab t : tabs) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("detail tab {} failed to close", t.id(), e);
            }
        }
        tabs.clear();
        opened.clear();
        tabPane.getTabs().clear();
        watch(null);
        containerId = null;
        session = null;
    }
}
