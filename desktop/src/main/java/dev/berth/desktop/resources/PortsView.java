package dev.berth.desktop.resources;

import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Published ports: host address → container port, with the container and its state. */
public final class PortsView extends ResourceTableView<PortRow> {

    public PortsView(PortsViewModel model) {
        super("ports", "Ports", model.rows(), PortRow::searchText, "No published ports");
        TableColumn<PortRow, String> host = Columns.text("Host address", PortRow::hostProperty, 200);
        TableColumn<PortRow, String> state = Columns.text("State", PortRow::stateProperty, 100);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("state-" + item);
                }
            }
        });
        table().getColumns().setAll(List.of(host,
                Columns.text("Container port", PortRow::targetProperty, 140),
                Columns.text("Container", PortRow::containerProperty, 240),
                state));
        table().getSortOrder().add(host);
    }
}
