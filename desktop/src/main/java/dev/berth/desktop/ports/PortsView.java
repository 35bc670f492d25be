package dev.berth.desktop.ports;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.Columns;
import dev.berth.desktop.resources.ResourceTableView;
import dev.berth.desktop.shell.PaletteCommand;
import dev.berth.desktop.shell.Shortcuts;
import dev.berth.icons.AppIcon;
import java.util.List;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Published ports: host address → container port, the container and its state, whether the port answers HTTP
 * (open it in the browser: Ctrl+B), a warning where another container or a program wants the same host port; and
 * below the table, the "check a host port" tool.
 */
public final class PortsView extends ResourceTableView<PortRow> {

    private static final Texts T = Texts.of(PortsView.class);
    static final KeyCombination OPEN_IN_BROWSER = new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN);

    private final BrowserOpener browser;
    private final Button openInBrowser = new Button(T.get("browser.open"), AppIcon.LINK.node(14));
    private final PortCheckPane check;

    public PortsView(PortsViewModel model, BrowserOpener browser) {
        super("ports", T.get("title"), model.rows(), PortRow::searchText, T.get("empty"));
        this.browser = browser;
        TableColumn<PortRow, String> host = Columns.text(T.get("column.host"), PortRow::hostProperty, 190);
        TableColumn<PortRow, String> state = Columns.text(T.get("column.state"), PortRow::stateProperty, 90);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("state-" + item);
                }
            }
        });
        TableColumn<PortRow, String> warning = Columns.text(T.get("column.warning"), PortRow::warningProperty, 120);
        warning.setCellFactory(c -> new WarningCell());
        table().getColumns().setAll(List.of(host,
                Columns.text(T.get("column.target"), PortRow::targetProperty, 120),
                Columns.text(T.get("column.container"), PortRow::containerProperty, 220),
                state,
                Columns.text(T.get("column.http"), PortRow::httpProperty, 90),
                warning));
        table().getSortOrder().add(host);

        openInBrowser.setId("ports-open-browser");
        openInBrowser.setTooltip(new Tooltip(T.get("browser.tooltip", Shortcuts.text(OPEN_IN_BROWSER))));
        openInBrowser.setOnAction(e -> openSelectedInBrowser());
        ChangeListener<String> urlChanged = (obs, old, url) -> updateBrowserButton();
        table().getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (old != null) {
                old.urlProperty().removeListener(urlChanged);
            }
            if (row != null) {
                row.urlProperty().addListener(urlChanged);
            }
            updateBrowserButton();
        });
        updateBrowserButton();
        toolbar().getChildren().add(toolbar().getChildren().size() - 1, openInBrowser);
        table().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN_IN_BROWSER.match(e)) {
                e.consume();
                openSelectedInBrowser();
            }
        });

        check = new PortCheckPane(model);
        setBottom(check);
    }

    /** Adds "Open in browser" to the table's context menu; call after the open action and copy text are set. */
    void addBrowserMenuItem() {
        if (table().getContextMenu() == null) {
            return;
        }
        MenuItem item = new MenuItem(T.get("browser.open"), AppIcon.LINK.node(14));
        item.setAccelerator(OPEN_IN_BROWSER);
        item.setOnAction(e -> openSelectedInBrowser());
        item.disableProperty().bind(openInBrowser.disableProperty());
        table().getContextMenu().getItems().add(item);
    }

    private void updateBrowserButton() {
        PortRow row = table().getSelectionModel().getSelectedItem();
        openInBrowser.setDisable(row == null || row.urlProperty().get().isEmpty());
    }

    /** Opens the selected port's address; nothing when it does not answer HTTP. */
    void openSelectedInBrowser() {
        PortRow row = table().getSelectionModel().getSelectedItem();
        if (row != null && !row.urlProperty().get().isEmpty()) {
            browser.open(row.urlProperty().get());
        }
    }

    /** The palette's entries: the selected row's commands, open in browser when it speaks HTTP, the port check. */
    List<PaletteCommand> commands() {
        List<PaletteCommand> commands = new java.util.ArrayList<>(rowCommands(T.get("title")));
        if (!openInBrowser.isDisable()) {
            commands.add(new PaletteCommand(T.get("browser.open"), T.get("title"), OPEN_IN_BROWSER,
                    this::openSelectedInBrowser));
        }
        commands.add(new PaletteCommand(T.get("check.palette"), T.get("title"), check::focusPort));
        return commands;
    }

    /** The warning column: a badge, with the whole story in its tooltip. */
    private static final class WarningCell extends TableCell<PortRow, String> {

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null || item.isEmpty()) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label badge = new Label(T.get("warning.badge"), AppIcon.UNREACHABLE.node(14));
            badge.getStyleClass().addAll(Styles.WARNING, "ports-warning");
            setGraphic(badge);
            Tooltip tip = new Tooltip(item);
            tip.setWrapText(true);
            tip.setMaxWidth(480);
            setTooltip(tip);
        }
    }
}
