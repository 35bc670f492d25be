package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.run.PortMappingRow.Protocol;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Step 3: published ports, each host port checked for being free while it is typed. */
final class PortsStepPage extends VBox implements StepPage {

    private final RowsEditor<PortMappingRow> rows;

    PortsStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        rows = new RowsEditor<>("run-port", "Add port", "No ports published: the container is reachable only "
                + "from its networks.",
                List.of(new RowsEditor.Column("Host IP", 130), new RowsEditor.Column("Host port", 80),
                        new RowsEditor.Column("", 90), new RowsEditor.Column("Container port", 100),
                        new RowsEditor.Column("Protocol", 80), new RowsEditor.Column("Host port is", -1)),
                model.ports(), PortMappingRow::new, PortsStepPage::cells);
        getChildren().add(Forms.section("Published ports", rows,
                Forms.check("run-publish-all", "Also publish every port the image exposes, on random host ports (-P)",
                        model.publishAllProperty())));
        if (!vm.engineLocal()) {
            Label note = Forms.hint("The engine runs on another machine: whether a host port is free can only be "
                    + "checked on this machine, so it is not checked here.");
            note.setId("run-port-note");
            getChildren().add(1, note);
        }
    }

    private static List<Node> cells(PortMappingRow row, int i) {
        TextField ip = Forms.text("run-port-ip-" + i, row.hostIpProperty(), "all interfaces");
        TextField host = Forms.text("run-port-host-" + i, row.hostPortProperty(), "8080");
        host.disableProperty().bind(row.randomHostPortProperty());
        CheckBox random = Forms.check("run-port-random-" + i, "random", row.randomHostPortProperty());
        TextField container = Forms.text("run-port-container-" + i, row.containerPortProperty(), "80");
        ComboBox<Protocol> protocol = new ComboBox<>();
        protocol.setId("run-port-protocol-" + i);
        protocol.getItems().addAll(Protocol.values());
        protocol.valueProperty().bindBidirectional(row.protocolProperty());
        Label status = new Label();
        status.setId("run-port-status-" + i);
        row.availabilityProperty().addListener((obs, old, result) -> show(status, result));
        show(status, row.availabilityProperty().get());
        return List.of(ip, host, random, container, protocol, status);
    }

    private static void show(Label status, PortProbe.Result result) {
        status.getStyleClass().removeAll("run-ok", "run-problem", Styles.TEXT_MUTED);
        if (result == null) {
            status.setText("");
            return;
        }
        status.setText(result.text());
        status.getStyleClass().add(switch (result.verdict()) {
            case FREE -> "run-ok";
            case UNAVAILABLE -> "run-problem";
            case UNKNOWN -> Styles.TEXT_MUTED;
        });
    }

    @Override
    public Node firstInput() {
        return rows.focusTarget();
    }
}
