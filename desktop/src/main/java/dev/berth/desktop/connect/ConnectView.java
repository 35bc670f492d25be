package dev.berth.desktop.connect;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
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

    private static final Texts T = Texts.of(ConnectView.class);

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
        return WizardForms.header(T.get("connect.title"), T.get("connect.subtitle"));
    }

    private Node form() {
        GridPane grid = WizardForms.grid();

        ComboBox<ConnectViewModel.ContextChoice> context = new ComboBox<>(vm.contextChoices());
        context.setId("connect-context");
        context.setPromptText(T.get("connect.context.prompt"));
        context.setMaxWidth(Double.MAX_VALUE);
        context.valueProperty().bindBidirectional(vm.contextProperty());
        context.disableProperty().bind(Bindings.isEmpty(vm.contextChoices()));
        WizardForms.row(grid, T.get("connect.context"), context,
                WizardForms.hint(T.get("connect.context.hint")));

        TextField address = WizardForms.text("connect-address", vm.addressProperty(), "tcp://host:2376");
        WizardForms.row(grid, T.get("connect.address"), address,
                WizardForms.hint(T.get("connect.address.hint")),
                WizardForms.problem("connect-address-problem", vm.addressProblemProperty(), address));

        TextField name = WizardForms.text("connect-name", vm.nameProperty(), T.get("connect.name.prompt"));
        WizardForms.row(grid, T.get("connect.name"), name, WizardForms.problem("connect-name-problem", vm.nameProblemProperty(), name));

        CheckBox tls = new CheckBox(T.get("connect.tls"));
        tls.setId("connect-tls");
        tls.selectedProperty().bindBidirectional(vm.tlsProperty());
        CheckBox verify = new CheckBox(T.get("connect.verify"));
        verify.setId("connect-verify");
        verify.selectedProperty().bindBidirectional(vm.verifyProperty());
        verify.disableProperty().bind(vm.tlsProperty().not());
        WizardForms.row(grid, T.get("connect.security"), new HBox(16, tls, verify));

        TextField ca = WizardForms.text("connect-ca", vm.caFileProperty(), T.get("connect.ca.prompt"));
        TextField cert = WizardForms.text("connect-cert", vm.certFileProperty(), T.get("connect.cert.prompt"));
        TextField key = WizardForms.text("connect-key", vm.keyFileProperty(), "key.pem");
        for (TextField f : new TextField[] {ca, cert, key}) {
            f.disableProperty().bind(vm.tlsProperty().not());
        }
        WizardForms.row(grid, T.get("connect.ca"), WizardForms.pathField(ca, "connect-ca-browse",
                T.get("connect.ca.choose"), w -> WizardForms.chooseFile(w, T.get("connect.ca"), ca.getText())));
        WizardForms.row(grid, T.get("connect.cert"), WizardForms.pathField(cert, "connect-cert-browse",
                T.get("connect.cert.choose"),
                w -> WizardForms.chooseFile(w, T.get("connect.cert"), cert.getText())));
        WizardForms.row(grid, T.get("connect.key"), WizardForms.pathField(key, "connect-key-browse",
                T.get("connect.key.choose"),
                w -> WizardForms.chooseFile(w, T.get("connect.key"), key.getText())),
                WizardForms.problem("connect-tls-problem", vm.tlsProblemProperty(), null));

        Button folder = new Button(T.get("connect.folder"), AppIcon.BROWSE.node(16));
        folder.setId("connect-folder");
        folder.setTooltip(new Tooltip(T.get("connect.folder.tooltip")));
        folder.setOnAction(e -> WizardForms.withFolder(getScene().getWindow(), T.get("connect.folder.choose"), ca.getText(),
                vm::useFolder));
        Button latest = new Button(T.get("connect.latest"), AppIcon.CERTIFICATE.node(16));
        latest.setId("connect-latest");
        latest.setOnAction(e -> vm.useFolder(vm.latestCertificates().getValue()));
        latest.setTooltip(new Tooltip(T.get("connect.latest.tooltip")));
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
        Button cancel = new Button(T.get("connect.cancel"));
        cancel.setId("connect-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        Button test = new Button(T.get("connect.test"), AppIcon.ATTACH.node(16));
        test.setId("connect-test");
        test.setTooltip(new Tooltip(T.get("connect.test.tooltip")));
        test.disableProperty().bind(vm.validProperty().not().or(vm.busyProperty()));
        test.setOnAction(e -> vm.test());
        Button save = new Button(T.get("connect.save"), AppIcon.SAVE.node(16));
        save.setId("connect-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.setTooltip(new Tooltip(T.get("connect.save.tooltip")));
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
