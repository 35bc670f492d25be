package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * {@code -v SOURCE:/path/in/container[:ro]}, where SOURCE is a named volume (created by the engine on first use) or
 * an absolute host path (a bind mount). The wizard keeps volumes and bind mounts in separate lists and checks each
 * source by the rules of its list.
 */
public final class MountRow extends WizardRow {

    private final StringProperty source = new SimpleStringProperty(this, "source", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly", false);

    public MountRow() {
    }

    public MountRow(String source, String target, boolean readOnly) {
        this.source.set(source);
        this.target.set(target);
        this.readOnly.set(readOnly);
    }

    /** The volume's name or the host path. */
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

    /** What {@code -v} takes: "source:target" with ":ro" when read-only. */
    String spec() {
        return source() + ":" + target() + (readOnly() ? ":ro" : "");
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
