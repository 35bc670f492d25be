package dev.berth.desktop.resources;

import dev.berth.remote.volumes.Volume;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One volume in the Volumes table. */
public final class VolumeRow {

    /** A volume and the names of the containers (running or not) that mount it. */
    public record Data(Volume volume, List<String> usedBy) {
    }

    private final String name;
    private final ReadOnlyStringWrapper nameValue = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper driver = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper mountpoint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper usedBy = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Long> created = new ReadOnlyObjectWrapper<>();

    public VolumeRow(Data data) {
        this.name = data.volume().name();
        nameValue.set(name);
        update(data);
    }

    public void update(Data data) {
        Volume v = data.volume();
        driver.set(Objects.toString(v.driver(), ""));
        mountpoint.set(Objects.toString(v.mountpoint(), ""));
        usedBy.set(String.join(", ", data.usedBy()));
        Instant at = Formats.parseTime(v.createdAt());
        created.set(at == null ? null : at.getEpochSecond());
    }

    public String name() {
        return name;
    }

    public ReadOnlyStringProperty nameProperty() {
        return nameValue.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty driverProperty() {
        return driver.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mountpointProperty() {
        return mountpoint.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty usedByProperty() {
        return usedBy.getReadOnlyProperty();
    }

    /** Seconds since the epoch, or {@code null} when the driver does not say. */
    public ReadOnlyObjectProperty<Long> createdProperty() {
        return created.getReadOnlyProperty();
    }

    String searchText() {
        return String.join(" ", name, driver.get(), mountpoint.get(), usedBy.get());
    }
}
