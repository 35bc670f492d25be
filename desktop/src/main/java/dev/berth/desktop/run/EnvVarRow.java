package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** {@code -e KEY=VALUE}. The value is taken as typed (spaces kept); the key is trimmed. */
public final class EnvVarRow extends WizardRow {

    private final StringProperty key = new SimpleStringProperty(this, "key", "");
    private final StringProperty value = new SimpleStringProperty(this, "value", "");

    public EnvVarRow() {
    }

    public EnvVarRow(String key, String value) {
        this.key.set(key);
        this.value.set(value);
    }

    public StringProperty keyProperty() {
        return key;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public String key() {
        return text(key);
    }

    public String value() {
        return value.get() == null ? "" : value.get();
    }

    @Override
    public Observable[] inputs() {
        return new Observable[] {key, value};
    }

    @Override
    public boolean isBlank() {
        return key().isEmpty() && value().isEmpty();
    }
}
