package dev.berth.desktop.shell;

import dev.berth.desktop.i18n.Texts;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shown when no engine can be used: what Berth tried, and what the user can do, in plain words. */
public final class NoEngineView extends VBox {

    private static final Texts T = Texts.of(NoEngineView.class);

    public NoEngineView(List<String> placesLookedAt) {
        setId("no-engine");
        setSpacing(8);
        getStyleClass().add("no-engine");
        Label title = new Label(T.get("no-engine.title"));
        title.getStyleClass().add("title-3");
        Label tried = new Label(T.get("no-engine.looked-at", String.join("\n  • ", placesLookedAt)));
        Label todo = new Label(T.get("no-engine.todo"));
        tried.setWrapText(true);
        todo.setWrapText(true);
        getChildren().addAll(title, tried, todo);
    }
}
