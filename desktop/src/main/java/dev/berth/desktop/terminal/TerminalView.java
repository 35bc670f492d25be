package dev.berth.desktop.terminal;

import dev.berth.desktop.fx.Rows;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The terminal tab's nodes: a toolbar (shell or command, Connect, Attach, Disconnect), the emulator, and a status line
 * that says in plain words what is going on. A fresh emulator is made for every session, so a reconnect starts on a
 * clean screen while the last session's output stays readable until then.
 */
final class TerminalView {

    private static final Texts T = Texts.of(TerminalView.class);

    private static final int DEFAULT_COLUMNS = 80;
    private static final int DEFAULT_ROWS = 24;

    private final TerminalViewModel model;
    private final BorderPane root = new BorderPane();
    private final StackPane screen = new StackPane();
    private final ComboBox<String> shell = new ComboBox<>();
    private final BooleanBinding busy;
    private final BooleanBinding connectDisabled;
    private EmulatorWidget widget;

    TerminalView(TerminalViewModel model) {
        this.model = model;
        this.busy = model.phaseProperty().isEqualTo(TerminalViewModel.Phase.CONNECTING)
                .or(model.phaseProperty().isEqualTo(TerminalViewModel.Phase.CONNECTED));
        this.connectDisabled = model.containerRunningProperty().not().or(busy);
        root.getStyleClass().add("terminal-tab");

        shell.setId("terminal-shell");
        shell.setEditable(true);
        shell.setItems(model.shells());
        shell.valueProperty().bindBidirectional(model.commandProperty());
        shell.setPromptText(T.get("terminal.shell.prompt"));
        shell.setPrefWidth(200);
        shell.setTooltip(new Tooltip(T.get("terminal.shell.tooltip")));
        // a filter: the combo box's own Enter handling consumes the event before handlers see it
        shell.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !shell.isShowing() && !connectDisabled.get()) {
                connect();
            }
        });

        Button connect = new Button(T.get("terminal.connect"), AppIcon.TERMINAL.node());
        connect.setId("terminal-connect");
        connect.textProperty().bind(Bindings.when(model.phaseProperty().isEqualTo(TerminalViewModel.Phase.ENDED))
                .then(T.get("terminal.reconnect")).otherwise(T.get("terminal.connect")));
        connect.disableProperty().bind(connectDisabled);
        connect.setOnAction(e -> connect());

        Button attach = new Button(T.get("terminal.attach"), AppIcon.ATTACH.node());
        attach.setId("terminal-attach");
        attach.disableProperty().bind(model.attachableProperty().not().or(busy));
        attach.setOnAction(e -> model.attach(columns(), rows()));

        Label attachHint = new Label();
        attachHint.setId("terminal-attach-hint");
        attachHint.getStyleClass().add("terminal-hint");
        attachHint.textProperty().bind(Bindings.when(model.containerRunningProperty())
                .then(model.attachHintProperty()).otherwise(""));
        attachHint.setWrapText(true);
        attachHint.setMaxWidth(Double.MAX_VALUE);
        attachHint.setPadding(new Insets(0, 8, 6, 8));
        attachHint.visibleProperty().bind(attachHint.textProperty().isNotEmpty());
        attachHint.managedProperty().bind(attachHint.visibleProperty());

        Button disconnect = new Button(T.get("terminal.disconnect"), AppIcon.DISCONNECT.node());
        disconnect.setId("terminal-disconnect");
        disconnect.visibleProperty().bind(model.phaseProperty().isEqualTo(TerminalViewModel.Phase.CONNECTED));
        disconnect.managedProperty().bind(disconnect.visibleProperty());
        disconnect.setOnAction(e -> model.disconnect());

        Label shellLabel = new Label(T.get("terminal.shell"));
        shellLabel.setLabelFor(shell);
        for (Region r : new Region[] {shellLabel, shell, connect, disconnect, attach}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // buttons keep their words; the emulator gets what is left
        }
        HBox toolbar = new HBox(8, shellLabel, shell, connect, disconnect, new Separator(Orientation.VERTICAL), attach);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.setPadding(new Insets(6, 8, 6, 8));
        Rows.keepLabelsWhole(toolbar);
        VBox top = new VBox(toolbar, attachHint);
        top.getStyleClass().add("terminal-toolbar");

        Label status = new Label();
        status.setId("terminal-status");
        status.textProperty().bind(model.statusProperty());
        status.setWrapText(true);
        Button useSh = new Button(T.get("terminal.useSh"));
        useSh.setId("terminal-use-sh");
        useSh.visibleProperty().bind(model.offerShProperty());
        useSh.managedProperty().bind(useSh.visibleProperty());
        useSh.setOnAction(e -> model.useSh(columns(), rows()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusLine = new HBox(8, status, useSh, spacer);
        statusLine.setAlignment(Pos.CENTER_LEFT);
        statusLine.setPadding(new Insets(4, 8, 4, 8));
        statusLine.getStyleClass().add("terminal-status");

        Label placeholder = new Label(T.get("terminal.none"));
        placeholder.getStyleClass().add("terminal-hint");
        screen.getChildren().add(placeholder);
        screen.getStyleClass().add("terminal-host");
        screen.setMinSize(0, 0);

        root.setTop(top);
        root.setCenter(screen);
        root.setBottom(statusLine);

        model.sessionProperty().addListener((obs, old, connector) -> {
            if (connector != null) {
                show(connector);
            }
        });
    }

    private void connect() {
        // An edited combo box commits its text only on Enter or focus loss: take what is typed now.
        String typed = shell.getEditor().getText();
        if (typed != null && !typed.equals(model.commandProperty().get())) {
            model.commandProperty().set(typed);
        }
        model.connectShell(columns(), rows());
    }

    private void show(EngineTtyConnector connector) {
        int columns = columns();
        int rows = rows();
        if (widget != null) {
            widget.close();
        }
        widget = new EmulatorWidget(columns, rows);
        widget.getPane().setId("terminal-screen");
        widget.setTtyConnector(connector);
        widget.start();
        screen.getChildren().setAll(widget.getPane());
        EmulatorWidget shown = widget;
        Platform.runLater(() -> shown.getPreferredFocusableNode().requestFocus());
    }

    private int columns() {
        return widget == null ? DEFAULT_COLUMNS : widget.columns();
    }

    private int rows() {
        return widget == null ? DEFAULT_ROWS : widget.rows();
    }

    /** The emulator of the current or last session, if any (for tests reading the screen). */
    EmulatorWidget widget() {
        return widget;
    }

    Node node() {
        return root;
    }

    /** Stops the emulator's threads. FX thread. */
    void dispose() {
        if (widget != null) {
            widget.close();
            widget = null;
        }
    }
}
