package dev.berth.desktop.resources;

import java.util.List;
import javafx.scene.control.TableColumn;

/** Networks: name, driver, scope, addresses and how many containers are attached. */
public final class NetworksView extends ResourceTableView<NetworkRow> {

    public NetworksView(NetworksViewModel model) {
        super("networks", "Networks", model.rows(), NetworkRow::searchText, "No networks");
        TableColumn<NetworkRow, String> name = Columns.text("Name", NetworkRow::nameProperty, 220);
        table().getColumns().setAll(List.of(name,
                Columns.text("Driver", NetworkRow::driverProperty, 100),
                Columns.text("Scope", NetworkRow::scopeProperty, 80),
                Columns.text("Subnet", NetworkRow::subnetProperty, 160),
                Columns.text("Gateway", NetworkRow::gatewayProperty, 140),
                Columns.number("Containers", r -> r.containersProperty().asObject(), String::valueOf, 100)));
        table().getSortOrder().add(name);
    }
}
