package dev.berth.desktop.shell;

import dev.berth.desktop.engines.EngineEntry;
import dev.berth.desktop.engines.EngineStatus;
import dev.berth.desktop.engines.EnginesViewModel;
import dev.berth.desktop.fx.BackgroundExecutor;
import dev.berth.desktop.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Engine, API version, running/total containers, and the background work in progress. */
public final class StatusBar extends HBox {

    private static final Texts T = Texts.of(StatusBar.class);

    private final Label engine = new Label();

    public StatusBar(EnginesViewModel engines, BackgroundExecutor background) {
        setId("status-bar");
        getStyleClass().add("status-bar");
        setSpacing(12);
        engine.setId("status-engine");
        Label tasks = new Label();
        tasks.setId("status-tasks");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(14, 14);
        spinner.visibleProperty().bind(Bindings.isNotEmpty(background.running()));
        tasks.textProperty().bind(Bindings.createStringBinding(() -> background.running().isEmpty() ? ""
                : background.running().size() > 1
                        ? T.get("status.tasks-more", background.running().get(0).description(),
                                background.running().size() - 1)
                        : background.running().get(0).description(), background.running()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().addAll(engine, grow, spinner, tasks);
        engines.selectedProperty().addListener((obs, old, now) -> watch(old, now));
        render(null);
    }

    private final javafx.beans.value.ChangeListener<EngineStatus> onStatus = (obs, old, now) -> render(null);
    private EngineEntry current;

    private void watch(EngineEntry old, EngineEntry now) {
        if (old != null) {
            old.statusProperty().removeListener(onStatus);
        }
        if (now != null) {
            now.statusProperty().addListener(onStatus);
        }
        render(now);
    }

    private void render(EngineEntry entry) {
        if (entry != null) {
            current = entry;
        }
        if (current == null) {
            engine.setText(T.get("status.no-engine"));
            return;
        }
        EngineStatus s = current.status();
        engine.setText(s.reachable()
                ? T.get("status.engine", current.name(), s.version(), s.apiVersion(), s.running(), s.total())
                : T.get("status.engine-unreachable", current.name(), s.summary()));
    }
}
