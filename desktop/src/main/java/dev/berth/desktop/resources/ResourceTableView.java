package dev.berth.desktop.resources;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Searchable;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A titled, searchable table: the shape of every list page. Search matches every word typed, in any order, against
 * the text a row offers; Ctrl+F jumps to it (the main window's shortcut), Escape clears it, Down goes to the table.
 * A page may give its rows an open action (Enter, double-click) and a text to copy (Ctrl+C), which the context menu
 * and the command palette offer too.
 */
public class ResourceTableView<R> extends BorderPane implements Searchable {

    private static final Texts T = Texts.of(ResourceTableView.class);

    private final TableView<R> table;
    private final CustomTextField search = new CustomTextField();
    private final HBox toolbar;
    private final String noun;
    private String openTitle;
    private Consumer<R> openAction;
    private String copyTitle;
    private Function<R, String> copyText;

    public ResourceTableView(String idPrefix, String title, ObservableList<R> rows, Function<R, String> searchText,
                             String placeholder) {
        getStyleClass().add("resource-page");
        this.noun = title.toLowerCase(Locale.ROOT);
        table = Columns.table(idPrefix + "-table", placeholder);
        table.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        FilteredList<R> filtered = new FilteredList<>(rows);
        SortedList<R> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        search.setId(idPrefix + "-search");
        search.setPrefWidth(280);
        searchField(search, T.get("table.search", noun), filtered, searchText, table);

        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label count = new Label();
        count.setId(idPrefix + "-count");
        count.getStyleClass().add(Styles.TEXT_MUTED);
        count.textProperty().bind(Bindings.createStringBinding(() -> filtered.size() == rows.size()
                ? String.valueOf(rows.size()) : T.get("table.count-filtered", filtered.size(), rows.size()), filtered, rows));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        toolbar = new HBox(8, heading, count, grow, search);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(0, 0, 8, 0));
        Rows.keepLabelsWhole(toolbar);
        setTop(toolbar);
        setCenter(table);
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::onTableKey);
    }

    /** Enter and double-click on a row, and the first entry of its context menu: e.g. "Inspect network". */
    public void setOpenAction(String title, Consumer<R> action) {
        this.openTitle = title;
        this.openAction = action;
        table.setRowFactory(t -> {
            TableRow<R> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    action.accept(row.getItem());
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
    }

    /** Ctrl+C on the table copies this text of the selected rows, one per line: e.g. "Copy network names". */
    public void setCopyText(String title, Function<R, String> text) {
        this.copyTitle = title;
        this.copyText = text;
        table.setContextMenu(contextMenu());
    }

    private ContextMenu contextMenu() {
        ContextMenu menu = new ContextMenu();
        if (openAction != null) {
            MenuItem open = new MenuItem(openTitle);
            open.setAccelerator(Shortcuts.inMenu(Shortcuts.OPEN));
            open.setOnAction(e -> openSelected());
            menu.getItems().add(open);
        }
        if (copyText != null) {
            MenuItem copy = new MenuItem(copyTitle, AppIcon.COPY.node(14));
            copy.setAccelerator(Shortcuts.inMenu(Shortcuts.COPY));
            copy.setOnAction(e -> copySelected());
            menu.getItems().add(copy);
        }
        menu.getItems().forEach(i -> i.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull()));
        return menu;
    }

    private void onTableKey(KeyEvent e) {
        if (table.getSelectionModel().getSelectedItem() == null) {
            return;
        }
        if (openAction != null && Shortcuts.OPEN.match(e)) {
            e.consume();
            openSelected();
        } else if (copyText != null && Shortcuts.COPY.match(e)) {
            e.consume();
            copySelected();
        }
    }

    private void openSelected() {
        R row = table.getSelectionModel().getSelectedItem();
        if (row != null && openAction != null) {
            openAction.accept(row);
        }
    }

    private void copySelected() {
        List<String> lines = new ArrayList<>();
        for (R row : table.getSelectionModel().getSelectedItems()) {
            if (row != null) {
                lines.add(copyText.apply(row));
            }
        }
        Clipboards.copyLines(lines);
    }

    /** The palette's entries for the selected row: its open action (Enter) and copy (Ctrl+C). */
    public List<PaletteCommand> rowCommands(String category) {
        List<PaletteCommand> commands = new ArrayList<>();
        if (table.getSelectionModel().getSelectedItem() != null) {
            if (openAction != null) {
                commands.add(new PaletteCommand(openTitle, category, Shortcuts.OPEN, this::openSelected));
            }
            if (copyText != null) {
                commands.add(new PaletteCommand(copyTitle, category, Shortcuts.COPY, this::copySelected));
            }
        }
        return commands;
    }

    @Override
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public TableView<R> table() {
        return table;
    }

    public CustomTextField search() {
        return search;
    }

    /** The row above the table (title, count, …, search), for pages that add their own buttons. */
    protected HBox toolbar() {
        return toolbar;
    }

    /** A page's button: its icon, its id, and a tooltip that names its shortcut (if it has one). */
    protected static Button pageButton(String id, String text, AppIcon icon, String tip, KeyCombination key,
                                       Runnable action) {
        Button b = new Button(text, icon.node(15));
        b.setId(id);
        b.setTooltip(Shortcuts.tooltip(tip, key));
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * The page's buttons: {@code general} ones (create, pull, prune…) beside the title, and below it those that act
     * on the selected row, usable only while one is selected.
     */
    protected void placeButtons(List<Button> general, List<Button> onSelection) {
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        onSelection.forEach(b -> b.disableProperty().bind(none));
        List<javafx.scene.Node> beside = new ArrayList<>(List.of(new Separator(Orientation.VERTICAL)));
        beside.addAll(general);
        toolbar.getChildren().addAll(2, beside);
        Rows.keepLabelsWhole(toolbar);
        HBox actions = new HBox(6);
        actions.getChildren().addAll(onSelection);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("page-actions");
        Rows.keepLabelsWhole(actions);
        setTop(new VBox(6, toolbar, actions));
    }

    /**
     * Every row gets the page's {@code menu} (empty rows none); a double-click on a row runs {@code open}, Delete
     * runs {@code remove}, each on the selected row.
     */
    protected void rowActions(Supplier<ContextMenu> menu, Runnable open, Runnable remove) {
        table.setRowFactory(t -> {
            TableRow<R> row = new TableRow<>();
            row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                    .otherwise(menu.get()));
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open.run();
                }
            });
            return row;
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && table.getSelectionModel().getSelectedItem() != null) {
                e.consume();
                remove.run();
            }
        });
    }

    /**
     * Makes {@code field} the search of {@code table}: every word typed must be in a row's text; Escape clears it,
     * Down goes to the table and selects its first row.
     */
    public static <R> void searchField(CustomTextField field, String prompt, FilteredList<R> rows,
                                       Function<R, String> searchText, TableView<R> table) {
        field.setPromptText(T.get("table.search-prompt", prompt, Shortcuts.text(Shortcuts.FIND)));
        field.setLeft(AppIcon.SEARCH.node(14));
        field.textProperty().addListener((obs, old, text) -> rows.setPredicate(matcher(text, searchText)));
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.clear();
                table.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
            }
        });
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
