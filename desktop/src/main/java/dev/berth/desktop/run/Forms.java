package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The small building blocks every wizard page shares: labelled rows, inline problems, hints. */
final class Forms {

    private Forms() {
    }

    static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(110);
        label.setHalignment(HPos.RIGHT);
        ColumnConstraints field = new ColumnConstraints();
        field.setHgrow(Priority.ALWAYS);
        field.setFillWidth(true);
        grid.getColumnConstraints().addAll(label, field);
        return grid;
    }

    /** A label on the left, the field with its hint and problem below it on the right. */
    static void row(GridPane grid, String label, Node field, Node... below) {
        Label caption = addRow(grid, label, field, below);
        caption.setPadding(new Insets(6, 0, 0, 0)); // level with the text inside the field's border
    }

    /** A label on the left and plain text on the right. */
    static void textRow(GridPane grid, String label, Label text) {
        addRow(grid, label, text);
    }

    private static Label addRow(GridPane grid, String label, Node field, Node... below) {
        int r = grid.getRowCount();
        Label caption = new Label(label);
        GridPane.setValignment(caption, VPos.TOP);
        VBox cell = new VBox(4, field);
        cell.getChildren().addAll(below);
        grid.add(caption, 0, r);
        grid.add(cell, 1, r);
        return caption;
    }

    static VBox section(String title, Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox box = new VBox(8, heading);
        box.getChildren().addAll(content);
        return box;
    }

    static TextField text(String id, StringProperty value, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.textProperty().bindBidirectional(value);
        return field;
    }

    static CheckBox check(String id, String text, BooleanProperty value) {
        CheckBox box = new CheckBox(text);
        box.setId(id);
        box.selectedProperty().bindBidirectional(value);
        return box;
    }

    static Label hint(String text) {
        Label hint = new Label(text);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        return hint;
    }

    /**
     * The inline message under a field: red text, shown only when there is a problem, and the field's border turns
     * red with it.
     */
    static Label problem(String id, ObservableValue<String> problem, Node field) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("run-problem");
        label.setWrapText(true);
        label.textProperty().bind(problem);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        if (field != null) {
            field.pseudoClassStateChanged(Styles.STATE_DANGER, !problem.getValue().isEmpty());
            problem.addListener((obs, old, text) -> field.pseudoClassStateChanged(Styles.STATE_DANGER, !text.isEmpty()));
        }
        return label;
    }
}
