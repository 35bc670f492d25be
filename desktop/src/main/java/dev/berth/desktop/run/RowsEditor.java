package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * An editable list of rows (env variables, ports, mounts): column headings, one line of inputs per row with a
 * remove button and the row's inline problem under it, and an add button. Inputs are bound to the row objects, so
 * the lines are rebuilt only when rows are added or removed, never while typing. Node ids end in the row's index:
 * {@code run-env-key-0}, {@code run-env-remove-0}, {@code run-env-error-0}.
 */
final class RowsEditor<R extends WizardRow> extends VBox {

    private static final Texts T = Texts.of(RowsEditor.class);

    /** @param width preferred width of the column's input; negative: takes the remaining space */
    record Column(String title, double width) {
    }

    private final String idPrefix;
    private final List<Column> columns;
    private final ObservableList<R> rows;
    private final BiFunction<R, Integer, List<Node>> cells;
    private final VBox lines = new VBox(6);
    private final Label empty;
    private final Button add;
    private Node firstInput;

    /**
     * @param cells the inputs of one row, one per column, given the row and its index (for ids)
     */
    RowsEditor(String idPrefix, String addText, String emptyText, List<Column> columns, ObservableList<R> rows,
               Supplier<R> newRow, BiFunction<R, Integer, List<Node>> cells) {
        super(6);
        this.idPrefix = idPrefix;
        this.columns = columns;
        this.rows = rows;
        this.cells = cells;
        empty = Forms.hint(emptyText);
        add = new Button(addText, AppIcon.ADD.node(14));
        add.setId(idPrefix + "-add");
        add.getStyleClass().add(Styles.SMALL);
        add.setOnAction(e -> rows.add(newRow.get()));
        getChildren().addAll(header(), lines, empty, add);
        rows.addListener((ListChangeListener<R>) change -> {
            boolean structural = false;
            boolean added = false;
            while (change.next()) {
                // updates (typing in a row) need no new nodes; only adds, removes and moves do
                structural |= change.wasAdded() || change.wasRemoved() || change.wasPermutated();
                added |= change.wasAdded();
            }
            if (structural) {
                rebuild(added);
            }
        });
        rebuild(false);
    }

    private Node header() {
        HBox header = new HBox(8);
        for (Column c : columns) {
            Label title = new Label(c.title());
            title.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            size(title, c);
            header.getChildren().add(title);
        }
        header.visibleProperty().bind(Bindings.isNotEmpty(rows));
        header.managedProperty().bind(header.visibleProperty());
        return header;
    }

    private void rebuild(boolean focusLast) {
        lines.getChildren().clear();
        Node lastFirstInput = null;
        firstInput = null;
        for (int i = 0; i < rows.size(); i++) {
            R row = rows.get(i);
            List<Node> inputs = cells.apply(row, i);
            HBox line = new HBox(8);
            line.setAlignment(Pos.CENTER_LEFT);
            for (int c = 0; c < inputs.size(); c++) {
                Node input = inputs.get(c);
                if (c < columns.size() && input instanceof Region region) {
                    size(region, columns.get(c));
                }
                line.getChildren().add(input);
            }
            Button remove = new Button(null, AppIcon.REMOVE.node(16));
            remove.setId(idPrefix + "-remove-" + i);
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            remove.setTooltip(new Tooltip(T.get("rows.remove")));
            remove.setOnAction(e -> rows.remove(row));
            line.getChildren().add(remove);
            Label problem = Forms.problem(idPrefix + "-error-" + i, row.problemProperty(), null);
            lines.getChildren().add(new VBox(2, line, problem));
            if (!inputs.isEmpty()) {
                lastFirstInput = focusable(inputs.get(0));
                if (firstInput == null) {
                    firstInput = lastFirstInput;
                }
            }
        }
        empty.setVisible(rows.isEmpty());
        empty.setManaged(rows.isEmpty());
        if (focusLast && lastFirstInput != null) {
            Node focus = lastFirstInput;
            Platform.runLater(focus::requestFocus);
        }
    }

    /** The node itself if it takes the keyboard, else the first descendant that does (a path field in a box). */
    private static Node focusable(Node node) {
        if (node instanceof Control && node.isFocusTraversable()) {
            return node;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = focusable(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The first row's first input, or the add button when there are no rows. */
    Node focusTarget() {
        return firstInput != null ? firstInput : add;
    }

    private static void size(Region region, Column column) {
        if (column.width() < 0) {
            region.setMinWidth(110);
            region.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(region, Priority.ALWAYS);
        } else {
            region.setMinWidth(column.width());
            region.setPrefWidth(column.width());
            region.setMaxWidth(column.width());
        }
    }
}
