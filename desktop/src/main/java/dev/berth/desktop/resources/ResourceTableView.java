package dev.berth.desktop.resources;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.icons.AppIcon;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * A titled, searchable table: the shape of every list page. Search matches every word typed, in any order, against
 * the text a row offers; Ctrl+F jumps to it, Escape clears it.
 */
public class ResourceTableView<R> extends BorderPane {

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final TableView<R> table;
    private final CustomTextField search = new CustomTextField();
    private final HBox toolbar;

    public ResourceTableView(String idPrefix, String title, ObservableList<R> rows, Function<R, String> searchText,
                             String placeholder) {
        getStyleClass().add("resource-page");
        table = Columns.table(idPrefix + "-table", placeholder);
        table.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        FilteredList<R> filtered = new FilteredList<>(rows);
        SortedList<R> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        search.setId(idPrefix + "-search");
        search.setPromptText("Search " + title.toLowerCase(Locale.ROOT) + "  (Ctrl+F)");
        search.setLeft(AppIcon.SEARCH.node(14));
        search.setPrefWidth(280);
        search.textProperty().addListener((obs, old, text) -> filtered.setPredicate(matcher(text, searchText)));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            }
        });

        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label count = new Label();
        count.setId(idPrefix + "-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> filtered.size() == rows.size()
                ? String.valueOf(rows.size()) : filtered.size() + " of " + rows.size(), filtered, rows));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        toolbar = new HBox(8, heading, count, grow, search);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(0, 0, 8, 0));
        setTop(toolbar);
        setCenter(table);
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                e.consume();
                search.requestFocus();
                search.selectAll();
            }
        });
    }

    public TableView<R> table() {
        return table;
    }

    public CustomTextField search() {
        return search;
    }

    /** The row above the table, for pages that add their own buttons. */
    protected HBox toolbar() {
        return toolbar;
    }

    static <R> java.util.function.Predicate<R> matcher(String text, Function<R, String> searchText) {
        String[] words = text == null ? new String[0] : text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        return row -> {
            String hay = searchText.apply(row).toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!w.isEmpty() && !hay.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }
}
