package dev.berth.desktop.run;

import dev.berth.desktop.i18n.Texts;
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

    private static final Texts T = Texts.of(StorageStepPage.class);

    private final RowsEditor<MountRow> volumes;

    StorageStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        volumes = new RowsEditor<>("run-volume", T.get("storage.volume.add"), T.get("storage.volume.empty"),
                List.of(new RowsEditor.Column(T.get("storage.column.volume"), 220), new RowsEditor.Column(T.get("storage.column.target"), -1),
                        new RowsEditor.Column("", 100)),
                model.volumes(), MountRow::new, (row, i) -> List.of(
                        volumeName(row, i, vm.volumeSuggestions()),
                        Forms.text("run-volume-target-" + i, row.targetProperty(), "/data"),
                        Forms.check("run-volume-readonly-" + i, T.get("storage.read-only"), row.readOnlyProperty())));
        RowsEditor<MountRow> binds = new RowsEditor<>("run-bind", T.get("storage.bind.add"), T.get("storage.bind.empty"),
                List.of(new RowsEditor.Column(T.get("storage.column.host-path"), 340), new RowsEditor.Column(T.get("storage.column.target"), -1),
                        new RowsEditor.Column("", 100)),
                model.binds(), MountRow::new, (row, i) -> List.of(
                        hostPath(row, i),
                        Forms.text("run-bind-target-" + i, row.targetProperty(), "/app/config"),
                        Forms.check("run-bind-readonly-" + i, T.get("storage.read-only"), row.readOnlyProperty())));
        RowsEditor<TmpfsMountRow> tmpfs = new RowsEditor<>("run-tmpfs", T.get("storage.tmpfs.add"), T.get("storage.tmpfs.empty"),
                List.of(new RowsEditor.Column(T.get("storage.column.target"), 220), new RowsEditor.Column(T.get("storage.column.options"), -1)),
                model.tmpfs(), TmpfsMountRow::new, (row, i) -> List.of(
                        Forms.text("run-tmpfs-target-" + i, row.targetProperty(), "/run/cache"),
                        Forms.text("run-tmpfs-options-" + i, row.optionsProperty(), T.get("storage.tmpfs.options.prompt"))));
        VBox bindSection = Forms.section(T.get("storage.section.binds"), binds);
        if (!vm.engineLocal()) {
            bindSection.getChildren().add(1, Forms.hint(T.get("storage.bind.remote-hint")));
        }
        getChildren().addAll(Forms.section(T.get("storage.section.volumes"), volumes), bindSection,
                Forms.section(T.get("storage.section.tmpfs"), tmpfs));
    }

    private static Node volumeName(MountRow row, int i, ObservableList<String> suggestions) {
        ComboBox<String> name = new ComboBox<>(suggestions);
        name.setId("run-volume-name-" + i);
        name.setEditable(true);
        name.setPromptText(T.get("storage.volume.prompt"));
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
            chooser.setTitle(T.get("storage.bind.choose"));
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
