package dev.berth.desktop.shell;

import dev.berth.desktop.fx.Notifier;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Finished and failed background work, as toasts in the bottom-right corner that fade after a while. */
final class NoticesOverlay extends VBox {

    NoticesOverlay(Notifier notifier) {
        setId("notices");
        setAlignment(Pos.BOTTOM_RIGHT);
        setSpacing(6);
        setPadding(new Insets(12));
        setPickOnBounds(false);
        setMouseTransparent(false);
        notifier.notices().addListener((ListChangeListener<Notifier.Notice>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::show);
            }
        });
    }

    private void show(Notifier.Notice notice) {
        Label toast = new Label(notice.text());
        toast.getStyleClass().addAll("notice", notice.kind() == Notifier.Kind.ERROR ? "notice-error" : "notice-info");
        toast.setWrapText(true);
        toast.setMaxWidth(460);
        toast.setOnMouseClicked(e -> getChildren().remove(toast));
        getChildren().add(toast);
        PauseTransition fade = new PauseTransition(Duration.seconds(notice.kind() == Notifier.Kind.ERROR ? 12 : 5));
        fade.setOnFinished(e -> getChildren().remove(toast));
        fade.play();
    }
}
