package dev.berth.desktop.fx;

import javafx.application.Platform;

/** Runs UI work on the JavaFX thread: at once when already there, otherwise queued. */
public final class FxThread {

    private FxThread() {
    }

    public static void run(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }
}
