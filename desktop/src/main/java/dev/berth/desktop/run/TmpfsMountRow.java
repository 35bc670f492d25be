package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** {@code --tmpfs /path[:options]}, options such as "size=64m,mode=1777". */
public final class TmpfsMountRow extends WizardRow {

    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty options = new SimpleStringProperty(this, "options", "");

    public TmpfsMountRow() {
    }

    public TmpfsMountRow(String target, String options) {
        this.target.set(target);
        this.options.set(options);
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty optionsProperty() {
        return options;
    }

    public String target() {
        return text(target);
    }

    public String options() {
        return text(options);
    }

    @Override
    public Observable[] inputs() {
        return new Observable[] {target, options};
    }

    @Override
    public boolean isBlank() {
        return target().isEmpty() && options().isEmpty();
    }
}
