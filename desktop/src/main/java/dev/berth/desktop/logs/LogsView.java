package dev.berth.desktop.logs;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import java.io.File;
import java.util.List;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Logs tab's nodes: a toolbar (follow, tail, timestamps, wrap, search, copy, save, clear), the virtualised line
 * list and a status line. The list sticks to the bottom while the user has not scrolled up, so following reads like
 * a terminal but never yanks the view away from a line being read.
 */
final class LogsView {

    private static final Texts T = Texts.of(LogsView.class);

    private static final KeyCombination FIND = KeyCombination.keyCombination("Shortcut+F");
    private static final KeyCombination COPY = KeyCombination.keyCombination("Shortcut+C");

    private final LogsViewModel model;
    private final BorderPane root = new BorderPane();
    private final ListView<LogLine> list = new ListView<>();
    private final CustomTextField search = new CustomTextField();
    private final TextField tail = new TextField();
    private final double lineHeight = LogLineCell.lineHeight();
    private boolean stickToBottom = true;
    private Function<Window, File> saveTarget = this::chooseSaveTarget;

    LogsView(LogsViewModel model) {
        this.model = model;
        root.setId("detail-logs");
        root.getStyleClass().add("logs-tab");
        root.setTop(toolbar());
        root.setCenter(buildList());
        root.setBottom(statusLine());
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                search.selectAll();
                e.consume();
            }
        });
    }

    Node node() {
        return root;
    }

    ListView<LogLine> list() {
        return list;
    }

    /** Replaces the file dialog (tests cannot drive the platform's). */
    void setSaveTarget(Function<Window, File> chooser) {
        this.saveTarget = chooser;
    }

    // ---- toolbar --------------------------------------------------------------------------------------------------

    private Node toolbar() {
        ToggleButton follow = toggle("logs-follow", T.get("logs.follow"), AppIcon.FOLLOW,
                T.get("logs.follow.tooltip"));
        follow.selectedProperty().bindBidirectional(model.followProperty());
        follow.selectedProperty().addListener((obs, was, on) -> {
            if (on) {
                scrollToEnd();
            }
        });

        tail.setId("logs-tail");
        tail.setPrefColumnCount(5);
        tail.setPromptText(T.get("logs.tail.prompt"));
        tail.setTooltip(new Tooltip(T.get("logs.tail.tooltip")));
        tail.setTextFormatter(new TextFormatter<String>(c -> c.getControlNewText().matches("\\d{0,7}") ? c : null));
        showTail();
        tail.setOnAction(e -> applyTail());
        tail.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                applyTail();
            }
        });
        model.tailProperty().addListener((obs, was, now) -> showTail());

        ToggleButton timestamps = toggle("logs-timestamps", T.get("logs.timestamps"), AppIcon.TIMESTAMPS,
                T.get("logs.timestamps.tooltip"));
        timestamps.selectedProperty().bindBidirectional(model.timestampsProperty());
        timestamps.selectedProperty().addListener((obs, was, on) -> list.refresh());

        ToggleButton wrap = toggle("logs-wrap", T.get("logs.wrap"), AppIcon.WRAP, T.get("logs.wrap.tooltip"));
        wrap.selectedProperty().bindBidirectional(model.wrapProperty());
        model.wrapProperty().addListener((obs, was, on) -> applyWrap());

        search.setId("logs-search");
        search.setPromptText(T.get("logs.search.prompt"));
        search.setLeft(AppIcon.SEARCH.node());
        search.setPrefColumnCount(16);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    model.previousMatch();
                } else {
                    model.nextMatch();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                e.consume();
            }
        });
        Button previous = iconButton("logs-search-previous", AppIcon.PREVIOUS, T.get("logs.search.previous"));
        previous.setOnAction(e -> model.previousMatch());
        Button next = iconButton("logs-search-next", AppIcon.NEXT, T.get("logs.search.next"));
        next.setOnAction(e -> model.nextMatch());
        previous.disableProperty().bind(model.searchProperty().isEmpty());
        next.disableProperty().bind(model.searchProperty().isEmpty());
        Label matches = new Label();
        matches.setId("logs-matches");
        matches.getStyleClass().add("logs-muted");
        matches.textProperty().bind(model.matchSummaryProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button copy = new Button(T.get("logs.copy"), AppIcon.COPY.node());
        copy.setId("logs-copy");
        copy.setTooltip(new Tooltip(T.get("logs.copy.tooltip")));
        copy.setOnAction(e -> copy());
        Button save = new Button(T.get("logs.save"), AppIcon.SAVE.node());
        save.setId("logs-save");
        save.setTooltip(new Tooltip(T.get("logs.save.tooltip")));
        save.setOnAction(e -> save());
        Button clear = iconButton("logs-clear", AppIcon.CLEAR, T.get("logs.clear.tooltip"));
        clear.setOnAction(e -> model.clear());

        HBox bar = new HBox(6, follow, new Label(T.get("logs.tail")), tail, timestamps, wrap, new Separator(Orientation.VERTICAL),
                search, previous, next, matches, spacer, copy, save, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("logs-toolbar");
        return Rows.keepLabelsWhole(bar);
    }

    private void showTail() {
        Integer n = model.tailProperty().get();
        tail.setText(n == null ? "" : String.valueOf(n));
    }

    private void applyTail() {
        String text = tail.getText().trim();
        Integer n = text.isEmpty() ? null : Integer.valueOf(text);
        if (!java.util.Objects.equals(n, model.tailProperty().get())) {
            stickToBottom = true;
            model.tailProperty().set(n);
        }
    }

    // ---- the list -------------------------------------------------------------------------------------------------

    private Node buildList() {
        list.setId("logs-list");
        list.getStyleClass().add("logs-list");
        list.setItems(model.lines());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setPlaceholder(new Label(T.get("logs.empty")));
        applyWrap();
        list.getItems().addListener((ListChangeListener<LogLine>) change -> {
            if (stickToBottom && !list.getItems().isEmpty()) {
                list.scrollTo(list.getItems().size() - 1);
            }
        });
        model.searchProperty().addListener((obs, was, now) -> list.refresh());
        model.currentMatchPositionProperty().addListener((obs, was, now) -> showCurrentMatch());
        // whatever moves the view, the user decides whether it keeps following the bottom
        list.addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(this::updateStickiness));
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::updateStickiness));
        list.addEventFilter(KeyEvent.KEY_RELEASED, e -> Platform.runLater(this::updateStickiness));
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });
        return list;
    }

    private void applyWrap() {
        boolean wrap = model.wrapProperty().get();
        // a fixed height lets the list skip measuring every line; wrapped lines differ in height
        list.setFixedCellSize(wrap ? -1 : lineHeight);
        list.setCellFactory(v -> {
            LogLineCell cell = new LogLineCell(model);
            if (wrap) {
                cell.flow().maxWidthProperty().bind(list.widthProperty().subtract(40));
                cell.flow().prefWidthProperty().bind(list.widthProperty().subtract(40));
            }
            return cell;
        });
    }

    private void showCurrentMatch() {
        list.refresh();
        int index = model.currentMatchIndex();
        if (index >= 0) {
            stickToBottom = false;
            list.getSelectionModel().clearAndSelect(index);
            VirtualFlow<?> flow = flow();
            if (flow == null || index < first(flow) || index > last(flow)) {
                list.scrollTo(Math.max(0, index - 3));
            }
        }
    }

    private void updateStickiness() {
        VirtualFlow<?> flow = flow();
        if (flow != null) {
            stickToBottom = list.getItems().isEmpty() || last(flow) >= list.getItems().size() - 1;
        }
    }

    private void scrollToEnd() {
        stickToBottom = true;
        if (!list.getItems().isEmpty()) {
            list.scrollTo(list.getItems().size() - 1);
        }
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> f ? f : null;
    }

    private static int first(VirtualFlow<?> flow) {
        return flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    private static int last(VirtualFlow<?> flow) {
        return flow.getLastVisibleCell() == null ? -1 : flow.getLastVisibleCell().getIndex();
    }

    // ---- status, copy, save ---------------------------------------------------------------------------------------

    private Node statusLine() {
        Label status = new Label();
        status.setId("logs-status");
        status.getStyleClass().add("logs-muted");
        status.textProperty().bind(model.statusProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label count = new Label();
        count.setId("logs-count");
        count.getStyleClass().add("logs-muted");
        count.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> T.get("logs.count", model.lines().size()), model.lines()));
        Button end = iconButton("logs-end", AppIcon.SCROLL_TO_END, T.get("logs.end.tooltip"));
        end.setOnAction(e -> scrollToEnd());
        HBox line = new HBox(8, status, spacer, count, end);
        line.setAlignment(Pos.CENTER_LEFT);
        line.setPadding(new Insets(2, 8, 2, 8));
        return line;
    }

    private void copy() {
        List<LogLine> selected = list.getSelectionModel().getSelectedItems();
        String text = model.text(selected.isEmpty() ? model.lines() : List.copyOf(selected));
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void save() {
        File file = saveTarget.apply(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            model.save(file.toPath());
        }
    }

    private File chooseSaveTarget(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(T.get("logs.save.chooser"));
        String name = model.containerNameProperty().get();
        chooser.setInitialFileName((name == null || name.isEmpty() ? "container" : name) + ".log");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(T.get("logs.files.log"), "*.log", "*.txt"),
                new FileChooser.ExtensionFilter(T.get("logs.files.all"), "*"));
        return chooser.showSaveDialog(owner);
    }

    private static ToggleButton toggle(String id, String text, AppIcon icon, String tip) {
        ToggleButton t = new ToggleButton(text, icon.node());
        t.setId(id);
        t.setTooltip(new Tooltip(tip));
        return t;
    }

    private static Button iconButton(String id, AppIcon icon, String tip) {
        Button b = new Button(null, icon.node());
        b.setId(id);
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
