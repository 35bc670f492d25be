package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** {@code -v volume:/path[:ro]}: a named volume, created by the engine on first use. */
public final class VolumeMountRow extends WizardRow {

    private final StringProperty volume = new SimpleStringProperty(this, "volume", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);

    public VolumeMountRow() {
    }

    public VolumeMountRow(String volume, String target, boolean readOnly) {
        this.volume.set(volume);
        this.target.set(target);
        this.readOnly.set(readOnly);
    }

    public StringProperty volumeProperty() {
        return volume;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public String volume() {
        return text(volume);
    }

    public String target() {
        return text(target);
    }

    public boolean readOnly() {
        return readOnly.get();
    }

    @Override
    public Observable[] inputs() {
        return new Observable[] {volume, target, readOnly};
    }

    @Override
    public boolean isBlank() {
        return volume().isEmpty() && target().isEmpty();
    }
}
