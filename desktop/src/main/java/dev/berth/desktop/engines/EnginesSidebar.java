package dev.berth.desktop.engines;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** The engines list: name, address and live status of each; selecting one switches the whole window to it. */
public final class EnginesSidebar extends VBox {

    private static final Texts T = Texts.of(EnginesSidebar.class);

    public EnginesSidebar(EnginesViewModel model) {
        setId("engines-sidebar");
        getStyleClass().add("engines-sidebar");
        Label heading = new Label(T.get("sidebar.heading"));
        heading.getStyleClass().add("sidebar-heading");
        ListView<EngineEntry> list = new ListView<>(model.engines());
        list.setId("engines-list");
        // as tall as its engines (two lines each), up to five; a long address is cut short, never scrolled sideways
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(5, Math.max(1, model.engines().size())) * 46.0 + 4, model.engines()));
        list.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        HBox actions = new HBox(2);
        Runnable showActions = () -> actions.getChildren().setAll(model.actions().stream().map(a -> {
            Button button = new Button(null, a.icon().node(16));
            button.setId(a.id());
            button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            button.setTooltip(new Tooltip(a.title()));
            button.setOnAction(e -> a.action().run());
            return button;
        }).toList());
        model.actions().addListener((javafx.collections.ListChangeListener<EngineAction>) c -> showActions.run());
        showActions.run();
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(4, heading, grow, actions);
        top.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(top, list);
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
            setPrefWidth(0); // the list's width, not the text's: long details end in "…" (the tooltip has it all)
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
            String warning = bound.certificateWarning();
            if (warning == null) {
                name.setGraphic(icon);
            } else {
                FontIcon badge = AppIcon.EXPIRING.node(14);
                badge.getStyleClass().add("engine-cert-warning");
                name.setGraphic(new HBox(4, icon, badge));
            }
            detail.setText(s.summary());
            setTooltip(new Tooltip(T.get("sidebar.found-via", bound.endpoint().uri(), origin(bound.origin()))
                    + (s.problem() == null ? "" : "\n" + s.problem()) + (warning == null ? "" : "\n" + warning)));
        }
    }

    /** Where an engine was found, for people; the environment's variable names stay as they are. */
    private static String origin(String origin) {
        return switch (origin) {
            case "local socket" -> T.get("origin.local-socket");
            case "embedded engine" -> T.get("origin.embedded");
            case "saved" -> T.get("origin.saved");
            default -> origin;
        };
    }
}
