package dev.berth.desktop.images;

import dev.berth.desktop.resources.FormDialogs;
import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Pull or push: the image reference, how to sign in to the registry, then one progress bar per layer and one
 * overall. Failures (a missing tag, a refused login) appear in the dialog with the registry's own words. Closing the
 * dialog does not stop the transfer: it goes on in the background and reports when done.
 */
final class TransferDialog {

    private static final Texts T = Texts.of(TransferDialog.class);

    /** Pull or push: ids are prefixed with the verb ("pull-image", "push-overall"). */
    enum Kind {
        PULL("pull"), PUSH("push");

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        String title() {
            return this == PULL ? T.get("images.pull.title") : T.get("images.push.title");
        }

        String verb() {
            return this == PULL ? T.get("images.pull.start") : T.get("images.push.start");
        }

        String running() {
            return this == PULL ? T.get("images.pull.running") : T.get("images.push.running");
        }
    }

    private final Kind kind;
    private final Dialog<ButtonType> dialog;
    private final TextField image = new TextField();
    private final ToggleGroup authGroup = new ToggleGroup();
    private final RadioButton saved = new RadioButton(T.get("images.auth.saved"));
    private final RadioButton login = new RadioButton(T.get("images.auth.login"));
    private final RadioButton anonymous = new RadioButton(T.get("images.auth.anonymous"));
    private final TextField username = new TextField();
    private final PasswordField password = new PasswordField();
    private final Label error;
    private final ProgressBar overall = new ProgressBar(0);
    private final Label percent = new Label();
    private final Label status = new Label();
    private final ListView<LayerProgress> layers = new ListView<>();
    private final VBox progressBox;
    private final Button start;
    private TransferProgress current;

    TransferDialog(Node owner, Kind kind, String initialReference,
                   BiFunction<String, RegistryCredentials, TransferProgress> run) {
        this.kind = kind;
        String p = kind.prefix;
        dialog = FormDialogs.create(owner, p + "-dialog", kind.title());
        error = FormDialogs.errorLabel(p + "-error");

        image.setId(p + "-image");
        image.setPromptText(kind == Kind.PULL ? T.get("images.pull.prompt") : T.get("images.push.prompt"));
        image.setText(initialReference == null ? "" : initialReference);
        image.setPrefColumnCount(36);
        saved.setId(p + "-auth-saved");
        login.setId(p + "-auth-login");
        anonymous.setId(p + "-auth-none");
        for (RadioButton r : new RadioButton[] {saved, login, anonymous}) {
            r.setToggleGroup(authGroup);
        }
        saved.setSelected(true);
        username.setId(p + "-username");
        username.setPromptText(T.get("images.auth.username"));
        password.setId(p + "-password");
        password.setPromptText(T.get("images.auth.password"));
        HBox credentials = new HBox(8, username, password);
        credentials.visibleProperty().bind(login.selectedProperty());
        credentials.managedProperty().bind(credentials.visibleProperty());

        GridPane form = FormDialogs.form();
        form.addRow(0, new Label(T.get("images.transfer.image")), image);
        form.addRow(1, new Label(T.get("images.transfer.signIn")), new HBox(12, saved, login, anonymous));
        form.add(credentials, 1, 2);
        GridPane.setHgrow(image, Priority.ALWAYS);

        overall.setId(p + "-overall");
        overall.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(overall, Priority.ALWAYS);
        percent.setId(p + "-percent");
        percent.setMinWidth(48);
        status.setId(p + "-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.setWrapText(true);
        layers.setId(p + "-layers");
        layers.setPrefHeight(220);
        layers.setPlaceholder(new Label(T.get("images.transfer.waiting")));
        layers.setCellFactory(v -> new LayerCell());
        HBox overallRow = new HBox(8, new Label(T.get("images.transfer.overall")), overall, percent);
        overallRow.setAlignment(Pos.CENTER_LEFT);
        progressBox = new VBox(6, overallRow, status, layers);
        progressBox.setVisible(false);
        progressBox.managedProperty().bind(progressBox.visibleProperty());

        VBox content = new VBox(12, form, error, progressBox);
        content.setPadding(new Insets(4));
        content.setMinWidth(660);
        dialog.getDialogPane().setContent(content);

        ButtonType startType = new ButtonType(kind.verb(), ButtonBar.ButtonData.OK_DONE);
        ButtonType close = FormDialogs.close();
        dialog.getDialogPane().getButtonTypes().setAll(startType, close);
        start = (Button) dialog.getDialogPane().lookupButton(startType);
        start.setId(p + "-start");
        start.setDefaultButton(true);
        ((Button) dialog.getDialogPane().lookupButton(close)).setId(p + "-close");
        start.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            begin(run);
        });
        image.textProperty().addListener((obs, old, text) -> FormDialogs.showError(error, ImageNames.problem(text)));
        dialog.setOnHidden(e -> {
            if (current != null) {
                current.watchedProperty().set(false);
            }
        });
    }

    void show() {
        dialog.show();
        image.requestFocus();
    }

    private void begin(BiFunction<String, RegistryCredentials, TransferProgress> run) {
        String problem = ImageNames.problem(image.getText());
        RegistryCredentials how = login.isSelected() ? RegistryCredentials.login(username.getText(), password.getText())
                : anonymous.isSelected() ? RegistryCredentials.anonymous() : RegistryCredentials.saved();
        if (problem == null) {
            problem = how.problem();
        }
        if (problem != null) {
            FormDialogs.showError(error, problem);
            return;
        }
        FormDialogs.showError(error, null);
        bind(run.apply(image.getText(), how));
    }

    private void bind(TransferProgress progress) {
        if (current != null) {
            current.watchedProperty().set(false);
        }
        current = progress;
        if (!progressBox.isVisible()) {
            progressBox.setVisible(true);
            FormDialogs.fit(progressBox);
        }
        layers.setItems(progress.layers());
        overall.progressProperty().bind(progress.fractionProperty());
        percent.textProperty().bind(Bindings.format("%.0f %%", progress.fractionProperty().multiply(100)));
        status.textProperty().bind(progress.statusProperty());
        setRunning(true);
        progress.stateProperty().addListener((obs, old, state) -> {
            if (progress != current) {
                return;
            }
            setRunning(false);
            if (state == TransferProgress.State.FAILED) {
                FormDialogs.showError(error, progress.errorProperty().get());
            }
        });
    }

    private void setRunning(boolean running) {
        start.setDisable(running);
        image.setDisable(running);
        for (Node n : new Node[] {saved, login, anonymous, username, password}) {
            n.setDisable(running);
        }
        start.setText(running ? kind.running() : kind.verb());
    }

    /** One layer: its short id, a bar, the engine's status word and the bytes moved. */
    private static final class LayerCell extends ListCell<LayerProgress> {

        private final Label id = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Label state = new Label();
        private final Label bytes = new Label();
        private final HBox box = new HBox(10, id, bar, state, bytes);

        LayerCell() {
            id.getStyleClass().add("layer-id");
            id.setMinWidth(110);
            bar.setPrefWidth(200);
            state.setMinWidth(130);
            bytes.getStyleClass().add(Styles.TEXT_MUTED);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(LayerProgress layer, boolean empty) {
            super.updateItem(layer, empty);
            bar.progressProperty().unbind();
            state.textProperty().unbind();
            bytes.textProperty().unbind();
            if (empty || layer == null) {
                setGraphic(null);
                return;
            }
            id.setText(layer.id());
            bar.progressProperty().bind(layer.fractionProperty());
            state.textProperty().bind(layer.statusProperty());
            bytes.textProperty().bind(layer.detailProperty());
            setGraphic(box);
        }
    }
}
