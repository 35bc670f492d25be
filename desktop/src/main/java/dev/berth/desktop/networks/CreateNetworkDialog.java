package dev.berth.desktop.networks;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.FormDialogs;
import dev.berth.desktop.resources.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Create a network: name, driver, subnet, gateway, IP range, internal, attachable, IPv6 and labels. The form is
 * checked as it is typed and again on Create; the engine is only asked once it is valid, and what it answers (a
 * name in use, an overlapping subnet) is shown in the dialog.
 */
final class CreateNetworkDialog {

    private static final Texts T = Texts.of(CreateNetworkDialog.class);

    private final Dialog<ButtonType> dialog;
    private final TextField name = field("network-name", T.get("create.name.prompt"));
    private final ComboBox<String> driver = new ComboBox<>();
    private final TextField subnet = field("network-subnet", "172.30.0.0/16");
    private final TextField gateway = field("network-gateway", "172.30.0.1");
    private final TextField ipRange = field("network-ip-range", "172.30.5.0/24");
    private final CheckBox internal = new CheckBox(T.get("create.internal"));
    private final CheckBox attachable = new CheckBox(T.get("create.attachable"));
    private final CheckBox ipv6 = new CheckBox(T.get("create.ipv6"));
    private final TextArea labels = new TextArea();
    private final Label error = FormDialogs.errorLabel("network-create-error");
    private boolean tried;

    CreateNetworkDialog(Node owner, NetworksViewModel model) {
        dialog = FormDialogs.create(owner, "network-create-dialog", T.get("create.title"));
        driver.setId("network-driver");
        driver.getItems().setAll(List.of("bridge"));
        driver.getSelectionModel().select("bridge");
        model.drivers().onSuccess(drivers -> {
            String chosen = driver.getValue();
            driver.getItems().setAll(drivers);
            driver.getSelectionModel().select(drivers.contains(chosen) ? chosen : "bridge");
        });
        internal.setId("network-internal");
        attachable.setId("network-attachable");
        ipv6.setId("network-ipv6");
        labels.setId("network-labels");
        labels.setPromptText("com.example.team=web");
        labels.setPrefRowCount(3);

        GridPane form = FormDialogs.form();
        int row = 0;
        form.addRow(row++, new Label(T.get("create.name")), name);
        form.addRow(row++, new Label(T.get("create.driver")), driver);
        form.addRow(row++, new Label(T.get("create.subnet")), subnet);
        form.addRow(row++, new Label(T.get("create.gateway")), gateway);
        form.addRow(row++, new Label(T.get("create.ipRange")), ipRange);
        form.addRow(row++, new Label(T.get("create.labels")), labels);
        Label hint = new Label(T.get("create.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        VBox content = new VBox(10, form, new VBox(6, internal, attachable, ipv6), hint, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(520);
        dialog.getDialogPane().setContent(content);

        for (TextInputControl input : new TextInputControl[] {name, subnet, gateway, ipRange, labels}) {
            input.textProperty().addListener((obs, old, now) -> {
                if (tried) {
                    check(); // once Create was pressed, problems go away as they are fixed
                }
            });
        }
        FormDialogs.confirm(dialog, T.get("create.confirm"), "network-create-confirm", error, () -> {
            tried = true;
            if (!check()) {
                return null;
            }
            Outcome<String> outcome = model.create(form());
            return outcome;
        });
        dialog.setOnShown(e -> name.requestFocus());
    }

    private NetworkForm form() {
        return new NetworkForm(name.getText(), driver.getValue(), subnet.getText(), gateway.getText(),
                ipRange.getText(), internal.isSelected(), attachable.isSelected(), ipv6.isSelected(), labels.getText());
    }

    /** Marks the fields in error and lists the problems; true when there are none. */
    private boolean check() {
        List<NetworkForm.Problem> problems = form().problems();
        Map<NetworkForm.Field, TextInputControl> fields = new EnumMap<>(NetworkForm.Field.class);
        fields.put(NetworkForm.Field.NAME, name);
        fields.put(NetworkForm.Field.SUBNET, subnet);
        fields.put(NetworkForm.Field.GATEWAY, gateway);
        fields.put(NetworkForm.Field.IP_RANGE, ipRange);
        fields.put(NetworkForm.Field.LABELS, labels);
        fields.values().forEach(f -> f.pseudoClassStateChanged(Styles.STATE_DANGER, false));
        problems.forEach(p -> fields.get(p.field()).pseudoClassStateChanged(Styles.STATE_DANGER, true));
        FormDialogs.showError(error, problems.isEmpty() ? null
                : String.join("\n", problems.stream().map(NetworkForm.Problem::message).toList()));
        return problems.isEmpty();
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }

    void show() {
        dialog.show();
    }
}
