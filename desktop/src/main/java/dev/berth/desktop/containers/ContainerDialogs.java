package dev.berth.desktop.containers;

import atlantafx.base.theme.Styles;
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

    interface RemoveAnswer {
        void remove(boolean force, boolean volumes);
    }

    private static final int NAMES_SHOWN = 8;

    private ContainerDialogs() {
    }

    static Dialog<ButtonType> confirmRemove(Window owner, List<ContainerRow> rows, RemoveAnswer answer) {
        ButtonType remove = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
        String what = rows.size() == 1 ? "container \u201c" + rows.get(0).name() + "\u201d"
                : rows.size() + " containers";
        long running = rows.stream().filter(r -> ContainerAction.STOP.appliesTo(r.state())).count();
        Label question = new Label("Remove " + what + "? This cannot be undone.");
        question.setWrapText(true);
        CheckBox force = new CheckBox("Force: stop running containers first");
        force.setId("confirm-remove-force");
        CheckBox volumes = new CheckBox("Also remove anonymous volumes");
        volumes.setId("confirm-remove-volumes");
        VBox content = new VBox(10, question);
        if (rows.size() > 1) {
            content.getChildren().add(muted(names(rows)));
        }
        if (running > 0) {
            content.getChildren().add(muted((running == 1 && rows.size() == 1 ? "It is"
                    : running + " of them are") + " not stopped: tick Force, or the engine refuses."));
        }
        content.getChildren().addAll(force, volumes);
        Dialog<ButtonType> dialog = dialog(owner, "confirm-remove", "Remove " + what, content, remove);
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
        ButtonType ok = new ButtonType("Prune", ButtonBar.ButtonData.OK_DONE);
        Label text = new Label("Remove all stopped containers" + (stopped > 0 ? " (" + stopped + " now)" : "")
                + "? Running and paused containers are kept.");
        text.setWrapText(true);
        Dialog<ButtonType> dialog = dialog(owner, "confirm-prune", "Prune stopped containers", new VBox(10, text), ok);
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
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        dialog.getDialogPane().lookupButton(ok).setId(id + "-ok");
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId(id + "-cancel");
        // the default button is Cancel: Enter right after Delete must not destroy anything
        ((Button) dialog.getDialogPane().lookupButton(ok)).setDefaultButton(false);
        ((Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
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
        return rows.size() > NAMES_SHOWN ? shown + " and " + (rows.size() - NAMES_SHOWN) + " more" : shown;
    }
}
