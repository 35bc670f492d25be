package dev.berth.desktop.run;

import dev.berth.icons.AppIcon;
import java.io.File;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** Step 4: named volumes, bind mounts and tmpfs mounts. */
final class StorageStepPage extends VBox implements StepPage {

    private final RowsEditor<MountRow> volumes;

    StorageStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        volumes = new RowsEditor<>("run-volume", "Add volume", "No named volumes. A new name creates the volume.",
                List.of(new RowsEditor.Column("Volume", 220), new RowsEditor.Column("Path in the container", -1),
                        new RowsEditor.Column("", 100)),
                model.volumes(), MountRow::new, (row, i) -> List.of(
                        volumeName(row, i, vm.volumeSuggestions()),
                        Forms.text("run-volume-target-" + i, row.targetProperty(), "/data"),
                        Forms.check("run-volume-readonly-" + i, "read-only", row.readOnlyProperty())));
        RowsEditor<MountRow> binds = new RowsEditor<>("run-bind", "Add bind mount", "No host folders mounted.",
                List.of(new RowsEditor.Column("Host path", 340), new RowsEditor.Column("Path in the container", -1),
                        new RowsEditor.Column("", 100)),
                model.binds(), MountRow::new, (row, i) -> List.of(
                        hostPath(row, i),
                        Forms.text("run-bind-target-" + i, row.targetProperty(), "/app/config"),
                        Forms.check("run-bind-readonly-" + i, "read-only", row.readOnlyProperty())));
        RowsEditor<TmpfsMountRow> tmpfs = new RowsEditor<>("run-tmpfs", "Add tmpfs", "No tmpfs mounts.",
                List.of(new RowsEditor.Column("Path in the container", 220), new RowsEditor.Column("Options", -1)),
                model.tmpfs(), TmpfsMountRow::new, (row, i) -> List.of(
                        Forms.text("run-tmpfs-target-" + i, row.targetProperty(), "/run/cache"),
                        Forms.text("run-tmpfs-options-" + i, row.optionsProperty(), "defaults, or e.g. size=64m,mode=1777")));
        VBox bindSection = Forms.section("Bind mounts", binds);
        if (!vm.engineLocal()) {
            bindSection.getChildren().add(1, Forms.hint("Host paths are on the engine's machine, which is not this "
                    + "one: they cannot be checked from here."));
        }
        getChildren().addAll(Forms.section("Volumes", volumes), bindSection,
                Forms.section("Tmpfs (in memory, gone when the container stops)", tmpfs));
    }

    private static Node volumeName(MountRow row, int i, ObservableList<String> suggestions) {
        ComboBox<String> name = new ComboBox<>(suggestions);
        name.setId("run-volume-name-" + i);
        name.setEditable(true);
        name.setPromptText("volume name");
        name.getEditor().textProperty().bindBidirectional(row.sourceProperty());
        return name;
    }

    private static Node hostPath(MountRow row, int i) {
        TextField path = Forms.text("run-bind-source-" + i, row.sourceProperty(), "/home/me/site");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button(null, AppIcon.BROWSE.node(16));
        browse.setId("run-bind-browse-" + i);
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a folder to mount");
            File chosen = chooser.showDialog(browse.getScene().getWindow());
            if (chosen != null) {
                row.sourceProperty().set(chosen.getAbsolutePath());
            }
        });
        return new HBox(4, path, browse);
    }

    @Override
    public Node firstInput() {
        return volumes.focusTarget();
    }
}
