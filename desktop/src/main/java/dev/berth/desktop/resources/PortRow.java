package dev.berth.desktop.resources;

import dev.berth.remote.containers.ContainerSummary;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One published port: where it is reachable on the host and where it lands in which container. */
public final class PortRow {

    /** A container and one of its published ports. */
    public record Data(ContainerSummary container, ContainerSummary.Port port) {

        String key() {
            return container.id() + "|" + port.ip() + "|" + port.publicPort() + "|" + port.privatePort() + "|" + port.type();
        }
    }

    private final String key;
    private final ReadOnlyStringWrapper host = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper container = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper();

    public PortRow(Data data) {
        this.key = data.key();
        update(data);
    }

    public void update(Data data) {
        ContainerSummary.Port p = data.port();
        host.set(hostAddress(p.ip()) + ":" + p.publicPort());
        target.set(p.privatePort() + "/" + Objects.toString(p.type(), "tcp"));
        container.set(data.container().name());
        state.set(Objects.toString(data.container().state(), ""));
    }

    /** IPv6 addresses need brackets before a port; an empty address means every one. */
    static String hostAddress(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "0.0.0.0";
        }
        return ip.contains(":") ? "[" + ip + "]" : ip;
    }

    public String key() {
        return key;
    }

    public ReadOnlyStringProperty hostProperty() {
        return host.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty targetProperty() {
        return target.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty containerProperty() {
        return container.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    String searchText() {
        return String.join(" ", host.get(), target.get(), container.get(), state.get());
    }
}
