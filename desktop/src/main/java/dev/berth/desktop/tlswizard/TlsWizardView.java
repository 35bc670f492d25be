package dev.berth.desktop.tlswizard;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.connect.WizardForms;
import dev.berth.desktop.i18n.Texts;
import dev.berth.icons.AppIcon;
import dev.berth.remote.tls.KeyType;
import dev.berth.remote.tls.TlsBundleRequest;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The certificate wizard's window content: the form (what to make, the CA, the server's hosts, the client, keys and
 * validity, the output folder) with each problem under its field, then — after Generate — the files written and the
 * texts to copy for the daemon and the client, and "Create docker context".
 */
final class TlsWizardView extends BorderPane {

    private static final Texts T = Texts.of(TlsWizardView.class);

    private final TlsWizardViewModel vm;
    private final BiConsumer<String, Path> connect;
    private final ScrollPane page = new ScrollPane();
    private final Button cancel = new Button(T.get("tls.cancel"));
    private final Button finish = new Button(T.get("tls.generate"), AppIcon.CERTIFICATE.node(16));
    private final Button close = new Button(T.get("tls.close"));
    private final Button connectButton = new Button(T.get("tls.connect"), AppIcon.ATTACH.node(16));
    private Runnable onClose = () -> { };

    /** @param connect opens the connect wizard for an address and a certificate folder, or null */
    TlsWizardView(TlsWizardViewModel vm, BiConsumer<String, Path> connect) {
        this.vm = vm;
        this.connect = connect;
        setId("tls-wizard");
        setTop(header());
        page.setFitToWidth(true);
        page.getStyleClass().add(Styles.BG_DEFAULT);
        page.setContent(form());
        WizardForms.followFocus(page);
        setCenter(page);
        setBottom(buttons());
        vm.resultProperty().addListener((obs, old, result) -> {
            if (result != null) {
                page.setContent(results(result));
                page.setVvalue(0);
                showResultButtons();
            }
        });
    }

    void setOnClose(Runnable onClose) {
        this.onClose = onClose;
    }

    private Node header() {
        return WizardForms.header(T.get("tls.title"), T.get("tls.subtitle"));
    }

    // ---- the form

    private Node form() {
        GridPane grid = WizardForms.grid();

        ToggleGroup modes = new ToggleGroup();
        RadioButton bundle = radio("tls-mode-bundle", T.get("tls.mode.bundle"), modes);
        RadioButton client = radio("tls-mode-client", T.get("tls.mode.client"), modes);
        (vm.clientOnlyProperty().get() ? client : bundle).setSelected(true);
        client.selectedProperty().addListener((obs, old, on) -> vm.clientOnlyProperty().set(on));
        vm.clientOnlyProperty().addListener((obs, old, on) -> (on ? client : bundle).setSelected(true));
        WizardForms.row(grid, T.get("tls.make"), new VBox(6, bundle, client));

        // ---- CA
        WizardForms.section(grid, T.get("tls.section.ca"));
        ToggleGroup caSource = new ToggleGroup();
        RadioButton newCa = radio("tls-ca-new", T.get("tls.ca.new"), caSource);
        RadioButton existingCa = radio("tls-ca-existing", T.get("tls.ca.existing"), caSource);
        (vm.newCaProperty().get() ? newCa : existingCa).setSelected(true);
        newCa.selectedProperty().addListener((obs, old, on) -> vm.newCaProperty().set(on));
        vm.newCaProperty().addListener((obs, old, on) -> (on ? newCa : existingCa).setSelected(true));
        newCa.disableProperty().bind(vm.clientOnlyProperty());
        WizardForms.row(grid, T.get("tls.ca"), new VBox(6, newCa, existingCa));

        TextField caFolder = WizardForms.text("tls-ca-folder", vm.caFolderProperty(), T.get("tls.ca-folder.prompt"));
        caFolder.disableProperty().bind(vm.newCaProperty());
        WizardForms.row(grid, T.get("tls.ca-folder"), WizardForms.pathField(caFolder, "tls-ca-browse", T.get("tls.ca-folder.choose"),
                        w -> WizardForms.chooseFolder(w, T.get("tls.ca-folder"), caFolder.getText())),
                WizardForms.problem("tls-ca-problem", vm.caProblemProperty(), caFolder));

        PasswordField phrase = new PasswordField();
        phrase.setId("tls-passphrase");
        phrase.textProperty().bindBidirectional(vm.passphraseProperty());
        PasswordField repeat = new PasswordField();
        repeat.setId("tls-passphrase-repeat");
        repeat.setPromptText(T.get("tls.passphrase.repeat"));
        repeat.textProperty().bindBidirectional(vm.passphraseRepeatProperty());
        repeat.visibleProperty().bind(vm.newCaProperty());
        repeat.managedProperty().bind(repeat.visibleProperty());
        phrase.promptTextProperty().bind(Bindings.when(vm.newCaProperty())
                .then(T.get("tls.passphrase.new"))
                .otherwise(T.get("tls.passphrase.existing")));
        WizardForms.row(grid, T.get("tls.passphrase"), new VBox(6, phrase, repeat),
                WizardForms.hint(T.get("tls.passphrase.hint")),
                WizardForms.problem("tls-passphrase-problem", vm.passphraseProblemProperty(), phrase));

        // ---- server
        WizardForms.section(grid, T.get("tls.section.daemon"));
        TextArea hosts = new TextArea();
        hosts.setId("tls-hosts");
        hosts.setPrefRowCount(4);
        hosts.textProperty().bindBidirectional(vm.hostsProperty());
        hosts.setPromptText("docker.example.lan\n192.168.1.20");
        Label hostsHint = WizardForms.hint("");
        hostsHint.textProperty().bind(Bindings.when(vm.clientOnlyProperty())
                .then(T.get("tls.hosts.hint-client"))
                .otherwise(T.get("tls.hosts.hint")));
        WizardForms.row(grid, T.get("tls.hosts"), hosts, hostsHint,
                WizardForms.problem("tls-hosts-problem", vm.hostsProblemProperty(), hosts));
        TextField port = WizardForms.text("tls-port", vm.portProperty(), "2376");
        port.setMaxWidth(120);
        WizardForms.row(grid, T.get("tls.port"), port, WizardForms.problem("tls-port-problem", vm.portProblemProperty(), port));

        // ---- client and keys
        WizardForms.section(grid, T.get("tls.section.client"));
        TextField clientName = WizardForms.text("tls-client-name", vm.clientNameProperty(), "client");
        WizardForms.row(grid, T.get("tls.client-name"), clientName,
                WizardForms.hint(T.get("tls.client-name.hint")),
                WizardForms.problem("tls-client-name-problem", vm.clientNameProblemProperty(), clientName));
        ComboBox<KeyType> keyType = new ComboBox<>();
        keyType.setId("tls-key-type");
        keyType.getItems().setAll(KeyType.values());
        keyType.valueProperty().bindBidirectional(vm.keyTypeProperty());
        keyType.setConverter(new StringConverter<>() {
            @Override
            public String toString(KeyType type) {
                return type == null ? "" : type == KeyType.EC_P256 ? T.get("tls.key-type.recommended", type.displayName())
                        : type.displayName();
            }

            @Override
            public KeyType fromString(String text) {
                return null;
            }
        });
        keyType.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(KeyType type, boolean empty) {
                super.updateItem(type, empty);
                setText(empty ? null : keyType.getConverter().toString(type));
            }
        });
        WizardForms.row(grid, T.get("tls.key-type"), keyType);
        TextField days = WizardForms.text("tls-days", vm.daysProperty(), Integer.toString(TlsBundleRequest.DEFAULT_DAYS));
        days.setMaxWidth(120);
        WizardForms.row(grid, T.get("tls.days"), days,
                WizardForms.hint(T.get("tls.days.hint")),
                WizardForms.problem("tls-days-problem", vm.daysProblemProperty(), days));

        // ---- output
        WizardForms.section(grid, T.get("tls.section.output"));
        TextField output = WizardForms.text("tls-output", vm.outputFolderProperty(), T.get("tls.output.prompt"));
        CheckBox overwrite = new CheckBox(T.get("tls.overwrite"));
        overwrite.setId("tls-overwrite");
        overwrite.selectedProperty().bindBidirectional(vm.overwriteProperty());
        WizardForms.row(grid, T.get("tls.output"), WizardForms.pathField(output, "tls-output-browse",
                        T.get("tls.output.choose"), w -> WizardForms.chooseFolder(w, T.get("tls.output.choose-title"), output.getText())),
                overwrite,
                WizardForms.hint(T.get("tls.output.hint")),
                WizardForms.problem("tls-output-problem", vm.outputProblemProperty(), output));

        Label failure = new Label();
        failure.setId("tls-failure");
        failure.getStyleClass().add("run-problems");
        failure.setWrapText(true);
        failure.setMaxWidth(Double.MAX_VALUE);
        failure.textProperty().bind(vm.failureProperty());
        failure.visibleProperty().bind(failure.textProperty().isNotEmpty());
        failure.managedProperty().bind(failure.visibleProperty());

        VBox content = new VBox(16, grid, failure);
        content.setPadding(new Insets(16, 20, 16, 20));
        return content;
    }

    private static RadioButton radio(String id, String text, ToggleGroup group) {
        RadioButton button = new RadioButton(text);
        button.setId(id);
        button.setToggleGroup(group);
        return button;
    }

    // ---- the result

    private Node results(GeneratedBundle result) {
        Label title = new Label(result.clientOnly() ? T.get("tls.result.client", result.outDir())
                : T.get("tls.result.bundle", result.outDir()));
        title.setId("tls-result-title");
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        VBox content = new VBox(12, title);
        for (String warning : result.warnings()) {
            Label label = new Label(warning, AppIcon.EXPIRING.node(14));
            label.getStyleClass().add("run-warning");
            label.setWrapText(true);
            content.getChildren().add(label);
        }
        content.getChildren().add(filesTable(result));
        if (!result.clientOnly()) {
            content.getChildren().addAll(
                    copyable("tls-dockerd-flags", T.get("tls.result.dockerd"), result.dockerdFlags(), 3, true),
                    copyable("tls-daemon-json", T.get("tls.result.daemon-json"), result.daemonJson(), 9, false),
                    copyable("tls-systemd", T.get("tls.result.systemd"), result.systemdDropIn(), 7, false));
        }
        content.getChildren().addAll(
                copyable("tls-client-env", T.get("tls.result.client-env"),
                        result.clientEnvironment(), 3, false),
                contextRow());
        content.setPadding(new Insets(16, 20, 16, 20));
        return content;
    }

    private Node filesTable(GeneratedBundle result) {
        TableView<GeneratedBundle.WrittenFile> table = new TableView<>();
        table.setId("tls-files");
        table.getItems().setAll(result.files());
        table.getColumns().add(column(T.get("tls.files.file"), 130, GeneratedBundle.WrittenFile::name));
        table.getColumns().add(column(T.get("tls.files.what"), 210, GeneratedBundle.WrittenFile::description));
        table.getColumns().add(column(T.get("tls.files.permissions"), 100, GeneratedBundle.WrittenFile::mode));
        table.getColumns().add(column(T.get("tls.files.expires"), 180, GeneratedBundle.WrittenFile::expires));
        table.setFixedCellSize(30);
        table.setPrefHeight(30 * result.files().size() + 44);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        return table;
    }

    private static TableColumn<GeneratedBundle.WrittenFile, String> column(
            String title, double width, Function<GeneratedBundle.WrittenFile, String> value) {
        TableColumn<GeneratedBundle.WrittenFile, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    /** A caption, a read-only monospace text and a Copy button. */
    private static Node copyable(String id, String caption, String text, int rows, boolean wrap) {
        Label label = new Label(caption);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_BOLD);
        TextArea area = new TextArea(text);
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(wrap); // long command lines wrap on screen only; what is copied stays one line
        area.setPrefRowCount(rows);
        area.getStyleClass().add("run-command-line");
        Button copy = new Button(T.get("tls.copy"), AppIcon.COPY.node(14));
        copy.setId(id + "-copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.getStyleClass().add(Styles.SMALL);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(area.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText(T.get("tls.copied"));
        });
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(8, label, grow, copy);
        top.setAlignment(Pos.BOTTOM_LEFT);
        return new VBox(4, top, area);
    }

    private Node contextRow() {
        Label caption = new Label(T.get("tls.context"));
        caption.getStyleClass().add(Styles.TEXT_BOLD);
        TextField name = WizardForms.text("tls-context-name", vm.contextNameProperty(), T.get("tls.context.prompt"));
        name.setPrefColumnCount(24);
        Button create = new Button(T.get("tls.context.create"), AppIcon.ENGINE.node(16));
        create.setId("tls-create-context");
        create.setTooltip(new Tooltip(T.get("tls.context.create.tooltip")));
        create.disableProperty().bind(vm.busyProperty().or(vm.contextCreatedProperty())
                .or(vm.contextProblemProperty().isNotEmpty()));
        create.setOnAction(e -> vm.createContext());
        Label status = new Label();
        status.setId("tls-context-status");
        status.getStyleClass().add("run-ok");
        status.setWrapText(true);
        status.textProperty().bind(vm.contextStatusProperty());
        HBox row = new HBox(8, name, create);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, caption, row, status,
                WizardForms.problem("tls-context-problem", vm.contextProblemProperty(), name));
    }

    // ---- buttons

    private Node buttons() {
        cancel.setId("tls-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> onClose.run());
        cancel.disableProperty().bind(vm.busyProperty());
        finish.setId("tls-finish");
        finish.getStyleClass().add(Styles.ACCENT);
        finish.setDefaultButton(true);
        finish.textProperty().bind(Bindings.when(vm.clientOnlyProperty()).then(T.get("tls.issue")).otherwise(T.get("tls.generate")));
        finish.disableProperty().bind(vm.canFinishProperty().not());
        finish.setOnAction(e -> vm.finish());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty().or(vm.checkingProperty()));
        close.setId("tls-close");
        close.setOnAction(e -> onClose.run());
        connectButton.setId("tls-connect");
        connectButton.setTooltip(new Tooltip(T.get("tls.connect.tooltip")));
        connectButton.setOnAction(e -> {
            GeneratedBundle result = vm.resultProperty().get();
            onClose.run();
            connect.accept(result.dockerHost(), result.outDir());
        });
        for (Button b : new Button[] {close, connectButton}) {
            b.setVisible(false);
            b.setManaged(false);
        }
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(8, cancel, grow, spinner, finish, connectButton, close);
        bar.setAlignment(Pos.CENTER_RIGHT);
        bar.setPadding(new Insets(10, 20, 14, 20));
        bar.getStyleClass().add("run-wizard-buttons");
        return bar;
    }

    private void showResultButtons() {
        for (Button b : new Button[] {cancel, finish}) {
            b.setVisible(false);
            b.setManaged(false);
        }
        finish.setDefaultButton(false);
        close.setVisible(true);
        close.setManaged(true);
        close.setDefaultButton(true);
        boolean canConnect = connect != null;
        connectButton.setVisible(canConnect);
        connectButton.setManaged(canConnect);
    }
}
