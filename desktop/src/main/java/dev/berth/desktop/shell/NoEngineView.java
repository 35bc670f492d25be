package dev.berth.desktop.shell;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Shown when no engine can be used: what Berth tried, and what the user can do, in plain words. */
public final class NoEngineView extends VBox {

    public NoEngineView(List<String> placesLookedAt) {
        setId("no-engine");
        setSpacing(8);
        getStyleClass().add("no-engine");
        Label title = new Label("No container engine is reachable");
        title.getStyleClass().add("title-3");
        Label tried = new Label("Berth looked at:\n  • " + String.join("\n  • ", placesLookedAt));
        Label todo = new Label("""
                What you can do:
                  • start Docker (e.g. systemctl start docker) or Podman's API socket,
                  • point DOCKER_HOST at an engine, or create a docker context for it,
                  • select an engine on the left to see why it cannot be reached.""");
        tried.setWrapText(true);
        todo.setWrapText(true);
        getChildren().addAll(title, tried, todo);
    }
}
