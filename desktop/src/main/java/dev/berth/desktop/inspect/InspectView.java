package dev.berth.desktop.inspect;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The Inspect tab's nodes: the JSON as a tree (search expands to and selects matching keys and values) or as raw text
 * (search selects the next occurrence), a copy button and a refresh button.
 */
final class InspectView {

    private static final Texts T = Texts.of(InspectView.class);

    private static final KeyCombination FIND = KeyCombination.keyCombination("Shortcut+F");
    private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");

    private final InspectViewModel model;
    private final BorderPane root = new BorderPane();
    private final TreeView<JsonEntry> tree = new TreeView<>();
    private final TextArea raw = new TextArea();
    private final CustomTextField search = new CustomTextField();
    private final ToggleButton showTree = new ToggleButton(T.get("inspect.tree"), AppIcon.TREE.node());
    private final ToggleButton showRaw = new ToggleButton(T.get("inspect.raw"), AppIcon.RAW_JSON.node());
    private final Label matches = new Label();
    private List<TreeItem<JsonEntry>> items = List.of();
    private List<TreeItem<JsonEntry>> found = List.of();
    private int current = -1;

    InspectView(InspectViewModel model) {
        this.model = model;
        root.setId("detail-inspect");
        root.getStyleClass().add("inspect-tab");
        root.setTop(toolbar());
        root.setCenter(content());
        Label status = new Label();
        status.setId("inspect-status");
        status.getStyleClass().add("inspect-muted");
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setPadding(new Insets(2, 8, 2, 8));
        root.setBottom(status);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            }
        });
        model.jsonProperty().addListener((obs, old, json) -> show(json));
    }

    Node node() {
        return root;
    }

    TreeView<JsonEntry> tree() {
        return tree;
    }

    private Node toolbar() {
        ToggleGroup mode = new ToggleGroup();
        showTree.setId("inspect-show-tree");
        showRaw.setId("inspect-show-raw");
        showTree.setToggleGroup(mode);
        showRaw.setToggleGroup(mode);
        showTree.getStyleClass().add(Styles.LEFT_PILL);
        showRaw.getStyleClass().add(Styles.RIGHT_PILL);
        showTree.setSelected(true);
        // one of the two is always on
        mode.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                searchAgain();
            }
        });
        HBox modes = new HBox(showTree, showRaw);

        search.setId("inspect-search");
        search.setPromptText(T.get("inspect.search.prompt"));
        search.setLeft(AppIcon.SEARCH.node());
        search.setPrefColumnCount(20);
        search.textProperty().addListener((obs, old, now) -> searchAgain());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                step(e.isShiftDown() ? -1 : 1);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                e.consume();
            }
        });
        Button previous = iconButton("inspect-search-previous", AppIcon.PREVIOUS, T.get("inspect.search.previous"));
        previous.setOnAction(e -> step(-1));
        Button next = iconButton("inspect-search-next", AppIcon.NEXT, T.get("inspect.search.next"));
        next.setOnAction(e -> step(1));
        matches.setId("inspect-matches");
        matches.getStyleClass().add("inspect-muted");

        Button expand = iconButton("inspect-expand", AppIcon.EXPAND_ALL, T.get("inspect.expandAll"));
        expand.setOnAction(e -> {
            if (tree.getRoot() != null) {
                JsonTree.setExpandedAll(tree.getRoot(), true);
            }
        });
        Button collapse = iconButton("inspect-collapse", AppIcon.COLLAPSE_ALL, T.get("inspect.collapseAll"));
        collapse.setOnAction(e -> {
            if (tree.getRoot() != null) {
                JsonTree.setExpandedAll(tree.getRoot(), false);
            }
        });
        expand.disableProperty().bind(showTree.selectedProperty().not());
        collapse.disableProperty().bind(showTree.selectedProperty().not());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button copy = new Button(T.get("inspect.copy"), AppIcon.COPY.node());
        copy.setId("inspect-copy");
        copy.setTooltip(new Tooltip(T.get("inspect.copy.tooltip")));
        copy.setOnAction(e -> copyText(model.textProperty().get()));
        copy.disableProperty().bind(model.textProperty().isEmpty());
        Button refresh = iconButton("inspect-refresh", AppIcon.REFRESH, T.get("inspect.refresh.tooltip"));
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.loadingProperty());

        HBox bar = new HBox(6, modes, search, previous, next, matches, expand, collapse, spacer, copy, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return Rows.keepLabelsWhole(bar);
    }

    private Node content() {
        tree.setId("inspect-tree");
        tree.setShowRoot(false);
        tree.setCellFactory(v -> new JsonCell(this::query));
        tree.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            TreeItem<JsonEntry> selected = tree.getSelectionModel().getSelectedItem();
            if (COPY.match(e) && selected != null) {
                copyText(JsonText.value(selected.getValue().node()));
                e.consume();
            }
        });
        raw.setId("inspect-raw");
        raw.setEditable(false);
        raw.getStyleClass().add("inspect-raw");
        raw.textProperty().bind(model.textProperty());
        tree.visibleProperty().bind(showTree.selectedProperty());
        raw.visibleProperty().bind(showRaw.selectedProperty());
        return new StackPane(tree, raw);
    }

    private void show(JsonNode json) {
        if (json == null) {
            return;
        }
        TreeItem<JsonEntry> old = tree.getRoot();
        String selectedPath = tree.getSelectionModel().getSelectedItem() == null ? null
                : tree.getSelectionModel().getSelectedItem().getValue().path();
        TreeItem<JsonEntry> root = JsonTree.build(json, old == null ? java.util.Set.of() : JsonTree.expandedPaths(old));
        tree.setRoot(root);
        items = JsonTree.flatten(root);
        if (selectedPath != null) {
            items.stream().filter(i -> i.getValue().path().equals(selectedPath)).findFirst()
                    .ifPresent(i -> tree.getSelectionModel().select(i));
        }
        if (!query().isEmpty()) {
            recomputeMatches();
        }
    }

    private String query() {
        String q = search.getText();
        return q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
    }

    private void searchAgain() {
        if (showRaw.isSelected()) {
            current = -1;
            findInRaw(0, 1);
        } else {
            recomputeMatches();
            current = -1;
            step(1);
        }
        tree.refresh();
    }

    private void recomputeMatches() {
        String q = query();
        List<TreeItem<JsonEntry>> hits = new ArrayList<>();
        if (!q.isEmpty()) {
            for (TreeItem<JsonEntry> item : items) {
                if (item.getParent() != null && item.getValue().matches(q)) {
                    hits.add(item);
                }
            }
        }
        found = hits;
        summarize();
    }

    private void step(int direction) {
        if (showRaw.isSelected()) {
            int from = direction > 0 ? raw.getSelection().getEnd() : raw.getSelection().getStart() - 1;
            findInRaw(from, direction);
            return;
        }
        if (found.isEmpty()) {
            summarize();
            return;
        }
        current = Math.floorMod(current + direction, found.size());
        TreeItem<JsonEntry> item = found.get(current);
        JsonTree.expandTo(item);
        tree.getSelectionModel().select(item);
        int row = tree.getRow(item);
        if (row >= 0) {
            tree.scrollTo(Math.max(0, row - 3));
        }
        summarize();
    }

    private void findInRaw(int from, int direction) {
        String q = query();
        String text = raw.getText() == null ? "" : raw.getText().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            raw.deselect();
            matches.setText("");
            return;
        }
        int at = direction > 0 ? text.indexOf(q, Math.max(0, from)) : text.lastIndexOf(q, from);
        if (at < 0) {
            at = direction > 0 ? text.indexOf(q) : text.lastIndexOf(q); // wrap around
        }
        if (at < 0) {
            matches.setText(T.get("inspect.matches.none"));
            return;
        }
        raw.selectRange(at, at + q.length());
        int count = 0;
        int index = 0;
        for (int i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length())) {
            count++;
            if (i == at) {
                index = count;
            }
        }
        matches.setText(T.get("inspect.matches.current", index, count));
    }

    private void summarize() {
        if (query().isEmpty()) {
            matches.setText("");
        } else if (found.isEmpty()) {
            matches.setText(T.get("inspect.matches.none"));
        } else {
            matches.setText(current < 0 ? T.get("inspect.matches.count", found.size())
                    : T.get("inspect.matches.current", current + 1, found.size()));
        }
    }

    private static void copyText(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static Button iconButton(String id, AppIcon icon, String tip) {
        Button b = new Button(null, icon.node());
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
