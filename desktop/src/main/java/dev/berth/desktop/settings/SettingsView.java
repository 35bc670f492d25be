package dev.berth.desktop.settings;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.berth.desktop.connect.WizardForms;
import dev.berth.desktop.fx.Clipboards;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The Settings window's content: the language, then remote access to Berth's engine over TLS (switch, address, port,
 * certificate folder with its check, Apply, and what a client sets to connect).
 */
final class SettingsView extends BorderPane {

    private static final Texts T = Texts.of(SettingsView.class);

    private final SettingsViewModel vm;
    private final Runnable generateCertificates;
    private Runnable onClose = () -> { };

    /** @param generateCertificates opens the certificate wizard */
    SettingsView(SettingsViewModel vm, Runnable generateCertificates) {
        this.vm = vm;
        this.generateCertificates = generateCertificates;
        setId("settings");
        setTop(WizardForms.header(T.get("title"), T.get("subtitle")));
        ScrollPane page = new ScrollPane(form());
        page.setFitToWidth(true);
        page.getStyleClass().add(Styles.BG_DEFAULT);
        WizardForms.followFocus(page);
        setCenter(page);
        setBottom(buttons());
    }

    void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private Node form() {
        GridPane grid = WizardForms.grid();
        WizardForms.section(grid, T.get("language.section"));
        ComboBox<Language> language = new ComboBox<>();
        language.setId("settings-language");
        language.getItems().setAll(Language.values());
        language.setConverter(new StringConverter<>() {
            @Override
            public String toString(Language l) {
                return l == null ? "" : switch (l) {
                    case SYSTEM -> T.get("language.system");
                    case ENGLISH -> T.get("language.english");
                    case KOREAN -> T.get("language.korean");
                };
            }

            @Override
            public Language fromString(String s) {
                return null;
            }
        });
        language.valueProperty().bindBidirectional(vm.languageProperty());
        Label note = WizardForms.hint("");
        note.setId("settings-language-note");
        note.textProperty().bind(Bindings.when(vm.languageNoteProperty().isEmpty())
                .then(T.get("language.hint")).otherwise(vm.languageNoteProperty()));
        WizardForms.row(grid, T.get("language.label"), language, note);

        WizardForms.section(grid, T.get("remote.section"));
        Label what = WizardForms.hint(T.get("remote.hint"));
        grid.add(what, 0, grid.getRowCount(), 2, 1);
        Label unavailable = new Label();
        unavailable.setId("settings-tls-unavailable");
        unavailable.setWrapText(true);
        unavailable.getStyleClass().add(Styles.WARNING);
        unavailable.textProperty().bind(vm.unavailableReasonProperty());
        unavailable.visibleProperty().bind(vm.unavailableReasonProperty().isNotEmpty());
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        // the holder always takes its row: the grid counts managed children only, so a hidden label's row would be
        // handed to the next one and the two would overlap once the label shows
        grid.add(new VBox(unavailable), 0, grid.getRowCount(), 2, 1);

        ToggleSwitch enabled = new ToggleSwitch(T.get("remote.enabled"));
        enabled.setId("settings-tls-enabled");
        enabled.selectedProperty().bindBidirectional(vm.enabledProperty());
        WizardForms.row(grid, T.get("remote.listener"), enabled);

        TextField address = WizardForms.text("settings-tls-address", vm.addressProperty(), "0.0.0.0");
        WizardForms.row(grid, T.get("remote.address"), address,
                WizardForms.problem("settings-tls-address-problem", vm.addressProblemProperty(), address),
                WizardForms.hint(T.get("remote.address.hint")));

        TextField port = WizardForms.text("settings-tls-port", vm.portProperty(), "2376");
        port.setMaxWidth(120);
        WizardForms.row(grid, T.get("remote.port"), port,
                WizardForms.problem("settings-tls-port-problem", vm.portProblemProperty(), port));

        TextField folder = WizardForms.text("settings-tls-folder", vm.folderProperty(), T.get("remote.folder.prompt"));
        HBox folderRow = WizardForms.pathField(folder, "settings-tls-browse", T.get("remote.folder.browse"),
                w -> WizardForms.chooseFolder(w, T.get("remote.folder.choose"), folder.getText()));
        Button generate = new Button(T.get("remote.generate"), AppIcon.CERTIFICATE.node(16));
        generate.setId("settings-tls-generate");
        generate.setOnAction(e -> generateCertificates.run());
        folderRow.getChildren().add(generate);
        Label certificate = WizardForms.hint("");
        certificate.setId("settings-tls-certificate");
        certificate.textProperty().bind(vm.certificateProperty());
        certificate.visibleProperty().bind(certificate.textProperty().isNotEmpty());
        certificate.managedProperty().bind(certificate.visibleProperty());
        WizardForms.row(grid, T.get("remote.folder"), folderRow,
                WizardForms.problem("settings-tls-folder-problem", vm.folderProblemProperty(), folder), certificate,
                WizardForms.hint(T.get("remote.folder.hint")));

        for (Node n : new Node[] {enabled, address, port, folderRow}) {
            n.disableProperty().bind(vm.availableProperty().not());
        }

        Button apply = new Button(T.get("remote.apply"));
        apply.setId("settings-tls-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.setMinWidth(Region.USE_PREF_SIZE); // the status beside it wraps, the button keeps its word
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.apply());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.stateProperty().isEqualTo(SettingsViewModel.ListenerState.RESTARTING));
        spinner.managedProperty().bind(spinner.visibleProperty());
        Label status = new Label();
        status.setId("settings-tls-status");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        vm.stateProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (now == SettingsViewModel.ListenerState.FAILED || now == SettingsViewModel.ListenerState.REFUSED) {
                status.getStyleClass().add(Styles.DANGER);
            } else if (now == SettingsViewModel.ListenerState.LISTENING) {
                status.getStyleClass().add(Styles.SUCCESS);
            }
        });
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox applyRow = new HBox(10, apply, spinner, status);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        grid.add(applyRow, 1, grid.getRowCount());

        TextArea client = new TextArea();
        client.setId("settings-tls-client");
        client.setEditable(false);
        client.setPrefRowCount(3);
        client.setStyle("-fx-font-family: monospace;");
        Button copy = new Button(T.get("remote.client.copy"), AppIcon.COPY.node(16));
        copy.setId("settings-tls-client-copy");
        copy.setOnAction(e -> Clipboards.copyLines(vm.clientSetup()));
        VBox clientBox = new VBox(6, WizardForms.hint(T.get("remote.client.hint")), client, copy);
        Runnable showClient = () -> {
            client.setText(String.join("\n", vm.clientSetup()));
            clientBox.setVisible(!vm.clientSetup().isEmpty());
        };
        vm.clientSetup().addListener((ListChangeListener<String>) c -> showClient.run());
        showClient.run();
        clientBox.managedProperty().bind(clientBox.visibleProperty());
        grid.add(clientBox, 1, grid.getRowCount());

        grid.setPadding(new Insets(16, 20, 16, 20));
        return grid;
    }

    private Node buttons() {
        Button close = new Button(T.get("close"));
        close.setId("settings-close");
        close.setCancelButton(true);
        close.setOnAction(e -> onClose.run());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, grow, close);
        bar.setPadding(new Insets(10, 20, 10, 20));
        bar.getStyleClass().add("run-wizard-buttons");
        return bar;
    }
}
