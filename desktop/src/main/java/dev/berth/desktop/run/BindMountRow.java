package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** {@code -v /host/path:/container/path[:ro]}. */
public final class BindMountRow extends WizardRow {

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);

    public BindMountRow() {
    }

    public BindMountRow(String source, String target, boolean readOnly) {
        this.source.set(source);
        this.target.set(target);
        this.readOnly.set(readOnly);
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public String source() {
        return text(source);
    }

    public String target() {
        return text(target);
    }

    public boolean readOnly() {
        return readOnly.get();
    }

    @Override
    public Observable[] inputs() {
        return new Observable[] {source, target, readOnly};
    }

    @Override
    public boolean isBlank() {
        return source().isEmpty() && target().isEmpty();
    }
}
