package dev.berth.desktop.containers;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Confirmations for the destructive container actions. They never block: the answer arrives as a callback. */
final class ContainerDialogs {

    private static final Texts T = Texts.of(ContainerDialogs.class);

    interface RemoveAnswer {
        void remove(boolean force, boolean volumes);
    }

    private static final int NAMES_SHOWN = 8;

    private ContainerDialogs() {
    }

    static Dialog<ButtonType> confirmRemove(Window owner, List<ContainerRow> rows, RemoveAnswer answer) {
        ButtonType remove = new ButtonType(T.get("containers.remove.button"), ButtonBar.ButtonData.OK_DONE);
        boolean one = rows.size() == 1;
        long running = rows.stream().filter(r -> ContainerAction.STOP.appliesTo(r.state())).count();
        Label question = new Label(one ? T.get("containers.remove.one.question", rows.get(0).name())
                : T.get("containers.remove.many.question", rows.size()));
        question.setWrapText(true);
        CheckBox force = new CheckBox(T.get("containers.remove.force"));
        force.setId("confirm-remove-force");
        CheckBox volumes = new CheckBox(T.get("containers.remove.volumes"));
        volumes.setId("confirm-remove-volumes");
        VBox content = new VBox(10, question);
        if (rows.size() > 1) {
            content.getChildren().add(muted(names(rows)));
        }
        if (running > 0) {
            content.getChildren().add(muted(running == 1 && one ? T.get("containers.remove.notStopped.one")
                    : T.get("containers.remove.notStopped.many", running)));
        }
        content.getChildren().addAll(force, volumes);
        Dialog<ButtonType> dialog = dialog(owner, "confirm-remove", one ? T.get("containers.remove.one.title", rows.get(0).name())
                : T.get("containers.remove.many.title", rows.size()), content, remove);
        Button ok = (Button) dialog.getDialogPane().lookupButton(remove);
        ok.getStyleClass().add(Styles.DANGER);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == remove) {
                answer.remove(force.isSelected(), volumes.isSelected());
            }
        });
        dialog.show();
        return dialog;
    }

    static Dialog<ButtonType> confirmPrune(Window owner, long stopped, Runnable prune) {
        ButtonType ok = new ButtonType(T.get("containers.prune.button"), ButtonBar.ButtonData.OK_DONE);
        Label text = new Label(stopped > 0 ? T.get("containers.prune.question.count", stopped)
                : T.get("containers.prune.question"));
        text.setWrapText(true);
        Dialog<ButtonType> dialog = dialog(owner, "confirm-prune", T.get("containers.prune.title"), new VBox(10, text), ok);
        dialog.getDialogPane().lookupButton(ok).getStyleClass().add(Styles.DANGER);
        dialog.setOnHidden(e -> {
            if (dialog.getResult() == ok) {
                prune.run();
            }
        });
        dialog.show();
        return dialog;
    }

    private static Dialog<ButtonType> dialog(Window owner, String id, String title, Node content, ButtonType ok) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        dialog.setTitle(title);
        dialog.getDialogPane().setId(id);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setPrefWidth(460);
        // a Cancel of our own: JavaFX's follows the JVM's language, not the one the app was told to use
        ButtonType cancel = new ButtonType(T.get("containers.dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(cancel, ok);
        dialog.getDialogPane().lookupButton(ok).setId(id + "-ok");
        dialog.getDialogPane().lookupButton(cancel).setId(id + "-cancel");
        // the default button is Cancel: Enter right after Delete must not destroy anything
        ((Button) dialog.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return dialog;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static String names(List<ContainerRow> rows) {
        String shown = rows.stream().limit(NAMES_SHOWN).map(ContainerRow::name).collect(Collectors.joining(", "));
        return rows.size() > NAMES_SHOWN ? T.get("containers.remove.names.more", shown, rows.size() - NAMES_SHOWN) : shown;
    }
}
