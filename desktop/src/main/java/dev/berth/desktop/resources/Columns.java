package dev.berth.desktop.resources;

import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Column builders, so every table formats and sorts the same way. */
public final class Columns {

    private static final double MIN_WIDTH = 80;

    private Columns() {
    }

    public static <R> TableColumn<R, String> text(String title, Function<R, ObservableValue<String>> value,
                                                  double prefWidth) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        column.setPrefWidth(prefWidth);
        column.setMinWidth(Math.min(prefWidth, MIN_WIDTH)); // a short column keeps its heading when space is short
        return column;
    }

    /** Sorts by the number, shows it formatted (sizes, times). */
    public static <R, N extends Number> TableColumn<R, N> number(String title, Function<R, ObservableValue<N>> value,
                                                                 Function<N, String> format, double prefWidth) {
        TableColumn<R, N> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> value.apply(c.getValue()));
        column.setMinWidth(Math.min(prefWidth, MIN_WIDTH));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(N item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.setComparator(Comparator.nullsFirst(Comparator.comparingDouble(Number::doubleValue)));
        column.setPrefWidth(prefWidth);
        return column;
    }

    /** A table that says what it is waiting for, and fills its width. */
    public static <R> TableView<R> table(String id, String placeholder) {
        TableView<R> table = new TableView<>();
        table.setId(id);
        table.setPlaceholder(new Label(placeholder));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getStyleClass().add("resource-table");
        return table;
    }
}
