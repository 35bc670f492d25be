package dev.berth.desktop.connect;

import atlantafx.base.theme.Styles;
import dev.berth.icons.AppIcon;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The connect wizard's window content: address (or a docker context to start from), TLS and its three files, the
 * Test outcome, and Cancel / Test / Save.
 */
final class ConnectView extends BorderPane {

    private final ConnectViewModel vm;
    private Runnable onClose = () -> { };

    ConnectView(ConnectViewModel vm) {
        this.vm = vm;
        setId("connect-wizard");
        setTop(header());
        ScrollPane scroll = new ScrollPane(form());
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.BG_DEFAULT);
        WizardForms.followFocus(scroll);
        setCenter(scroll);
        setBottom(buttons());
    }

    void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private Node header() {
        return WizardForms.header("Connect to an engine", "a Docker daemon elsewhere (TCP, with mutual TLS) or a local"
                + " socket");
    }

    private Node form() {
        GridPane grid = WizardForms.grid();

        ComboBox<ConnectViewModel.ContextChoice> context = new ComboBox<>(vm.contextChoices());
        context.setId("connect-context");
        context.setPromptText("Start from a docker context…");
        context.setMaxWidth(Double.MAX_VALUE);
        context.valueProperty().bindBidirectional(vm.contextProperty());
        context.disableProperty().bind(Bindings.isEmpty(vm.contextChoices()));
        WizardForms.row(grid, "Docker context", context,
                WizardForms.hint("Optional: copies a context's address and TLS files into the fields below."));

        TextField address = WizardForms.text("connect-address", vm.addressProperty(), "tcp://host:2376");
        WizardForms.row(grid, "Address", address,
                WizardForms.hint("tcp://HOST:PORT (2376 is the usual TLS port), or unix:///path/to/docker.sock"),
                WizardForms.problem("connect-address-problem", vm.addressProblemProperty(), address));

        TextField name = WizardForms.text("connect-name", vm.nameProperty(), "how the engines list shows it");
        WizardForms.row(grid, "Name", name, WizardForms.problem("connect-name-problem", vm.nameProblemProperty(), name));

        CheckBox tls = new CheckBox("Use TLS");
        tls.setId("connect-tls");
        tls.selectedProperty().bindBidirectional(vm.tlsProperty());
        CheckBox verify = new CheckBox("Verify the engine's certificate");
        verify.setId("connect-verify");
        verify.selectedProperty().bindBidirectional(vm.verifyProperty());
        verify.disableProperty().bind(vm.tlsProperty().not());
        WizardForms.row(grid, "Security", new HBox(16, tls, verify));

        TextField ca = WizardForms.text("connect-ca", vm.caFileProperty(), "ca.pem (empty: the system's CAs)");
        TextField cert = WizardForms.text("connect-cert", vm.certFileProperty(), "cert.pem (empty: no client certificate)");
        TextField key = WizardForms.text("connect-key", vm.keyFileProperty(), "key.pem");
        for (TextField f : new TextField[] {ca, cert, key}) {
            f.disableProperty().bind(vm.tlsProperty().not());
        }
        WizardForms.row(grid, "CA certificate", WizardForms.pathField(ca, "connect-ca-browse",
                "Choose the CA certificate (ca.pem)", w -> WizardForms.chooseFile(w, "CA certificate", ca.getText())));
        WizardForms.row(grid, "Client certificate", WizardForms.pathField(cert, "connect-cert-browse",
                "Choose the client certificate (cert.pem)",
                w -> WizardForms.chooseFile(w, "Client certificate", cert.getText())));
        WizardForms.row(grid, "Client key", WizardForms.pathField(key, "connect-key-browse",
                "Choose the client's private key (key.pem)",
                w -> WizardForms.chooseFile(w, "Client key", key.getText())),
                WizardForms.problem("connect-tls-problem", vm.tlsProblemProperty(), null));

        Button folder = new Button("Use a folder…", AppIcon.BROWSE.node(16));
        folder.setId("connect-folder");
        folder.setTooltip(new Tooltip("Takes ca.pem, cert.pem and key.pem from one folder (like DOCKER_CERT_PATH)"));
        folder.setOnAction(e -> WizardForms.withFolder(getScene().getWindow(), "Certificate folder", ca.getText(),
                vm::useFolder));
        Button latest = new Button("Use the certificate wizard's folder", AppIcon.CERTIFICATE.node(16));
        latest.setId("connect-latest");
        latest.setOnAction(e -> vm.useFolder(vm.latestCertificates().getValue()));
        latest.setTooltip(new Tooltip("The folder the \"Generate TLS certificates\" wizard wrote last"));
        latest.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.latestCertificates().getValue() == null, vm.latestCertificates()));
        WizardForms.row(grid, "", new HBox(8, folder, latest));

        VBox content = new VBox(16, grid, result());
        content.setPadding(new Insets(16, 20, 16, 20));
        return content;
    }

    /** The Test outcome: a green or red headline, and the details (version and counts, or the full reason). */
    private Node result() {
        Label headline = new Label();
        headline.setId("connect-result-title");
        headline.setWrapText(true);
        headline.getStyleClass().add(Styles.TEXT_BOLD);
        Label detail = new Label();
        detail.setId("connect-result-detail");
        detail.setWrapText(true);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());
        vm.outcomeProperty().addListener((obs, old, outcome) -> {
            headline.getStyleClass().removeAll("run-ok", "run-problem");
            if (outcome == null) {
                headline.setText("");
                headline.setGraphic(null);
                detail.setText("");
                return;
            }
            headline.setText(outcome.headline());
            headline.setGraphic((outcome.ok() ? AppIcon.REACHABLE : AppIcon.UNREACHABLE).node(16));
            headline.getStyleClass().add(outcome.ok() ? "run-ok" : "run-problem");
            detail.setText(outcome.detail());
        });
        Label saveProblem = WizardForms.problem("connect-save-problem", vm.saveProblemProperty(), null);
        VBox box = new VBox(6, new HBox(8, spinner, headline), detail, saveProblem);
        box.setId("connect-result");
        return box;
    }

    private Node buttons() {
        Button cancel = new Button("Cancel");
        cancel.setId("connect-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        Button test = new Button("Test", AppIcon.ATTACH.node(16));
        test.setId("connect-test");
        test.setTooltip(new Tooltip("Connects now and shows the engine's version, or exactly why it failed"));
        test.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        test.setOnAction(e -> vm.test());
        Button save = new Button("Save", AppIcon.SAVE.node(16));
        save.setId("connect-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setTooltip(new Tooltip("Adds the engine to the engines list; Berth keeps the file paths, not the keys"));
        save.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        save.setOnAction(e -> vm.save(onClose));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, cancel, grow, test, save);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(10, 20, 14, 20));
        bar.getStyleClass().add("run-wizard-buttons");
        return bar;
    }
}
