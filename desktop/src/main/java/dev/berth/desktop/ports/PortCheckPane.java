package dev.berth.desktop.ports;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.fx.Notifier;
import dev.berth.desktop.i18n.Texts;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Check a host port": a port, an address (every address when empty) and a protocol; the answer says free or
 * taken, and who holds it. It is about this machine, which for an engine elsewhere is not the engine's host.
 */
final class PortCheckPane extends VBox {

    private static final Texts T = Texts.of(PortCheckPane.class);

    private final PortsViewModel model;
    private final TextField port = new TextField();
    private final TextField address = new TextField();
    private final ComboBox<String> protocol = new ComboBox<>();
    private final Button run = new Button(T.get("check.run"));
    private final Label problem = new Label();
    private final Label result = new Label();
    private final Label details = new Label();
    private final Label note = new Label(T.get("check.remoteNote"));
    private int asked;

    PortCheckPane(PortsViewModel model) {
        super(6);
        this.model = model;
        setId("ports-check");
        setPadding(new Insets(12, 0, 0, 0));
        Label heading = new Label(T.get("check.title"));
        heading.getStyleClass().add(Styles.TITLE_4);

        port.setId("ports-check-port");
        port.setPromptText(T.get("check.portPrompt"));
        port.setPrefWidth(110);
        address.setId("ports-check-address");
        address.setPromptText("0.0.0.0");
        address.setPrefWidth(200);
        protocol.setId("ports-check-protocol");
        protocol.getItems().setAll("tcp", "udp");
        protocol.setValue("tcp");
        run.setId("ports-check-run");
        run.setOnAction(e -> check());
        port.setOnAction(e -> check());
        address.setOnAction(e -> check());
        Label portLabel = new Label(T.get("check.port"));
        portLabel.setLabelFor(port);
        Label addressLabel = new Label(T.get("check.address"));
        addressLabel.setLabelFor(address);
        HBox inputs = new HBox(8, portLabel, port, addressLabel, address, protocol, run);
        inputs.setAlignment(Pos.CENTER_LEFT);

        problem.setId("ports-check-problem");
        problem.getStyleClass().add(Styles.DANGER);
        result.setId("ports-check-result");
        result.setWrapText(true);
        details.setId("ports-check-details");
        details.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        details.setWrapText(true);
        note.setId("ports-check-note");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        note.setWrapText(true);
        for (Label l : List.of(problem, result, details, note)) {
            l.managedProperty().bind(l.visibleProperty());
        }
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        result.visibleProperty().bind(result.textProperty().isNotEmpty());
        details.visibleProperty().bind(details.textProperty().isNotEmpty());
        note.setVisible(false);
        sceneProperty().addListener((obs, old, scene) -> note.setVisible(!model.engineLocal()));
        getChildren().addAll(heading, inputs, problem, note, result, details);
    }

    void focusPort() {
        port.requestFocus();
        port.selectAll();
    }

    private void check() {
        note.setVisible(!model.engineLocal());
        String portText = port.getText() == null ? "" : port.getText().strip();
        String addressText = address.getText() == null ? "" : address.getText().strip();
        int number = portText.matches("\\d{1,5}") ? Integer.parseInt(portText) : -1;
        String trouble = "";
        boolean badAddress = false;
        if (portText.isEmpty()) {
            trouble = T.get("check.needPort");
        } else if (number < 1 || number > 65535) {
            trouble = T.get("check.badPort", portText);
        } else {
            try {
                HostPortCheck.parseAddress(addressText);
            } catch (IllegalArgumentException e) {
                trouble = T.get("check.badAddress", addressText);
                badAddress = true;
            }
        }
        problem.setText(trouble);
        port.pseudoClassStateChanged(Styles.STATE_DANGER, !trouble.isEmpty() && !badAddress);
        address.pseudoClassStateChanged(Styles.STATE_DANGER, badAddress);
        if (!trouble.isEmpty()) {
            result.setText("");
            details.setText("");
            return;
        }
        int ticket = ++asked;
        String shown = PortRow.hostAddress(addressText) + ":" + number + "/" + protocol.getValue();
        showResult(T.get("check.checking", shown), null);
        details.setText("");
        run.setDisable(true);
        model.checkHostPort(addressText, number, protocol.getValue())
                .onSuccess(answer -> {
                    if (ticket == asked) {
                        show(shown, answer);
                    }
                })
                .onFailure(e -> {
                    if (ticket == asked) {
                        showResult(T.get("check.failed", shown, Notifier.userMessage(e)), Styles.DANGER);
                    }
                })
                .onSuccess(a -> run.setDisable(false))
                .onFailure(e -> run.setDisable(false));
    }

    private void show(String shown, PortAvailability answer) {
        String text = switch (answer.status()) {
            case FREE -> T.get("check.free", shown);
            case TAKEN -> T.get("check.taken", shown, answer.text());
            default -> T.get("check.other", shown, answer.text());
        };
        showResult(text, switch (answer.status()) {
            case FREE -> Styles.SUCCESS;
            case TAKEN, NO_SUCH_ADDRESS -> Styles.DANGER;
            default -> Styles.WARNING;
        });
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < answer.holders().size(); i++) {
            String where = answer.where().get(i);
            String command = answer.details().get(i);
            if (!where.isEmpty() || !command.isEmpty()) {
                lines.add(T.get("check.holderLine", answer.holders().get(i), where.isEmpty() ? "?" : where,
                        command.isEmpty() ? "—" : command));
            }
        }
        details.setText(String.join("\n", lines));
    }

    private void showResult(String text, String style) {
        result.getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER, Styles.WARNING);
        if (style != null) {
            result.getStyleClass().add(style);
        }
        result.setText(text);
    }
}
