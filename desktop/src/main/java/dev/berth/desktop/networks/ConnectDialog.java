package dev.berth.desktop.networks;

import atlantafx.base.theme.Styles;
import dev.berth.desktop.i18n.Texts;
import dev.berth.desktop.resources.FormDialogs;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * Connect a container to the selected network ({@code docker network connect}): which container, the aliases other
 * containers may reach it by, and optionally a fixed IPv4 address, which must lie in the network's subnet.
 */
final class ConnectDialog {

    private static final Texts T = Texts.of(ConnectDialog.class);

    private final Dialog<ButtonType> dialog;

    ConnectDialog(Node owner, NetworksViewModel model, NetworkRow row) {
        dialog = FormDialogs.create(owner, "network-connect-dialog", T.get("connect.title", row.name()));
        Label error = FormDialogs.errorLabel("network-connect-error");
        ComboBox<String> container = new ComboBox<>();
        container.setId("connect-container");
        container.setEditable(true);
        container.setPromptText(T.get("connect.container.prompt"));
        container.setMaxWidth(Double.MAX_VALUE);
        model.candidates(row).onSuccess(names -> container.getItems().setAll(names));
        TextField aliases = new TextField();
        aliases.setId("connect-aliases");
        aliases.setPromptText(T.get("connect.aliases.prompt"));
        TextField ipv4 = new TextField();
        ipv4.setId("connect-ipv4");
        ipv4.setPromptText(T.get("connect.ipv4.prompt"));

        GridPane form = FormDialogs.form();
        form.addRow(0, new Label(T.get("connect.container")), container);
        form.addRow(1, new Label(T.get("connect.aliases")), aliases);
        form.addRow(2, new Label(T.get("connect.ipv4")), ipv4);
        Label hint = new Label(T.get("connect.hint"));
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setWrapText(true);
        VBox content = new VBox(10, form, hint, error);
        content.setPadding(new Insets(4));
        content.setMinWidth(480);
        dialog.getDialogPane().setContent(content);

        FormDialogs.confirm(dialog, T.get("connect.confirm"), "network-connect-confirm", error, () -> {
            String name = container.getEditor().getText() == null ? "" : container.getEditor().getText().strip();
            if (name.isEmpty() && container.getValue() != null) {
                name = container.getValue().strip();
            }
            List<String> names = Arrays.stream(aliases.getText().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            String problem = problem(name, names, ipv4.getText(), row);
            if (problem != null) {
                FormDialogs.showError(error, problem);
                return null;
            }
            return model.connect(row, name, names, ipv4.getText());
        });
        dialog.setOnShown(e -> container.requestFocus());
    }

    private static String problem(String container, List<String> aliases, String ipv4, NetworkRow row) {
        if (container.isEmpty()) {
            return T.get("connect.container.required");
        }
        for (String alias : aliases) {
            if (!NetworkForm.NAME.matcher(alias).matches()) {
                return T.get("connect.alias.invalid", alias);
            }
        }
        if (ipv4 != null && !ipv4.isBlank()) {
            Optional<IpBlock> address = IpBlock.address(ipv4);
            if (address.isEmpty() || !address.get().ipv4()) {
                return T.get("connect.ipv4.invalid", ipv4.strip());
            }
            String subnet = row.subnetProperty().get();
            boolean inside = subnet.isEmpty() || Arrays.stream(subnet.split(",\\s*"))
                    .map(IpBlock::cidr).flatMap(Optional::stream)
                    .anyMatch(block -> block.contains(address.get()));
            if (!inside) {
                return T.get("connect.ipv4.outside", ipv4.strip(), subnet);
            }
        }
        return null;
    }

    void show() {
        dialog.show();
    }
}
