package dev.berth.desktop.run;

import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;

/**
 * One editable row of a wizard table (an env variable, a port, a mount). The model revalidates whenever one of
 * {@link #inputs()} changes and writes the row's problem back, which the row's inline message shows.
 */
public abstract class WizardRow {

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    /** What the user edits; the model listens to these. */
    public abstract Observable[] inputs();

    /** Rows left entirely empty are ignored rather than flagged: adding a row must not block Next. */
    public abstract boolean isBlank();

    /** "" when the row is fine. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String problem() {
        return problem.get();
    }

    void setProblem(String text) {
        problem.set(text == null ? "" : text);
    }

    static String text(ObservableStringValue value) {
        String s = value.get();
        return s == null ? "" : s.strip();
    }
}
