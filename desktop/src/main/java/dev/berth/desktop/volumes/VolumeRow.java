package dev.berth.desktop.volumes;

import dev.berth.desktop.resources.Formats;
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

    /**
     * A volume, the containers (running or not) that mount it, and its size.
     *
     * @param size     bytes from {@code /system/df}, or -1 when the engine cannot tell
     * @param usedBy   container names
     * @param images   the images of those containers, for a file browser's helper container
     */
    public record Data(Volume volume, List<String> usedBy, long size, List<String> images) {
    }

    private final String name;
    private final ReadOnlyStringWrapper nameValue = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper driver = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper mountpoint = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper usedBy = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Long> size = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Long> created = new ReadOnlyObjectWrapper<>();
    private List<String> users = List.of();
    private List<String> images = List.of();

    public VolumeRow(Data data) {
        this.name = data.volume().name();
        nameValue.set(name);
        update(data);
    }

    public void update(Data data) {
        Volume v = data.volume();
        driver.set(Objects.toString(v.driver(), ""));
        mountpoint.set(Objects.toString(v.mountpoint(), ""));
        users = List.copyOf(data.usedBy());
        images = List.copyOf(data.images());
        usedBy.set(String.join(", ", users));
        size.set(data.size());
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

    /** Bytes, or -1 when the engine does not know (drivers other than local, a scan that failed). */
    public ReadOnlyObjectProperty<Long> sizeProperty() {
        return size.getReadOnlyProperty();
    }

    /** Seconds since the epoch, or {@code null} when the driver does not say. */
    public ReadOnlyObjectProperty<Long> createdProperty() {
        return created.getReadOnlyProperty();
    }

    public boolean inUse() {
        return !users.isEmpty();
    }

    /** Images of the containers that mount the volume, which a browser's helper container prefers. */
    List<String> images() {
        return images;
    }

    String searchText() {
        return String.join(" ", name, driver.get(), mountpoint.get(), usedBy.get());
    }
}
