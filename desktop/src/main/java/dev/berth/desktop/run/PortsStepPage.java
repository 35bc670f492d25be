package dev.berth.desktop.run;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.run.PortMappingRow.Protocol;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * Step 3: published ports, each host port checked for being free while it is typed. A taken one is the row's
 * problem (who holds it), which keeps Next and Run disabled until the row changes.
 */
final class PortsStepPage extends VBox implements StepPage {

    private static final Texts T = Texts.of(PortsStepPage.class);

    private final RowsEditor<PortMappingRow> rows;

    PortsStepPage(RunWizardViewModel vm) {
        super(20);
        RunWizardModel model = vm.model();
        rows = new RowsEditor<>("run-port", T.get("ports.add"), T.get("ports.none"),
                List.of(new RowsEditor.Column(T.get("ports.column.hostIp"), 130),
                        new RowsEditor.Column(T.get("ports.column.hostPort"), 80),
                        new RowsEditor.Column("", 90),
                        new RowsEditor.Column(T.get("ports.column.containerPort"), 100),
                        new RowsEditor.Column(T.get("ports.column.protocol"), 80),
                        new RowsEditor.Column(T.get("ports.column.status"), -1)),
                model.ports(), PortMappingRow::new, PortsStepPage::cells);
        getChildren().add(Forms.section(T.get("ports.title"), rows,
                Forms.check("run-publish-all", T.get("ports.publishAll"), model.publishAllProperty())));
        if (!vm.engineLocal()) {
            Label note = Forms.hint(T.get("ports.remoteNote"));
            note.setId("run-port-note");
            getChildren().add(1, note);
        }
    }

    private static List<Node> cells(PortMappingRow row, int i) {
        TextField ip = Forms.text("run-port-ip-" + i, row.hostIpProperty(), T.get("ports.prompt.hostIp"));
        TextField host = Forms.text("run-port-host-" + i, row.hostPortProperty(), "8080");
        host.disableProperty().bind(row.randomHostPortProperty());
        CheckBox random = Forms.check("run-port-random-" + i, T.get("ports.random"), row.randomHostPortProperty());
        TextField container = Forms.text("run-port-container-" + i, row.containerPortProperty(), "80");
        ComboBox<Protocol> protocol = new ComboBox<>();
        protocol.setId("run-port-protocol-" + i);
        protocol.getItems().addAll(Protocol.values());
        protocol.valueProperty().bindBidirectional(row.protocolProperty());
        Label status = new Label();
        status.setId("run-port-status-" + i);
        row.availabilityProperty().addListener((obs, old, result) -> show(status, result));
        show(status, row.availabilityProperty().get());
        // a taken host port is the row's problem: its field turns red with it
        row.problemProperty().addListener((obs, old, text) -> host.pseudoClassStateChanged(Styles.STATE_DANGER,
                row.availabilityProblem() != null));
        return List.of(ip, host, random, container, protocol, status);
    }

    private static void show(Label status, PortProbe.Result result) {
        status.getStyleClass().removeAll("run-ok", "run-problem", Styles.TEXT_MUTED);
        if (result == null) {
            status.setText("");
            status.setTooltip(null);
            return;
        }
        status.setText(result.text());
        status.setTooltip(new Tooltip(result.text()));
        status.getStyleClass().add(switch (result.verdict()) {
            case FREE -> "run-ok";
            case TAKEN, NO_ADDRESS -> "run-problem";
            case CHECKING, UNKNOWN -> Styles.TEXT_MUTED;
        });
    }

    @Override
    public Node firstInput() {
        return rows.focusTarget();
    }
}
