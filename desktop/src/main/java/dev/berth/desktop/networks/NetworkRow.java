package dev.berth.desktop.networks;

import dev.berth.remote.networks.Ipam;
import dev.berth.remote.networks.NetworkSummary;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One network in the Networks table. */
public final class NetworkRow {

    /** The networks every engine has; the engine refuses to remove them. */
    static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

    /** A network and how many containers (running or not) are attached to it. */
    public record Data(NetworkSummary network, int containers) {
    }

    private final String id;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper driver = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper scope = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper subnet = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper gateway = new ReadOnlyStringWrapper();
    private final ReadOnlyIntegerWrapper containers = new ReadOnlyIntegerWrapper();

    public NetworkRow(Data data) {
        this.id = data.network().id();
        update(data);
    }

    public void update(Data data) {
        NetworkSummary n = data.network();
        name.set(n.name());
        driver.set(Objects.toString(n.driver(), ""));
        scope.set(Objects.toString(n.scope(), ""));
        List<Ipam.Config> configs = n.ipam() == null || n.ipam().config() == null ? List.of() : n.ipam().config();
        subnet.set(configs.stream().map(Ipam.Config::subnet).filter(Objects::nonNull).collect(Collectors.joining(", ")));
        gateway.set(configs.stream().map(Ipam.Config::gateway).filter(Objects::nonNull).collect(Collectors.joining(", ")));
        containers.set(data.containers());
    }

    public String id() {
        return id;
    }

    /** bridge, host or none: the engine's own networks, which cannot be removed. */
    public boolean predefined() {
        return PREDEFINED.contains(name.get());
    }

    public String name() {
        return name.get();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty driverProperty() {
        return driver.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty scopeProperty() {
        return scope.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subnetProperty() {
        return subnet.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty gatewayProperty() {
        return gateway.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty containersProperty() {
        return containers.getReadOnlyProperty();
    }

    String searchText() {
        return String.join(" ", name.get(), driver.get(), scope.get(), subnet.get(), gateway.get(), id);
    }
}
