package dev.berth.desktop.engines;

import dev.berth.icons.AppIcon;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The engines list: name, address and live status of each; selecting one switches the whole window to it. */
public final class EnginesSidebar extends VBox {

    public EnginesSidebar(EnginesViewModel model) {
        setId("engines-sidebar");
        getStyleClass().add("engines-sidebar");
        Label heading = new Label("Engines");
        heading.getStyleClass().add("sidebar-heading");
        ListView<EngineEntry> list = new ListView<>(model.engines());
        list.setId("engines-list");
        list.setPrefHeight(180);
        list.setCellFactory(v -> new EngineCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        getChildren().addAll(heading, list);
        setSpacing(4);
    }

    private static final class EngineCell extends ListCell<EngineEntry> {

        private final Label name = new Label();
        private final Label detail = new Label();
        private final VBox box = new VBox(name, detail);
        private EngineEntry bound;
        private final javafx.beans.value.ChangeListener<EngineStatus> onStatus = (obs, old, now) -> render();

        EngineCell() {
            detail.getStyleClass().add("engine-detail");
            name.getStyleClass().add("engine-name");
        }

        @Override
        protected void updateItem(EngineEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                bound.statusProperty().removeListener(onStatus);
            }
            bound = empty ? null : item;
            if (bound == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            bound.statusProperty().addListener(onStatus);
            render();
            setGraphic(box);
        }

        private void render() {
            EngineStatus s = bound.status();
            name.setText(bound.name());
            FontIcon icon = (s.reachable() ? AppIcon.REACHABLE : AppIcon.UNREACHABLE).node(14);
            icon.getStyleClass().add(s.reachable() ? "engine-up" : "engine-down");
            name.setGraphic(icon);
            detail.setText(s.summary());
            setTooltip(new Tooltip(bound.endpoint().uri() + "\nfound via " + bound.origin()
                    + (s.problem() == null ? "" : "\n" + s.problem())));
        }
    }
}
