package dev.berth.desktop.resources;

import java.time.Instant;
import java.util.List;
import javafx.scene.control.TableColumn;

/** Volumes: name, driver, where the data lives, who mounts it, when it was made. */
public final class VolumesView extends ResourceTableView<VolumeRow> {

    public VolumesView(VolumesViewModel model) {
        super("volumes", "Volumes", model.rows(), VolumeRow::searchText, "No volumes");
        TableColumn<VolumeRow, String> name = Columns.text("Name", VolumeRow::nameProperty, 240);
        table().getColumns().setAll(List.of(name,
                Columns.text("Driver", VolumeRow::driverProperty, 90),
                Columns.text("Mountpoint", VolumeRow::mountpointProperty, 380),
                Columns.text("In use by", VolumeRow::usedByProperty, 200),
                Columns.number("Created", VolumeRow::createdProperty, s -> Formats.ago(s, Instant.now()), 160)));
        table().getSortOrder().add(name);
    }
}
